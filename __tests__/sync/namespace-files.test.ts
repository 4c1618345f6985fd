// Namespace files synced with the flows (files-directory), over real sockets against the emulator:
// plan, dry run, apply, a second run with nothing to do, one file changed, one deleted, and the
// files Kestra would mangle (a ZIP it would unpack, a path under _flows/ it would import).
import { describe, expect, it } from '@jest/globals'
import { strToU8, zipSync } from 'fflate'
import { createHash } from 'node:crypto'
import { symlink } from 'node:fs/promises'
import * as path from 'node:path'
import type { Settings } from '../../src/settings.js'
import type { SyncResult } from '../../src/sync.js'
import { renderReport } from '../../src/report/plan-report.js'
import { writeOutputs } from '../../src/report/outputs.js'
import { injectFault } from '../../test-support/kestra-emulator/faults.js'
import { requestsBeyondVersion, useEmulatorAndWorkspace } from '../helpers/emulator.js'
import { recordingLog } from '../helpers/log.js'
import { runSync } from '../helpers/run-sync.js'
import { settingsFor } from '../helpers/settings.js'
import { flowYaml } from '../helpers/workspace.js'

const testbed = useEmulatorAndWorkspace()
const NAMESPACE = 'company.team'
const FILES = `/api/v1/main/namespaces/${NAMESPACE}/files`

const run = (overrides: Partial<Settings> = {}, log = recordingLog().log): Promise<SyncResult> =>
  runSync(
    settingsFor(testbed.workspace, testbed.emulator.url, {
      filesDirectory: '_files',
      ...overrides
    }),
    { log }
  )

/** `STATE /path` per file of the plan, in its order. */
const fileStates = (result: SyncResult): string[] =>
  (result.changeset.files ?? []).map(file => `${file.syncState} ${file.kestraPath}`)

/** The files of a namespace on the emulator, path -> bytes. */
function serverFiles(namespace = NAMESPACE): Record<string, Buffer> {
  return Object.fromEntries(
    testbed.emulator.files
      .of('main', namespace)
      .files()
      .map((file: { path: string; bytes: Uint8Array }) => [file.path, Buffer.from(file.bytes)])
  )
}

/** The requests that change something, flows and files, as `METHOD path[?path=…]`, in order. */
function writes(): string[] {
  return testbed.emulator.requests
    .filter(request => request.method !== 'GET' && !request.path.endsWith('/flows/validate'))
    .map(request => {
      const file = new URLSearchParams(request.query).get('path')
      return `${request.method} ${request.path}${file === null ? '' : `?path=${file}`}`
    })
}

function fileReads(): string[] {
  return testbed.emulator.requests
    .filter(request => request.method === 'GET' && request.path.startsWith(FILES))
    .map(request => `${request.path}${request.query ? `?${request.query}` : ''}`)
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

const SINK = {
  limit: 1_000_000,
  measure: (text: string) => text.length,
  limitName: 'the limit',
  elsewhere: 'the log'
}
const report = (result: SyncResult): string =>
  renderReport(result, { targetNamespace: NAMESPACE, tenant: 'main', environment: '' }, SINK)

describe('namespace files with the flows', () => {
  it('plans in a dry run, applies files before flows, then finds everything UNCHANGED', async () => {
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/scripts/etl.py': 'print("hello")\n',
      '_files/queries/daily.sql': 'select 1;\n'
    })
    testbed.emulator.files.of('main', NAMESPACE).put('/queries/daily.sql', strToU8('select 0;\n'))

    const dry = await run({ dryRun: true })
    expect(fileStates(dry)).toEqual(['UPDATED /queries/daily.sql', 'ADDED /scripts/etl.py'])
    expect(writes()).toEqual([])
    // One request reads every file of the namespace: the export.
    expect(fileReads()).toEqual([`${FILES}/export`])

    testbed.emulator.clearRequests()
    const applied = await run()
    expect(fileStates(applied)).toEqual(fileStates(dry))
    expect(applied.planId).toBe(dry.planId)
    // Files first: the flow may run at once and read them. The file that opens a new folder
    // goes before the others (see file-write-order.ts).
    expect(writes()).toEqual([
      `POST ${FILES}?path=/scripts/etl.py`,
      `POST ${FILES}?path=/queries/daily.sql`,
      'POST /api/v1/main/flows'
    ])
    expect(serverFiles()).toEqual({
      '/queries/daily.sql': Buffer.from('select 1;\n'),
      '/scripts/etl.py': Buffer.from('print("hello")\n')
    })
    expect(applied.changeset.files?.map(file => file.applyOutcome)).toEqual(['applied', 'applied'])

    testbed.emulator.clearRequests()
    const again = await run()
    expect(fileStates(again)).toEqual(['UNCHANGED /queries/daily.sql', 'UNCHANGED /scripts/etl.py'])
    expect(writes()).toEqual([])
    expect(fileReads()).toEqual([`${FILES}/export`])
  })

  it('writes only the file that changed, and deletes with delete alone', async () => {
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/a.txt': 'A\n',
      '_files/b.txt': 'B\n'
    })
    await run()
    const store = testbed.emulator.files.of('main', NAMESPACE)
    store.put('/b.txt', strToU8('B changed on the server\n'))
    store.put('/old/gone.txt', strToU8('old\n'))

    testbed.emulator.clearRequests()
    const kept = await run()
    expect(fileStates(kept)).toEqual(['UNCHANGED /a.txt', 'UPDATED /b.txt'])
    expect(kept.changeset.keptFiles).toEqual([
      { namespace: NAMESPACE, kestraPath: '/old/gone.txt', reason: 'delete-disabled' }
    ])
    expect(writes()).toEqual([`POST ${FILES}?path=/b.txt`])

    testbed.emulator.clearRequests()
    const deleted = await run({ delete: true })
    expect(fileStates(deleted)).toEqual([
      'DELETED /old/gone.txt',
      'UNCHANGED /a.txt',
      'UNCHANGED /b.txt'
    ])
    expect(writes()).toEqual([`DELETE ${FILES}?path=/old/gone.txt`])
    expect(Object.keys(serverFiles())).toEqual(['/a.txt', '/b.txt'])
  })

  it('keeps byte for byte a binary file, an empty one, a ZIP (never unpacked) and unicode names', async () => {
    const binary = new Uint8Array([0, 1, 2, 255, 13, 10, 0, 0x80])
    const zip = zipSync({ 'inner.txt': strToU8('inside') })
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/bin/data.bin': binary,
      '_files/empty.txt': '',
      '_files/archive.zip': zip,
      '_files/données/café-☕.txt': 'unicode\n'
    })
    const applied = await run()
    expect(applied.failure).toBeUndefined()
    expect(serverFiles()).toEqual({
      '/archive.zip': Buffer.from(zip),
      '/bin/data.bin': Buffer.from(binary),
      '/données/café-☕.txt': Buffer.from('unicode\n'),
      '/empty.txt': Buffer.alloc(0)
    })
    const again = await run()
    expect(fileStates(again).every(state => state.startsWith('UNCHANGED'))).toBe(true)
  })

  it('syncs a 5 MB file', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024)
    for (let index = 0; index < big.length; index++) big[index] = (index * 7919) % 251
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/big.bin': big
    })
    await run()
    expect(sha256(serverFiles()['/big.bin'] as Buffer)).toBe(sha256(big))
    const again = await run()
    expect(fileStates(again)).toEqual(['UNCHANGED /big.bin'])
  })

  it('refuses a file under _files/_flows/, which Kestra would import as a flow', async () => {
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/_flows/x.yml': flowYaml('x', NAMESPACE),
      '_files/ok.txt': 'ok'
    })
    await expect(run()).rejects.toThrow(
      /_files\/_flows: Kestra imports whatever is uploaded under '\/_flows\/' as a flow/
    )
    expect(requestsBeyondVersion(testbed.emulator)).toEqual([])
  })

  it('refuses a symbolic link that leaves the workspace, as for flows', async () => {
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/a.txt': 'a'
    })
    await symlink('/etc/hostname', path.join(testbed.workspace, '_files', 'host'))
    await expect(run()).rejects.toThrow(
      /_files\/host: This symbolic link points outside the workspace/
    )
    expect(requestsBeyondVersion(testbed.emulator)).toEqual([])
  })

  it('refuses a space in a name on a server that stores it as +, before any write', async () => {
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/my notes.txt': 'x'
    })
    await expect(run()).rejects.toThrow(
      /_files\/my notes\.txt: \/my notes\.txt: Kestra 1\.3\.21 stores a space in a namespace file's path as '\+'/
    )
    expect(writes()).toEqual([])
  })

  it('keeps a space in a name on a 2.0 server, which stores it as it is', async () => {
    await testbed.restartEmulator({ version: '2.0.0' })
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/my notes.txt': 'x'
    })
    const applied = await run()
    expect(fileStates(applied)).toEqual(['ADDED /my notes.txt'])
    expect(Object.keys(serverFiles())).toEqual(['/my notes.txt'])
    expect(fileStates(await run())).toEqual(['UNCHANGED /my notes.txt'])
  })

  it('honours .kestraignore and leaves the flows of the export out of the files', async () => {
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/.kestraignore': '*.tmp\nbuild/\n',
      '_files/keep.txt': 'keep',
      '_files/scratch.tmp': 'no',
      '_files/build/out.txt': 'no'
    })
    testbed.emulator.store.seed('main', flowYaml('etl', NAMESPACE))
    const result = await run({ delete: true })
    // The export holds `_flows/etl.yml`: a flow, never a file to delete.
    expect(fileStates(result)).toEqual(['ADDED /keep.txt'])
    expect(Object.keys(serverFiles())).toEqual(['/keep.txt'])
  })

  it('plans files and flows together: one plan id, one max-deletions, one report', async () => {
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/run.sh': 'echo 1\n',
      '_files/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1])
    })
    testbed.emulator.store.seed('main', flowYaml('etl', NAMESPACE, 'old'))
    testbed.emulator.store.seed('main', flowYaml('gone', NAMESPACE))
    const store = testbed.emulator.files.of('main', NAMESPACE)
    store.put('/run.sh', strToU8('echo 0\n'))
    store.put('/logo.png', new Uint8Array([1, 2, 3]))
    store.put('/stale.txt', strToU8('stale'))

    const refused = await run({ delete: true, maxDeletions: 1 })
    expect(refused.failure?.message).toMatch(
      /The plan deletes 2 flow\(s\) and namespace file\(s\), more than 'max-deletions' \(1\); nothing was written\. .*company\.team\.gone, company\.team:\/stale\.txt/
    )
    expect(writes()).toEqual([])

    const dry = await run({ delete: true, dryRun: true })
    const rows: Record<string, string> = {}
    writeOutputs((name, value) => (rows[name] = value), dry.changeset.changes, {
      files: dry.changeset.files ?? [],
      planId: dry.planId
    })
    expect(JSON.parse(rows.changes ?? '')).toEqual([
      expect.objectContaining({ kind: 'FLOW', syncState: 'DELETED', flowId: 'gone' }),
      expect.objectContaining({ kind: 'FLOW', syncState: 'UPDATED', flowId: 'etl' }),
      {
        kind: 'FILE',
        gitPath: null,
        syncState: 'DELETED',
        namespace: NAMESPACE,
        kestraPath: '/stale.txt'
      },
      {
        kind: 'FILE',
        gitPath: '_files/logo.png',
        syncState: 'UPDATED',
        namespace: NAMESPACE,
        kestraPath: '/logo.png'
      },
      {
        kind: 'FILE',
        gitPath: '_files/run.sh',
        syncState: 'UPDATED',
        namespace: NAMESPACE,
        kestraPath: '/run.sh'
      }
    ])
    expect([rows.updated, rows.deleted, rows['has-changes']]).toEqual(['3', '2', 'true'])

    const markdown = report(dry)
    expect(markdown).toContain('#### Namespace files of `company.team`')
    expect(markdown).toContain(
      '**1 namespace file(s) would be deleted** from `company.team`: `/stale.txt`.'
    )
    expect(markdown).toContain('| ✏️ UPDATED | `/run.sh` | `_files/run.sh` | 7 B → 7 B |')
    expect(markdown).toContain('-echo 0\n+echo 1')
    expect(markdown).toContain(`SHA-256 \`${sha256(new Uint8Array([1, 2, 3]))}\``)
    expect(markdown).toContain(
      `SHA-256 \`${sha256(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]))}\``
    )
    expect(markdown).toMatch(/Plan: \+0 ~1 -1, 0 unchanged; namespace files \+0 ~2 -1, 0 unchanged/)

    // The plan id covers the files: other bytes in Git, another plan.
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/run.sh': 'echo 2\n',
      '_files/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1])
    })
    const other = await run({ delete: true, dryRun: true })
    expect(other.planId).not.toBe(dry.planId)

    testbed.emulator.clearRequests()
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/run.sh': 'echo 1\n',
      '_files/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1])
    })
    const applied = await run({ delete: true, expectedPlanId: dry.planId })
    expect(applied.failure).toBeUndefined()
    // Files written, then the flow, then the deletions of flows and files alike.
    expect(writes()).toEqual([
      `POST ${FILES}?path=/logo.png`,
      `POST ${FILES}?path=/run.sh`,
      `PUT /api/v1/main/flows/${NAMESPACE}/etl`,
      `DELETE /api/v1/main/flows/${NAMESPACE}/gone`,
      `DELETE ${FILES}?path=/stale.txt`
    ])
  })

  it('never deletes the files of a protected namespace, nor those of another namespace', async () => {
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/a.txt': 'a'
    })
    testbed.emulator.files.of('main', NAMESPACE).put('/stale.txt', strToU8('stale'))
    testbed.emulator.files.of('main', `${NAMESPACE}.child`).put('/child.txt', strToU8('child'))
    testbed.emulator.files.of('main', 'company').put('/parent.txt', strToU8('parent'))

    const guarded = await run({ delete: true, protectedNamespaces: ['company'] })
    expect(fileStates(guarded)).toEqual(['ADDED /a.txt'])
    expect(guarded.changeset.keptFiles).toEqual([
      { namespace: NAMESPACE, kestraPath: '/stale.txt', reason: 'protected-namespace' }
    ])
    const result = await run({ delete: true, includeChildNamespaces: true })
    expect(fileStates(result)).toEqual(['DELETED /stale.txt', 'UNCHANGED /a.txt'])
    expect(Object.keys(serverFiles(`${NAMESPACE}.child`))).toEqual(['/child.txt'])
    expect(Object.keys(serverFiles('company'))).toEqual(['/parent.txt'])
  })
})

describe('namespace files when the network fails', () => {
  it('retries a file write whose answer was lost without writing it twice, and a DELETE that failed or lost its answer', async () => {
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/a.txt': 'a'
    })
    testbed.emulator.files.of('main', NAMESPACE).put('/old.txt', strToU8('old'))
    const lost = injectFault(
      testbed.emulator,
      { method: 'POST', path: FILES, times: 1 },
      { reset: 'after' }
    )
    const busy = injectFault(
      testbed.emulator,
      { method: 'DELETE', path: FILES, times: 1 },
      { status: 503 }
    )
    const lostDelete = injectFault(
      testbed.emulator,
      { method: 'DELETE', path: FILES, times: 1 },
      { reset: 'after' }
    )
    const result = await run({ delete: true })
    expect(result.failure).toBeUndefined()
    expect([lost.hits, busy.hits, lostDelete.hits]).toEqual([1, 1, 1])
    expect(writes().filter(write => write.startsWith('POST /api/v1/main/namespaces'))).toEqual([
      `POST ${FILES}?path=/a.txt`
    ])
    expect(Object.keys(serverFiles())).toEqual(['/a.txt'])
  })

  it('reads the files one by one behind a proxy that has no export route', async () => {
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/a.txt': 'a',
      '_files/d/b.txt': 'b'
    })
    const store = testbed.emulator.files.of('main', NAMESPACE)
    store.put('/a.txt', strToU8('a'))
    store.put('/d/b.txt', strToU8('old b'))
    injectFault(testbed.emulator, { method: 'GET', path: `${FILES}/export` }, { status: 404 })
    const result = await run({ dryRun: true })
    expect(fileStates(result)).toEqual(['UNCHANGED /a.txt', 'UPDATED /d/b.txt'])
    expect(fileReads()).toEqual([
      `${FILES}/export`,
      `${FILES}/search?q=`,
      `${FILES}?path=%2Fa.txt`,
      `${FILES}?path=%2Fd%2Fb.txt`
    ])
  })

  it('stops before the flows when a file cannot be written, and says so', async () => {
    await testbed.makeWorkspace({
      '_flows/etl.yml': flowYaml('etl', NAMESPACE),
      '_files/a.txt': 'a'
    })
    injectFault(testbed.emulator, { method: 'POST', path: FILES }, { status: 500, body: 'boom' })
    const result = await run()
    expect(result.failure?.message).toMatch(/company\.team:\/a\.txt: Kestra answered 500/)
    expect(result.changeset.changes.map(change => change.applyOutcome)).toEqual(['not-attempted'])
    expect(testbed.emulator.store.latest('main', NAMESPACE, 'etl')).toBeUndefined()
  })
})
