import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'

// The README's first command must keep working: it runs the action three times on examples/.
describe('npm start (scripts/demo.mjs)', () => {
  it('shows a dry run, the apply and an all-UNCHANGED run, flows and namespace files', async () => {
    const child = spawn(process.execPath, ['scripts/demo.mjs'], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout.on('data', chunk => (output += chunk))
    child.stderr.on('data', chunk => (output += chunk))
    const code = await new Promise(resolve => child.on('close', resolve))
    expect(output).not.toContain('exit code 1')
    expect(code).toBe(0)
    const [dryRun, apply, again] = output.split('=== ').slice(1)
    expect(dryRun).toMatch(/has-changes = true/)
    expect(dryRun).toMatch(/Writes: 0/)
    expect(dryRun).toMatch(/added = 3/)
    expect(dryRun).toMatch(/updated = 2/)
    expect(dryRun).toMatch(/deleted = 2/)
    // 4 flows and 3 namespace files: two written, one deleted.
    expect(apply).toMatch(/Writes: 7/)
    expect(apply).toContain('Namespace files of `company.team`')
    expect(again).toMatch(/unchanged = 5/)
    expect(again).toMatch(/has-changes = false/)
    expect(again).toMatch(/Writes: 0/)
  })
})
