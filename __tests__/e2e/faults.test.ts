import { beforeEach, describe, expect, it } from '@jest/globals'
import { injectFault } from '../../test-support/kestra-emulator/faults.js'
import { runAction } from '../../test-support/run-action.js'
import { useEmulatorAndWorkspace } from '../helpers/emulator.js'
import { flowYaml } from '../helpers/workspace.js'

// Faults met by the bundle itself, started as the runner starts it: exit code, outputs, summary,
// and the emulator's end state.
const NS = 'acme'
const FLOWS = '/api/v1/main/flows'

const testbed = useEmulatorAndWorkspace({
  files: {
    '_flows/a.yml': flowYaml('a', NS),
    '_flows/b.yml': flowYaml('b', NS),
    '_flows/c.yml': flowYaml('c', NS, 'new')
  }
})
beforeEach(() => {
  testbed.emulator.store.seed('main', flowYaml('c', NS, 'old'))
  testbed.emulator.store.seed('main', flowYaml('gone', NS))
})

const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  ...testbed.serverInputs,
  'target-namespace': NS,
  delete: 'true',
  'timeout-seconds': '2',
  concurrency: '1',
  ...extra
})

interface Row {
  flowId: string
  syncState: string
  applied?: boolean
  error?: string
}
const rows = (changes: string | undefined): Row[] => JSON.parse(changes ?? '[]') as Row[]

describe('node dist/index.js under faults', () => {
  it('tells a retry of its first request, sent before the log exists, once the log is there', async () => {
    const fault = injectFault(
      testbed.emulator,
      { method: 'GET', path: '/api/v1/configs', times: 1 },
      { status: 503 }
    )
    const run = await runAction({
      inputs: inputs({ 'dry-run': 'true' }),
      workspace: testbed.workspace
    })
    expect(run.exitCode).toBe(0)
    expect(fault.hits).toBe(1)
    const lines = run.stdout.split('\n')
    const retry = lines.findIndex(line =>
      /^Kestra answered 503 to GET \/api\/v1\/configs\. Retry 1 of 3 in \d\.\d s\.$/.test(line)
    )
    expect(retry).toBeGreaterThan(-1)
    // Told once, after the secrets are masked: the log did not exist when the retry was decided.
    expect(lines.filter(line => line.includes('to GET /api/v1/configs'))).toHaveLength(1)
    const lastMask = lines.map(line => line.startsWith('::add-mask::')).lastIndexOf(true)
    expect(lastMask).toBeGreaterThan(-1)
    expect(lastMask).toBeLessThan(retry)
    expect(run.outputs['has-changes']).toBe('true')
  })

  it('retries through passing faults, logs each retry, and writes each flow once', async () => {
    const faults = [
      injectFault(
        testbed.emulator,
        { method: 'GET', path: `${FLOWS}/search`, times: 1 },
        { status: 503 }
      ),
      injectFault(
        testbed.emulator,
        { method: 'PUT', path: `${FLOWS}/${NS}/c`, times: 1 },
        { reset: 'after' }
      ),
      injectFault(testbed.emulator, { method: 'POST', path: FLOWS, times: 1 }, { hang: true })
    ]
    // The shortest timeout the input takes: the create that gets no answer waits for it.
    const run = await runAction({
      inputs: inputs({ 'timeout-seconds': '1' }),
      workspace: testbed.workspace
    })
    expect(run.exitCode).toBe(0)
    expect(faults.map(fault => fault.hits)).toEqual([1, 1, 1])
    expect(run.stdout).toMatch(
      /Kestra answered 503 to GET \/api\/v1\/main\/flows\/search\. Retry 1 of 3 in \d\.\d s\./
    )
    expect(run.stdout).toMatch(
      /No answer from Kestra to PUT \/api\/v1\/main\/flows\/acme\/c .*Retry 1 of 3/
    )
    expect(run.stdout).toMatch(
      /No answer from Kestra to POST \/api\/v1\/main\/flows .*Retry 1 of 3/
    )
    expect(rows(run.outputs.changes).map(row => [row.flowId, row.syncState, row.applied])).toEqual([
      ['gone', 'DELETED', undefined],
      ['a', 'ADDED', undefined],
      ['b', 'ADDED', undefined],
      ['c', 'UPDATED', undefined]
    ])
    for (const id of ['a', 'b'])
      expect(testbed.emulator.store.revisions('main', NS, id)).toHaveLength(1)
    expect(testbed.emulator.store.revisions('main', NS, 'c')).toHaveLength(2)
  })

  it('stops at a write that fails for good, reports what landed, and a rerun converges', async () => {
    const fault = injectFault(testbed.emulator, { method: 'POST', path: FLOWS }, { status: 403 })
    const failed = await runAction({ inputs: inputs(), workspace: testbed.workspace })
    expect(failed.exitCode).toBe(1)
    expect(failed.stdout).toContain(
      '::error::The apply stopped: 0 write(s) done, 1 failed, 3 not attempted. A new run applies what is left.'
    )
    expect(failed.stdout).toMatch(
      /::error file=_flows\/a\.yml,line=1::acme\.a: Kestra answered 403/
    )
    expect(
      rows(failed.outputs.changes).map(row => [row.flowId, row.applied, row.error !== undefined])
    ).toEqual([
      ['gone', false, false],
      ['a', false, true],
      ['b', false, false],
      ['c', false, false]
    ])
    expect(failed.outputs['has-changes']).toBe('false')
    expect(failed.summary).toContain('| ➕ ADDED (failed) | `acme.a` | `_flows/a.yml` |  |')
    expect(
      testbed.emulator.store
        .list('main')
        .map((flow: { id: string }) => flow.id)
        .sort()
    ).toEqual(['c', 'gone'])

    fault.remove()
    const rerun = await runAction({ inputs: inputs(), workspace: testbed.workspace })
    expect(rerun.exitCode).toBe(0)
    expect(rerun.outputs).toMatchObject({ added: '2', updated: '1', deleted: '1' })
    const again = await runAction({ inputs: inputs(), workspace: testbed.workspace })
    expect(again.outputs).toMatchObject({ unchanged: '3', 'has-changes': 'false' })
  })

  it('refuses a deletion past max-deletions before writing anything', async () => {
    const run = await runAction({
      inputs: inputs({ 'max-deletions': '0' }),
      workspace: testbed.workspace
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      "::error::The plan deletes 1 flow(s), more than 'max-deletions' (0); nothing was written."
    )
    expect(testbed.emulator.requests.filter(request => request.method !== 'GET')).toEqual([
      expect.objectContaining({ path: `${FLOWS}/validate` })
    ])
  })
})
