import { expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as path from 'node:path'
import { runAction } from '../../test-support/run-action.js'
import { makeWorkspace, removeWorkspace } from '../helpers/workspace.js'

// The harness itself: a run that never ends must not outlive the test that started it.
it('kills a run past its timeout and rejects with what it printed', async () => {
  const workspace = await makeWorkspace({
    'hang.mjs': "console.log('started'); console.error('waiting'); setInterval(() => {}, 1000)\n"
  })
  try {
    await expect(
      // Long enough for node to start and print on a busy machine: the kill must come after that.
      runAction({ inputs: {}, workspace, entry: path.join(workspace, 'hang.mjs'), timeoutMs: 3000 })
    ).rejects.toThrow(
      /hang\.mjs did not exit within 3000 ms and was killed\.\nstdout:\nstarted\n\nstderr:\nwaiting\n$/
    )
  } finally {
    await removeWorkspace(workspace)
  }
})

// .ci/run runs the end-to-end suites a second time with ACTION_NODE naming a Node 24.
it('starts the bundle with the node that ACTION_NODE names, else with its own', async () => {
  const expected = process.env.ACTION_NODE
    ? execFileSync(process.env.ACTION_NODE, ['--version'], { encoding: 'utf8' }).trim()
    : process.version
  const workspace = await makeWorkspace({ 'version.mjs': 'console.log(process.version)\n' })
  try {
    const run = await runAction({
      inputs: {},
      workspace,
      entry: path.join(workspace, 'version.mjs')
    })
    expect(run.stdout.trim()).toBe(expected)
  } finally {
    await removeWorkspace(workspace)
  }
})
