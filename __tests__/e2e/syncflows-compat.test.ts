import { describe, expect, it } from '@jest/globals'
import { runAction } from '../../test-support/run-action.js'
import { useEmulatorAndWorkspace, writeRequests } from '../helpers/emulator.js'

// A server that Kestra's SyncFlows task filled, then synced by this action from the same files.

const flow = (id: string, namespaceLine: string, message = 'hello'): string =>
  `id: ${id}\n${namespaceLine}\n\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: ${message}\n`

const testbed = useEmulatorAndWorkspace()

describe('coming from SyncFlows', () => {
  it("costs no revision when only the namespace line's form differs, and still updates a real change", async () => {
    // SyncFlows replaces the whole line with `namespace: <target>`.
    for (const id of ['quoted', 'single', 'commented', 'spaced', 'changed']) {
      testbed.emulator.store.seed('main', flow(id, 'namespace: company.team'))
    }
    await testbed.makeWorkspace({
      '_flows/quoted.yml': flow('quoted', 'namespace: "company.team"'),
      '_flows/single.yml': flow('single', "namespace: 'dev.team' # set by the sync"),
      '_flows/commented.yml': flow('commented', 'namespace: company.team # the team'),
      '_flows/spaced.yml': flow('spaced', 'namespace:   company.team'),
      '_flows/changed.yml': flow('changed', 'namespace: "company.team"', 'a real change')
    })
    testbed.emulator.clearRequests()
    const run = await runAction({
      inputs: { ...testbed.serverInputs, 'target-namespace': 'company.team' },
      workspace: testbed.workspace
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
    expect(writeRequests(testbed.emulator)).toEqual(['PUT /api/v1/main/flows/company.team/changed'])
  })
})
