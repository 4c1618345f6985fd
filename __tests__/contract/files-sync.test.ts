// Namespace files synced with the flows (files-directory), end to end through the sync and its real
// client, against a real Kestra server or the emulator in its version (see target.ts): dry run,
// apply (a text file, a binary one, an empty one, a .zip kept as it is, a unicode name), a second
// run with nothing to do, one file changed, one deleted with `delete: true`. The server's own
// export is read back to check the bytes stored, and that it carries the namespace's flows under
// `_flows/`, which the sync must not take for files.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { strToU8, unzipSync, zipSync } from 'fflate'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Settings } from '../../src/settings.js'
import type { SyncResult } from '../../src/sync.js'
import { recordingLog } from '../helpers/log.js'
import { runSync } from '../helpers/run-sync.js'
import { settingsFor } from '../helpers/settings.js'
import { makeWorkspace, removeWorkspace } from '../helpers/workspace.js'
import { contractTargets, credentials, openTarget, uniqueNamespace, type Target } from './target.js'

const LOG = 'io.kestra.plugin.core.log.Log'

const flow = (message: string): string =>
  `id: reader\nnamespace: anything\ntasks:\n  - id: log\n    type: ${LOG}\n    message: "{{ read('queries/daily.sql') }} ${message}"\n`

const BINARY = new Uint8Array([0, 1, 2, 255, 13, 10, 0, 0x80, 0x7f])
const ZIP = zipSync({ 'inner.txt': strToU8('inside') })

function repository(sql: string): Record<string, string | Uint8Array> {
  return {
    '_flows/reader.yml': flow('v1'),
    '_files/queries/daily.sql': sql,
    '_files/bin/data.bin': BINARY,
    '_files/empty.txt': '',
    '_files/archive.zip': ZIP,
    '_files/données/café.txt': 'unicode ✓\n',
    '_files/scripts/old.py': 'print("old")\n'
  }
}

/**
 * A loopback relay in front of the target that records each request line (`GET /api/v1/…`):
 * what the sync asks of a real server, counted there.
 */
async function countingRelay(
  targetUrl: string
): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const upstream = new URL(targetUrl)
  const requests: string[] = []
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${(req.url ?? '').replace(/\?.*$/, '')}`)
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host }
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

describe.each(contractTargets())('namespace files sync: $label', spec => {
  let target: Target
  let namespace: string
  let workspace: string
  let relay: Awaited<ReturnType<typeof countingRelay>>
  beforeAll(async () => {
    target = await openTarget(spec)
    relay = await countingRelay(target.url)
    namespace = uniqueNamespace('contract.files')
  })
  afterAll(async () => {
    await relay.close()
    await target.close()
    await removeWorkspace(workspace)
  })

  const run = (overrides: Partial<Settings> = {}): Promise<SyncResult> =>
    runSync(
      settingsFor(workspace, relay.url, {
        credentials: { kind: 'basic', ...credentials },
        targetNamespace: namespace,
        filesDirectory: '_files',
        ...overrides
      }),
      { log: recordingLog().log }
    )

  const states = (result: SyncResult): string[] =>
    (result.changeset.files ?? []).map(file => `${file.syncState} ${file.kestraPath}`)

  /** The server's export of the namespace, entry name -> bytes. */
  async function exported(): Promise<Record<string, Buffer>> {
    const reply = await target.call('GET', `/namespaces/${namespace}/files/export`, {
      accept: 'application/octet-stream'
    })
    expect(reply.status).toBe(200)
    return Object.fromEntries(
      Object.entries(unzipSync(new Uint8Array(reply.bytes))).map(([name, bytes]) => [
        name,
        Buffer.from(bytes)
      ])
    )
  }

  it('plans, applies, finds everything unchanged, then writes one change and one deletion', async () => {
    workspace = await makeWorkspace(repository('select 1;\n'))

    const dry = await run({ dryRun: true })
    expect(dry.failure).toBeUndefined()
    // Reading every file of the namespace is one request: the export.
    const files = `${target.apiPath}/namespaces/${namespace}/files`
    expect(relay.requests.filter(request => request.includes('/files'))).toEqual([
      `GET ${files}/export`
    ])
    expect(states(dry)).toEqual([
      'ADDED /archive.zip',
      'ADDED /bin/data.bin',
      'ADDED /données/café.txt',
      'ADDED /empty.txt',
      'ADDED /queries/daily.sql',
      'ADDED /scripts/old.py'
    ])

    relay.requests.length = 0
    const applied = await run()
    expect(applied.failure).toBeUndefined()
    // The files are written before the flow that reads them.
    expect(relay.requests.filter(request => !request.startsWith('GET '))).toEqual([
      `POST ${target.apiPath}/flows/validate`,
      ...Array.from({ length: 6 }, () => `POST ${files}`),
      `POST ${target.apiPath}/flows`
    ])
    expect(applied.changeset.changes.map(change => change.applyOutcome)).toEqual(['applied'])
    const stored = await exported()
    expect(Object.keys(stored).sort()).toEqual([
      '_flows/reader.yml',
      'archive.zip',
      'bin/data.bin',
      'données/café.txt',
      'empty.txt',
      'queries/daily.sql',
      'scripts/old.py'
    ])
    expect(stored['archive.zip']?.equals(Buffer.from(ZIP))).toBe(true)
    expect(stored['bin/data.bin']?.equals(Buffer.from(BINARY))).toBe(true)
    expect(stored['empty.txt']?.length).toBe(0)
    expect(stored['données/café.txt']?.toString('utf8')).toBe('unicode ✓\n')

    // The export's `_flows/reader.yml` is the flow, not a file: nothing to delete, all unchanged.
    const again = await run({ delete: true, dryRun: true })
    expect(again.failure).toBeUndefined()
    expect(states(again).every(state => state.startsWith('UNCHANGED'))).toBe(true)
    expect(again.changeset.changes.map(change => change.syncState)).toEqual(['UNCHANGED'])

    await removeWorkspace(workspace)
    const changed = repository('select 2;\n')
    delete changed['_files/scripts/old.py']
    workspace = await makeWorkspace(changed)
    const second = await run({ delete: true })
    expect(second.failure).toBeUndefined()
    expect(states(second).filter(state => !state.startsWith('UNCHANGED'))).toEqual([
      'DELETED /scripts/old.py',
      'UPDATED /queries/daily.sql'
    ])
    const after = await exported()
    expect(after['queries/daily.sql']?.toString('utf8')).toBe('select 2;\n')
    // The deletion took the folder it emptied with it: `scripts/` is gone.
    expect(Object.keys(after).some(name => name.startsWith('scripts/'))).toBe(false)
    expect(after['_flows/reader.yml']).toBeDefined()

    const last = await run({ delete: true })
    expect(states(last).every(state => state.startsWith('UNCHANGED'))).toBe(true)
  })
})
