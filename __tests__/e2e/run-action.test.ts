import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as path from 'node:path'
import { runAction, type ActionRun } from '../../test-support/run-action.js'
import { useEmulatorAndWorkspace } from '../helpers/emulator.js'
import { runActionHere } from '../helpers/run-in-process.js'
import { flowYaml, makeWorkspace, removeWorkspace } from '../helpers/workspace.js'

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

// The suites that run the action in this process claim the bundle's behaviour: both ways must give
// the same exit code, outputs, summary and log, on a run that applies and on runs that fail, and
// leave this process's environment, folder and exit code as they were.
describe('the action in this process', () => {
  const testbed = useEmulatorAndWorkspace()
  const comparable = (run: ActionRun, port: string): unknown => {
    // The emulator's port, the plan id made with it and the requests' timings differ between runs.
    const steady = (text: string): string =>
      text
        .split(testbed.workspace)
        .join('$WORKSPACE')
        .split(port)
        .join('$PORT')
        .replace(/\d+ ms/g, 'N ms')
        .replace(/\b[0-9a-f]{64}\b/g, 'PLAN-ID')
    return {
      exitCode: run.exitCode,
      outputs: Object.fromEntries(Object.entries(run.outputs).map(([k, v]) => [k, steady(v)])),
      summary: steady(run.summary),
      log: steady(run.stdout),
      stderr: steady(run.stderr)
    }
  }
  const runOnFreshServer = async (
    runner: typeof runAction,
    more: Record<string, string>
  ): Promise<unknown> => {
    const emulator = await testbed.restartEmulator()
    emulator.store.seed('main', flowYaml('etl', 'acme', 'old message'))
    emulator.store.seed('main', flowYaml('obsolete', 'acme'))
    const inputs = { ...testbed.serverInputs, 'target-namespace': 'acme', ...more }
    const run = await runner({ inputs, workspace: testbed.workspace })
    return comparable(run, new URL(emulator.url).port)
  }

  it.each([
    ['an apply that adds, updates and deletes', { delete: 'true' }, {}],
    ['a dry run', { 'dry-run': 'true' }, {}],
    ['an input refused', { 'target-namespace': 'Acme' }, {}],
    [
      'a flow the server refuses',
      {},
      { '_flows/bad.yml': 'id: bad\nnamespace: acme\ntasks: []\n' }
    ],
    ['a broken file', {}, { '_flows/broken.yml': 'id: broken\nnamespace: acme\ntasks: [\n' }]
  ])('gives what the bundle gives: %s', async (_name, more, files) => {
    await testbed.makeWorkspace({
      '_flows/hello.yml': flowYaml('hello', 'acme'),
      '_flows/etl.yml': flowYaml('etl', 'acme', 'new message'),
      ...files
    })
    const env = { ...process.env }
    const cwd = process.cwd()
    const bundled = await runOnFreshServer(runAction, more)
    const here = await runOnFreshServer(runActionHere, more)
    expect(here).toEqual(bundled)
    expect({ env: process.env, cwd: process.cwd(), exitCode: process.exitCode }).toEqual({
      env,
      cwd,
      exitCode: undefined
    })
  })
})
