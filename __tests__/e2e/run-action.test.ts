import { expect, it } from '@jest/globals'
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
      runAction({ inputs: {}, workspace, entry: path.join(workspace, 'hang.mjs'), timeoutMs: 500 })
    ).rejects.toThrow(
      /hang\.mjs did not exit within 500 ms and was killed\.\nstdout:\nstarted\n\nstderr:\nwaiting\n$/
    )
  } finally {
    await removeWorkspace(workspace)
  }
})
