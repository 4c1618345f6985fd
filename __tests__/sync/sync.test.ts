import { describe, expect, it } from '@jest/globals'
import type { ServerResponse } from 'node:http'
import type { Settings } from '../../src/settings.js'
import type { SyncResult } from '../../src/sync.js'
import {
  requestsBeyondVersion,
  useEmulatorAndWorkspace,
  writeRequests
} from '../helpers/emulator.js'
import { recordingLog } from '../helpers/log.js'
import { runSync } from '../helpers/run-sync.js'
import { settingsFor } from '../helpers/settings.js'
import { flowYaml } from '../helpers/workspace.js'

const testbed = useEmulatorAndWorkspace()

const run = (overrides: Partial<Settings> = {}, log = recordingLog().log): Promise<SyncResult> =>
  runSync(settingsFor(testbed.workspace, testbed.emulator.url, overrides), { log })
const states = (result: SyncResult): string[][] =>
  result.changeset.changes.map(change => [change.syncState, `${change.namespace}.${change.id}`])

describe('sync against the emulator', () => {
  it('plans in a dry run without writing, applies, then finds everything UNCHANGED', async () => {
    await testbed.makeWorkspace({
      '_flows/hello.yml': flowYaml('hello', 'anything.here'),
      '_flows/bye.yaml': flowYaml('bye', 'company.team')
    })
    testbed.emulator.store.seed('main', flowYaml('bye', 'company.team', 'old'))

    const dry = await run({ dryRun: true })
    expect(states(dry)).toEqual([
      ['UPDATED', 'company.team.bye'],
      ['ADDED', 'company.team.hello']
    ])
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(testbed.emulator.store.latest('main', 'company.team', 'hello')).toBeUndefined()

    const applied = await run()
    expect(states(applied)).toEqual(states(dry))
    expect(applied.changeset.changes.map(change => change.revision)).toEqual([2, 1])
    // Creates before updates: an updated flow may call a new subflow.
    expect(writeRequests(testbed.emulator)).toEqual([
      'POST /api/v1/main/flows',
      'PUT /api/v1/main/flows/company.team/bye'
    ])
    // The namespace is rewritten to the target, nothing else in the file changes.
    expect(testbed.emulator.store.latest('main', 'company.team', 'hello')?.source).toBe(
      flowYaml('hello', 'anything.here').replace('anything.here', 'company.team')
    )

    testbed.emulator.clearRequests()
    const again = await run()
    expect(states(again).map(([state]) => state)).toEqual(['UNCHANGED', 'UNCHANGED'])
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(testbed.emulator.store.revisions('main', 'company.team', 'bye')).toHaveLength(2)
  })

  it('reads the server in a constant number of requests', async () => {
    await testbed.makeWorkspace(
      Object.fromEntries(
        Array.from({ length: 30 }, (_, i) => [
          `_flows/f${i}.yml`,
          flowYaml(`f${i}`, 'company.team')
        ])
      )
    )
    await run()
    testbed.emulator.clearRequests()
    await run({ dryRun: true })
    expect(testbed.emulator.requests.map(request => `${request.method} ${request.path}`)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/configs',
        'GET /api/v1/main/flows/search',
        'GET /api/v1/main/flows/export/by-query'
      ])
    )
    expect(testbed.emulator.requests).toHaveLength(3)
  })

  it('maps sub-folders to child namespaces and keeps sibling namespaces out of scope', async () => {
    await testbed.makeWorkspace({
      '_flows/top.yml': flowYaml('top', 'x'),
      '_flows/data/etl/load.yml': flowYaml('load', 'x')
    })
    testbed.emulator.store.seed('main', flowYaml('stale', 'company.team.data'))
    testbed.emulator.store.seed('main', flowYaml('sibling', 'company.teamx'))
    testbed.emulator.store.seed('main', flowYaml('outside', 'company'))

    const result = await run({ includeChildNamespaces: true, delete: true })
    expect(states(result)).toEqual([
      ['DELETED', 'company.team.data.stale'],
      ['ADDED', 'company.team.data.etl.load'],
      ['ADDED', 'company.team.top']
    ])
    expect(testbed.emulator.store.latest('main', 'company.team.data', 'stale')).toBeUndefined()
    expect(testbed.emulator.store.latest('main', 'company.teamx', 'sibling')).toBeDefined()
    expect(testbed.emulator.store.latest('main', 'company', 'outside')).toBeDefined()
  })

  it('without child namespaces, reads only the top level and compares only the target namespace', async () => {
    await testbed.makeWorkspace({
      '_flows/top.yml': flowYaml('top', 'x'),
      '_flows/sub/ignored.yml': flowYaml('ignored', 'x')
    })
    testbed.emulator.store.seed('main', flowYaml('child', 'company.team.sub'))
    const recorded = recordingLog()
    const result = await run({ delete: true }, recorded.log)
    expect(recorded.lines).toContain(
      "notice: 1 sub-folder(s) not read, as 'include-child-namespaces' is false: _flows/sub"
    )
    expect(states(result)).toEqual([['ADDED', 'company.team.top']])
    expect(testbed.emulator.store.latest('main', 'company.team.sub', 'child')).toBeDefined()
  })

  it('names a dot-file that looks like a flow, since with delete its flow goes', async () => {
    await testbed.makeWorkspace({
      '_flows/a.yml': flowYaml('a', 'company.team'),
      '_flows/.draft.yml': flowYaml('draft', 'company.team')
    })
    testbed.emulator.store.seed('main', flowYaml('draft', 'company.team'))
    const recorded = recordingLog()
    const result = await run({ delete: true, dryRun: true }, recorded.log)
    expect(recorded.lines).toContain(
      "notice: 1 file(s) not read, their names starting with a dot: _flows/.draft.yml. Rename them to sync them; with 'delete', the server's copies of their flows are deleted."
    )
    expect(states(result)).toEqual([
      ['DELETED', 'company.team.draft'],
      ['ADDED', 'company.team.a']
    ])
  })

  it('keeps server-only flows when delete is off and says so', async () => {
    await testbed.makeWorkspace({ '_flows/a.yml': flowYaml('a', 'company.team') })
    testbed.emulator.store.seed('main', flowYaml('only_on_server', 'company.team'))
    const result = await run()
    expect(result.changeset.kept).toEqual([
      { namespace: 'company.team', id: 'only_on_server', revision: 1, reason: 'delete-disabled' }
    ])
    expect(testbed.emulator.store.latest('main', 'company.team', 'only_on_server')).toBeDefined()
  })

  it('validates every change first and writes nothing when one is invalid', async () => {
    await testbed.makeWorkspace({
      '_flows/good.yml': flowYaml('good', 'company.team'),
      '_flows/bad.yml':
        'id: bad\nnamespace: company.team\nunknownProperty: 1\ntasks:\n  - id: t\n    type: x.Y\n'
    })
    testbed.emulator.store.seed('main', flowYaml('gone', 'company.team'))
    for (const dryRun of [true, false]) {
      const result = await run({ delete: true, dryRun })
      expect(result.failure?.message).toMatch(
        /^1 flow\(s\) are invalid for the server; nothing was written:\n {2}- _flows\/bad\.yml:1: company\.team\.bad: .*unknownProperty/
      )
      expect(result.failure?.problems).toEqual([
        expect.objectContaining({ gitPath: '_flows/bad.yml', line: 1 })
      ])
      // The plan is still reported; an apply says that none of it happened.
      expect(states(result)).toEqual([
        ['DELETED', 'company.team.gone'],
        ['ADDED', 'company.team.bad'],
        ['ADDED', 'company.team.good']
      ])
      expect(result.changeset.changes.map(change => change.applyOutcome)).toEqual(
        dryRun ? [undefined, 'invalid', undefined] : ['not-attempted', 'invalid', 'not-attempted']
      )
    }
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(testbed.emulator.store.latest('main', 'company.team', 'gone')).toBeDefined()
  })

  it('stops at a failed write, says what landed, and a rerun applies only what is left', async () => {
    await testbed.makeWorkspace({
      '_flows/a.yml': flowYaml('a', 'company.team'),
      '_flows/b.yml': flowYaml('b', 'company.team'),
      '_flows/c.yml': flowYaml('c', 'company.team', 'new')
    })
    testbed.emulator.store.seed('main', flowYaml('c', 'company.team', 'old'))
    testbed.emulator.store.seed('main', flowYaml('gone', 'company.team'))
    const removeFault = testbed.emulator.use(
      (request: { method: string; body: string }, response: ServerResponse) => {
        if (request.method !== 'POST' || !request.body.startsWith('id: b\n')) return false
        response
          .writeHead(500, { 'Content-Type': 'application/json' })
          .end('{"message":"Internal server error: disk full"}')
        return true
      }
    )
    const failed = await run({ delete: true })
    expect(failed.failure?.message).toMatch(
      /^The apply stopped: 1 write\(s\) done, 1 failed, 2 not attempted\. A new run applies what is left\.\n {2}- _flows\/b\.yml:1: company\.team\.b: Kestra answered 500 to POST \/api\/v1\/main\/flows: Internal server error: disk full\. Gave up after 4 attempts\./
    )
    expect(failed.changeset.changes.map(change => [change.id, change.applyOutcome])).toEqual([
      ['gone', 'not-attempted'],
      ['a', 'applied'],
      ['b', 'failed'],
      ['c', 'not-attempted']
    ])
    // a once, b four times (each retry after confirming b absent), nothing after the failure.
    expect(writeRequests(testbed.emulator)).toEqual(Array(5).fill('POST /api/v1/main/flows'))
    expect(testbed.emulator.store.latest('main', 'company.team', 'gone')).toBeDefined()

    removeFault()
    testbed.emulator.clearRequests()
    const rerun = await run({ delete: true })
    expect(rerun.failure).toBeUndefined()
    expect(states(rerun)).toEqual([
      ['DELETED', 'company.team.gone'],
      ['UNCHANGED', 'company.team.a'],
      ['ADDED', 'company.team.b'],
      ['UPDATED', 'company.team.c']
    ])
    expect(testbed.emulator.store.revisions('main', 'company.team', 'a')).toHaveLength(1)
  })

  it('skips invalid flows with ignore-invalid-flows, and never deletes them for being invalid', async () => {
    await testbed.makeWorkspace({
      '_flows/good.yml': flowYaml('good', 'company.team'),
      '_flows/bad.yml': 'id: bad\nnamespace: company.team\ntasks: []\n'
    })
    testbed.emulator.store.seed('main', flowYaml('bad', 'company.team'))
    const recorded = recordingLog()
    const result = await run({ ignoreInvalidFlows: true, delete: true }, recorded.log)
    expect(
      result.changeset.changes.map(change => [change.id, change.syncState, change.applyOutcome])
    ).toEqual([
      ['bad', 'UPDATED', 'invalid'],
      ['good', 'ADDED', 'applied']
    ])
    expect(result.changeset.changes[0]?.error).toMatch(/tasks/)
    expect(result.invalidSkipped).toEqual([expect.objectContaining({ gitPath: '_flows/bad.yml' })])
    expect(recorded.warnings).toEqual([
      {
        message: expect.stringMatching(/^Skipped invalid flow: company\.team\.bad: .*tasks/),
        // The line of `tasks`, which the server's message names.
        problem: expect.objectContaining({ gitPath: '_flows/bad.yml', line: 3 })
      }
    ])
    expect(testbed.emulator.store.latest('main', 'company.team', 'bad')?.revision).toBe(1)
  })

  const routes = (): string[] => requestsBeyondVersion(testbed.emulator)

  it("refuses duplicate flows before reading the server's flows, naming both files", async () => {
    await testbed.makeWorkspace({
      '_flows/one.yml': flowYaml('same', 'company.team'),
      '_flows/two.yml': flowYaml('same', 'elsewhere')
    })
    await expect(run()).rejects.toThrow(/_flows\/one\.yml:1 and _flows\/two\.yml:1/)
    expect(routes()).toEqual([])
  })

  it("refuses a file broken at its top level before reading the server's flows", async () => {
    await testbed.makeWorkspace({
      '_flows/ok.yml': flowYaml('ok', 'company.team'),
      '_flows/broken.yml': 'id: broken\nnamespace: company.team\n tasks: []\n'
    })
    await expect(run()).rejects.toThrow(/_flows\/broken\.yml:\d+: /)
    expect(routes()).toEqual([])
  })

  it('refuses YAML broken deeper, which the server does not hold, before any write, with the file and line', async () => {
    await testbed.makeWorkspace({
      '_flows/ok.yml': flowYaml('ok', 'company.team'),
      '_flows/broken.yml':
        'id: broken\nnamespace: company.team\ntasks:\n  - id: a\n   type: wrong-indent\n'
    })
    testbed.emulator.store.seed('main', flowYaml('broken', 'company.team'))
    await expect(run()).rejects.toThrow(/_flows\/broken\.yml:5: /)
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(routes()).not.toContain('POST /api/v1/main/flows/validate')
  })

  it('refuses delete on an empty folder, and a missing folder unless told otherwise', async () => {
    await testbed.makeWorkspace({ '_flows/README.md': 'not a flow' })
    testbed.emulator.store.seed('main', flowYaml('precious', 'company.team'))
    await expect(run({ delete: true })).rejects.toThrow(
      /refusing to delete every flow of namespace company\.team/
    )
    await expect(run({ gitDirectory: 'missing' })).rejects.toThrow(/'missing' .* does not exist/)
    await expect(
      run({ gitDirectory: 'missing', failOnMissingDirectory: false, delete: true })
    ).rejects.toThrow(/refusing to delete/)
    const empty = await run({ gitDirectory: 'missing', failOnMissingDirectory: false })
    expect(empty.changeset.changes).toEqual([])
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(testbed.emulator.store.latest('main', 'company.team', 'precious')).toBeDefined()
  })

  it('asks whether the job checked the repository out when the folder is missing', async () => {
    await testbed.makeWorkspace({})
    await expect(run({ gitDirectory: '_flows' })).rejects.toThrow(
      "The folder '_flows' (input 'git-directory') does not exist in the workspace. Did the job run actions/checkout before this step? Check the path, or set 'fail-on-missing-directory: false' to read it as empty."
    )
    await expect(run({ gitDirectory: '_flows', delete: true })).rejects.toThrow(
      "does not exist in the workspace. Did the job run actions/checkout before this step? 'delete' is true: refusing to delete every flow of namespace company.team."
    )
  })

  it('re-creates a deleted flow with the next revision', async () => {
    await testbed.makeWorkspace({ '_flows/back.yml': flowYaml('back', 'company.team') })
    testbed.emulator.store.seed('main', flowYaml('back', 'company.team', 'v1'))
    testbed.emulator.store.softDelete('main', 'company.team', 'back')
    const result = await run()
    expect(states(result)).toEqual([['ADDED', 'company.team.back']])
    expect(result.changeset.changes[0]?.revision).toBeGreaterThan(1)
  })

  it.each([
    ['0.21.4', 'refuses a missing subflow in validation and on update'],
    ['1.3.21', 'warns of a missing subflow']
  ])('syncs a new subflow and the flows calling it in one run on %s, which %s', async version => {
    await testbed.restartEmulator({ version })
    const caller = (id: string, message: string): string =>
      `id: ${id}\nnamespace: company.team\ntasks:\n  - id: call\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: company.team\n    flowId: child\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: ${message}\n`
    await testbed.makeWorkspace({
      '_flows/child.yml': flowYaml('child', 'company.team'),
      '_flows/new_parent.yml': caller('new_parent', 'new'),
      '_flows/old_parent.yml': caller('old_parent', 'v2')
    })
    testbed.emulator.store.seed('main', flowYaml('old_parent', 'company.team', 'v1'))
    const recorded = recordingLog()
    const result = await run({}, recorded.log)
    expect(result.failure).toBeUndefined()
    expect(states(result)).toEqual([
      ['ADDED', 'company.team.child'],
      ['ADDED', 'company.team.new_parent'],
      ['UPDATED', 'company.team.old_parent']
    ])
    expect(recorded.warnings).toEqual([])
    expect(recorded.lines).toEqual(
      expect.arrayContaining([
        'company.team.new_parent calls company.team.child, which this sync creates first.',
        'company.team.old_parent calls company.team.child, which this sync creates first.'
      ])
    )
    expect(testbed.emulator.store.latest('main', 'company.team', 'old_parent')?.revision).toBe(2)
  })

  it('uses tenant-less paths on a server older than 0.23', async () => {
    await testbed.restartEmulator({ version: '0.22.6' })
    await testbed.makeWorkspace({ '_flows/a.yml': flowYaml('a', 'company.team') })
    const result = await run()
    expect(states(result)).toEqual([['ADDED', 'company.team.a']])
    expect(writeRequests(testbed.emulator)).toEqual(['POST /api/v1/flows'])
    expect(
      testbed.emulator.requests.every(request => !request.path.startsWith('/api/v1/main/'))
    ).toBe(true)
  })

  it('never calls the destructive bulk or namespace endpoints', async () => {
    await testbed.makeWorkspace({ '_flows/a.yml': flowYaml('a', 'company.team') })
    testbed.emulator.store.seed('main', flowYaml('b', 'company.team'))
    await run({ delete: true })
    const paths = testbed.emulator.requests.map(request => `${request.method} ${request.path}`)
    expect(paths.filter(p => /bulk|by-query/.test(p) && !p.startsWith('GET'))).toEqual([])
    expect(paths).not.toContain('POST /api/v1/main/flows/company.team')
    expect(paths).toContain('DELETE /api/v1/main/flows/company.team/b')
  })

  it('batches flows that start with a --- marker, and validates alone one the server would cut', async () => {
    await testbed.makeWorkspace({
      '_flows/a.yml': flowYaml('a', 'company.team'),
      '_flows/b.yml': `# yamllint style\n---\n${flowYaml('b', 'company.team')}`,
      '_flows/c.yml': `%YAML 1.2\n---\n${flowYaml('c', 'company.team')}`
    })
    const result = await run()
    expect(states(result).map(([state]) => state)).toEqual(['ADDED', 'ADDED', 'ADDED'])
    expect(
      testbed.emulator.requests.filter(request => request.path.endsWith('/flows/validate'))
    ).toHaveLength(2)
    expect(testbed.emulator.store.latest('main', 'company.team', 'b')?.source).toBe(
      `# yamllint style\n---\n${flowYaml('b', 'company.team')}`
    )
  })
})
