import { describe, expect, it } from '@jest/globals'
import type { Settings } from '../../src/settings.js'
import type { SyncResult } from '../../src/sync.js'
import {
  injectFault,
  PROXY_ERROR_PAGE,
  type Fault,
  type FaultMatch
} from '../../test-support/kestra-emulator/faults.js'
import { editOnServer, useEmulatorAndWorkspace, writeRequests } from '../helpers/emulator.js'
import { recordingLog } from '../helpers/log.js'
import { runSync } from '../helpers/run-sync.js'
import { settingsFor } from '../helpers/settings.js'
import { flowYaml } from '../helpers/workspace.js'

// Faults driven through the real client and the whole sync, judged by the server's end state.
const NS = 'company.team'
const FLOWS = '/api/v1/main/flows'

const testbed = useEmulatorAndWorkspace()

const run = (overrides: Partial<Settings> = {}, log = recordingLog().log): Promise<SyncResult> =>
  runSync(
    settingsFor(testbed.workspace, testbed.emulator.url, {
      delete: true,
      timeoutMs: 5000,
      ...overrides
    }),
    {
      log
    }
  )
const history = (id: string): Array<{ revision: number; deleted: boolean; source: string }> =>
  testbed.emulator.store.revisions('main', NS, id)

/** One flow to add (a), one to update (c), one to delete (gone), and `more` files in Git. */
async function oneOfEachWrite(more: Record<string, string> = {}): Promise<void> {
  await testbed.makeWorkspace({
    '_flows/a.yml': flowYaml('a', NS),
    '_flows/c.yml': flowYaml('c', NS, 'new'),
    ...more
  })
  testbed.emulator.store.seed('main', flowYaml('c', NS, 'old'))
  testbed.emulator.store.seed('main', flowYaml('gone', NS))
}

/** The state a clean apply leaves: each flow written once, with the content of Git. */
function expectCleanlyApplied(): void {
  expect(history('a').map(flow => flow.revision)).toEqual([1])
  expect(history('a')[0]?.source).toBe(flowYaml('a', NS))
  expect(history('c').map(flow => [flow.revision, flow.deleted])).toEqual([
    [1, false],
    [2, false]
  ])
  expect(history('c')[1]?.source).toBe(flowYaml('c', NS, 'new'))
  expect(history('gone').map(flow => [flow.revision, flow.deleted])).toEqual([
    [1, false],
    [2, true]
  ])
}

/**
 * Each fault, and the request timeout of the run. Every fault answers at once but the two that are
 * no answer at all: they cost the timeout, which is short for them. A request that is only slow
 * (a busy machine) and times out too is retried like them, so it changes no assertion here.
 */
const transient: Array<[string, Fault, Partial<Settings>]> = [
  ['503', { status: 503 }, {}],
  ['502 from a proxy', { status: 502, body: PROXY_ERROR_PAGE, contentType: 'text/html' }, {}],
  ['504', { status: 504 }, {}],
  ['429 with Retry-After', { status: 429, retryAfter: '0' }, {}],
  ['a reset before the server acts', { reset: 'before' }, {}],
  ['a reset after the server acted', { reset: 'after' }, {}],
  ['no answer', { hang: true }, { timeoutMs: 250 }],
  ['a slow body', { slowBodyMs: 4000 }, { timeoutMs: 250 }]
]

describe('sync under transient faults', () => {
  it.each(transient)(
    'writes every flow exactly once when each write first meets %s',
    async (_, fault, timeout) => {
      await oneOfEachWrite()
      const hits = [
        injectFault(testbed.emulator, { method: 'POST', path: FLOWS, times: 1 }, fault),
        injectFault(testbed.emulator, { method: 'PUT', path: `${FLOWS}/${NS}/c`, times: 1 }, fault),
        injectFault(
          testbed.emulator,
          { method: 'DELETE', path: `${FLOWS}/${NS}/gone`, times: 1 },
          fault
        )
      ]
      const result = await run(timeout)
      expect(result.failure).toBeUndefined()
      expect(hits.map(hit => hit.hits)).toEqual([1, 1, 1])
      expect(result.changeset.changes.map(change => [change.id, change.applyOutcome])).toEqual([
        ['gone', 'applied'],
        ['a', 'applied'],
        ['c', 'applied']
      ])
      expectCleanlyApplied()

      testbed.emulator.clearRequests()
      const rerun = await run()
      expect(rerun.changeset.changes.map(change => change.syncState)).toEqual([
        'UNCHANGED',
        'UNCHANGED'
      ])
      expect(writeRequests(testbed.emulator)).toEqual([])
    }
  )

  it.each(transient)('reads through %s on every read', async (_, fault, timeout) => {
    await oneOfEachWrite()
    const reads: FaultMatch[] = [
      { method: 'GET', path: '/api/v1/configs', times: 1 },
      { method: 'GET', path: `${FLOWS}/search`, times: 1 },
      { method: 'GET', path: `${FLOWS}/export/by-query`, times: 1 },
      { method: 'POST', path: `${FLOWS}/validate`, times: 1 }
    ]
    const hits = reads.map(match => injectFault(testbed.emulator, match, fault))
    const result = await run(timeout)
    expect(result.failure).toBeUndefined()
    expect(hits.map(hit => hit.hits)).toEqual([1, 1, 1, 1])
    expectCleanlyApplied()
  })
})

describe('sync under lasting faults', () => {
  it('stops at a write that fails for good, says what landed, and a rerun converges', async () => {
    await oneOfEachWrite({ '_flows/b.yml': flowYaml('b', NS) })
    const fault = injectFault(
      testbed.emulator,
      { method: 'PUT', path: `${FLOWS}/${NS}/c` },
      { status: 403 }
    )
    const failed = await run({ concurrency: 1 })
    expect(failed.failure?.message).toMatch(
      /^The apply stopped: 2 write\(s\) done, 1 failed, 1 not attempted\. A new run applies what is left\.\n {2}- _flows\/c\.yml:1: company\.team\.c: Kestra answered 403 to PUT .*check the user's or token's permissions/
    )
    expect(failed.changeset.changes.map(change => [change.id, change.applyOutcome])).toEqual([
      ['gone', 'not-attempted'],
      ['a', 'applied'],
      ['b', 'applied'],
      ['c', 'failed']
    ])
    // Never retried: a 403 does not pass.
    expect(writeRequests(testbed.emulator).filter(write => write.startsWith('PUT'))).toHaveLength(1)
    expect(history('gone').map(flow => flow.deleted)).toEqual([false])

    fault.remove()
    testbed.emulator.clearRequests()
    const rerun = await run()
    expect(rerun.failure).toBeUndefined()
    expect(rerun.changeset.changes.map(change => [change.syncState, change.id])).toEqual([
      ['DELETED', 'gone'],
      ['UNCHANGED', 'a'],
      ['UNCHANGED', 'b'],
      ['UPDATED', 'c']
    ])
    expect(writeRequests(testbed.emulator)).toEqual([
      `PUT ${FLOWS}/${NS}/c`,
      `DELETE ${FLOWS}/${NS}/gone`
    ])
    expectCleanlyApplied()
  })

  it('fails a read that never recovers after a bounded number of attempts, writing nothing', async () => {
    await oneOfEachWrite()
    injectFault(testbed.emulator, { method: 'GET', path: `${FLOWS}/search` }, { status: 503 })
    await expect(run()).rejects.toThrow(
      /^Kestra answered 503 to GET \/api\/v1\/main\/flows\/search\. Gave up after 4 attempts\.$/
    )
    expect(
      testbed.emulator.requests.filter(request => request.path === `${FLOWS}/search`)
    ).toHaveLength(4)
    expect(writeRequests(testbed.emulator)).toEqual([])
  })
})

describe('deletion guards', () => {
  it('never deletes in a protected namespace, and says which flows it kept', async () => {
    await testbed.makeWorkspace({ '_flows/mine.yml': flowYaml('mine', 'system') })
    testbed.emulator.store.seed('main', flowYaml('purge', 'system'))
    testbed.emulator.store.seed('main', flowYaml('alerts', 'system.ops'))
    const recorded = recordingLog()
    const result = await run(
      { targetNamespace: 'system', includeChildNamespaces: true },
      recorded.log
    )
    expect(result.changeset.changes.map(change => [change.syncState, change.id])).toEqual([
      ['ADDED', 'mine']
    ])
    expect(result.changeset.kept.map(flow => [flow.id, flow.reason])).toEqual([
      ['purge', 'protected-namespace'],
      ['alerts', 'protected-namespace']
    ])
    expect(recorded.lines).toContain(
      'notice: 2 deletion(s) withheld in protected namespaces: system.purge, system.ops.alerts.'
    )
    expect(writeRequests(testbed.emulator)).toEqual([`POST ${FLOWS}`])
  })

  it('deletes in system when the list no longer names it', async () => {
    await testbed.makeWorkspace({ '_flows/mine.yml': flowYaml('mine', 'system') })
    testbed.emulator.store.seed('main', flowYaml('purge', 'system'))
    await run({ targetNamespace: 'system', protectedNamespaces: ['company.prod'] })
    expect(writeRequests(testbed.emulator)).toContain(`DELETE ${FLOWS}/system/purge`)
  })

  it.each([false, true])(
    'refuses a plan with more deletions than max-deletions (dry run: %s), writing nothing',
    async dryRun => {
      await testbed.makeWorkspace({ '_flows/a.yml': flowYaml('a', NS) })
      for (const id of ['x', 'y', 'z']) testbed.emulator.store.seed('main', flowYaml(id, NS))
      const result = await run({ maxDeletions: 2, dryRun })
      expect(result.failure?.message).toBe(
        "The plan deletes 3 flow(s), more than 'max-deletions' (2); nothing was written. If these deletions are meant, raise 'max-deletions' for one run: company.team.x, company.team.y, company.team.z."
      )
      expect(result.changeset.changes.map(change => change.syncState)).toEqual([
        'DELETED',
        'DELETED',
        'DELETED',
        'ADDED'
      ])
      expect(writeRequests(testbed.emulator)).toEqual([])
    }
  )

  it('applies a plan within max-deletions', async () => {
    await testbed.makeWorkspace({ '_flows/a.yml': flowYaml('a', NS) })
    for (const id of ['x', 'y']) testbed.emulator.store.seed('main', flowYaml(id, NS))
    const result = await run({ maxDeletions: 2 })
    expect(result.failure).toBeUndefined()
    expect(
      writeRequests(testbed.emulator).filter(write => write.startsWith('DELETE'))
    ).toHaveLength(2)
  })
})

describe('a server that changes between plan and write', () => {
  /** Runs `change` on the server while the sync validates, i.e. after its plan and before writes. */
  function duringValidation(change: () => void): void {
    testbed.emulator.use((request: { method: string; path: string }) => {
      if (request.path.endsWith('/flows/validate')) change()
      return false
    })
  }

  it('refuses to write when a planned flow moved on, and overwrites nothing', async () => {
    await oneOfEachWrite()
    duringValidation(() => editOnServer(testbed.emulator, NS, 'c', 'edited in the UI'))
    const result = await run()
    expect(result.failure?.message).toMatch(
      /^1 flow\(s\) changed on the server after the plan was made .*nothing was written.*\n {2}- _flows\/c\.yml:1: company\.team\.c: planned against revision 1, now at revision 2$/
    )
    expect(result.changeset.changes.every(change => change.applyOutcome === 'not-attempted')).toBe(
      true
    )
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(history('c').at(-1)?.source).toContain('edited in the UI')
  })

  it('refuses to write when a flow to add appeared, or one to delete went', async () => {
    await oneOfEachWrite()
    duringValidation(() => {
      testbed.emulator.store.seed('main', flowYaml('a', NS, 'created by someone else'))
      testbed.emulator.store.softDelete('main', NS, 'gone')
    })
    const result = await run()
    expect(result.failure?.problems.map(problem => problem.message)).toEqual([
      'company.team.gone: planned against revision 1, now absent from the server',
      'company.team.a: planned against no flow, now at revision 1'
    ])
    expect(writeRequests(testbed.emulator)).toEqual([])
  })

  it('warns when an update replaced a change made on the server during the sync', async () => {
    await oneOfEachWrite()
    testbed.emulator.use((request: { method: string }) => {
      if (request.method === 'PUT') editOnServer(testbed.emulator, NS, 'c', 'racing edit')
      return false
    })
    const recorded = recordingLog()
    const result = await run({}, recorded.log)
    expect(result.failure).toBeUndefined()
    expect(recorded.warnings).toContainEqual({
      message: expect.stringMatching(
        /^company\.team\.c: the server numbered this write revision 3, not 2: someone changed the flow on the server during the sync/
      ),
      problem: expect.objectContaining({ gitPath: '_flows/c.yml', line: 1 })
    })
  })
})
