import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startKestraEmulator } from '../../test-support/kestra-emulator/index.js'
import { runAction } from '../../test-support/run-action.js'
import { writeRequests } from '../helpers/emulator.js'
import { makeWorkspace, removeWorkspace } from '../helpers/workspace.js'

// A server that Kestra's SyncFlows task filled, then synced by this action from the same files.
type Emulator = Awaited<ReturnType<typeof startKestraEmulator>>
const auth = { username: 'ci@kestra.io', password: 'Very-Secret-42' }

const flow = (id: string, namespaceLine: string, message = 'hello'): string =>
  `id: ${id}\n${namespaceLine}\n\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: ${message}\n`

let emulator: Emulator
let workspace: string
beforeEach(async () => {
  emulator = await startKestraEmulator({ version: '1.3.21', auth })
})
afterEach(async () => {
  await emulator.close()
  await removeWorkspace(workspace)
})

describe('coming from SyncFlows', () => {
  it("costs no revision when only the namespace line's form differs, and still updates a real change", async () => {
    // SyncFlows replaces the whole line with `namespace: <target>`.
    for (const id of ['quoted', 'single', 'commented', 'spaced', 'changed']) {
      emulator.store.seed('main', flow(id, 'namespace: company.team'))
    }
    workspace = await makeWorkspace({
      '_flows/quoted.yml': flow('quoted', 'namespace: "company.team"'),
      '_flows/single.yml': flow('single', "namespace: 'dev.team' # set by the sync"),
      '_flows/commented.yml': flow('commented', 'namespace: company.team # the team'),
      '_flows/spaced.yml': flow('spaced', 'namespace:   company.team'),
      '_flows/changed.yml': flow('changed', 'namespace: "company.team"', 'a real change')
    })
    emulator.clearRequests()
    const run = await runAction({
      inputs: { 'kestra-url': emulator.url, ...auth, 'target-namespace': 'company.team' },
      workspace
    })
    expect(run.exitCode).toBe(0)
    expect(
      JSON.parse(run.outputs.changes ?? '').map(
        (row: { flowId: string; syncState: string }) => `${row.syncState} ${row.flowId}`
      )
    ).toEqual([
      'UPDATED changed',
      'UNCHANGED commented',
      'UNCHANGED quoted',
      'UNCHANGED single',
      'UNCHANGED spaced'
    ])
    expect(writeRequests(emulator)).toEqual(['PUT /api/v1/main/flows/company.team/changed'])
  })
})
