import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'

describe('README.md', () => {
  it('has the inputs and outputs tables of action.yml', () => {
    const check = spawnSync(process.execPath, ['scripts/docs.mjs', '--check'], { encoding: 'utf8' })
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
  })
})
