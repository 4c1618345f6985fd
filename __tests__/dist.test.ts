import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'

describe('dist/', () => {
  it('is exactly what src/ builds', () => {
    const check = spawnSync(process.execPath, ['scripts/check-dist.mjs'], { encoding: 'utf8' })
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
  }, 120_000)
})
