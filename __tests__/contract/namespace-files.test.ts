// Namespace files (`{api}/namespaces/{namespace}/files…`), asserted identically against a real
// Kestra server and the emulator set to its version (see target.ts). Up to 1.1 the files live in
// the internal storage alone ("storage model"); from 1.2 behind a table of versioned entries
// ("metadata model"); the two differ in what a move, a delete and a missing path do.
// Tolerated, and said so where it is: the timestamps of an entry, the size of a folder in the
// storage model (the file system's), the folder of the server's storage in its messages, and the
// order of a listing (the file system's, or the table's).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import {
  contractTargets,
  jsonError,
  openTarget,
  uniqueNamespace,
  type Reply,
  type Target
} from './target.js'

const LOG_TASK = 'io.kestra.plugin.core.log.Log'

function flowYaml(id: string, namespace: string, message = 'hi'): string {
  return `id: ${id}\nnamespace: ${namespace}\ntasks:\n  - id: log\n    type: ${LOG_TASK}\n    message: ${message}\n`
}

// Asymmetric matchers, named so that they read as values in the per-version expectations.
const anyNumber = (): unknown => expect.any(Number)
const anyString = (): unknown => expect.any(String)
const matching = (pattern: RegExp): unknown => expect.stringMatching(pattern)

interface Entry {
  type: 'File' | 'Directory'
  fileName: string
  size: number
}

describe.each(contractTargets())('namespace files contract: $label', spec => {
  let target: Target
  let metadataModel: boolean
  beforeAll(async () => {
    target = await openTarget(spec)
    metadataModel = target.atLeast('1.2')
  })
  afterAll(async () => {
    await target.close()
  })

  const files = (namespace: string, query = ''): string => `/namespaces/${namespace}/files${query}`

  function upload(
    namespace: string,
    path: string,
    content: string | Uint8Array,
    fileName = 'upload.bin',
    part = 'fileContent'
  ): Promise<Reply> {
    const form = new FormData()
    form.append(
      part,
      new Blob([typeof content === 'string' ? strToU8(content) : content]),
      fileName
    )
    return target.call('POST', files(namespace, `?path=${encodeURIComponent(path)}`), {
      body: form
    })
  }

  async function content(namespace: string, path: string): Promise<[number, string]> {
    const reply = await target.call('GET', files(namespace, `?path=${encodeURIComponent(path)}`))
    return [reply.status, reply.status === 200 ? reply.text : String(reply.json?.message)]
  }

  /** A listing as a set: entries by name; the size of a folder only in the metadata model. */
  async function listing(namespace: string, path = '/'): Promise<Entry[] | number> {
    const reply = await target.call(
      'GET',
      files(namespace, `/directory?path=${encodeURIComponent(path)}`)
    )
    if (reply.status !== 200) return reply.status
    return (reply.json as Array<Entry & { lastModifiedTime: unknown; metadata?: unknown }>)
      .map(entry => ({
        type: entry.type,
        fileName: entry.fileName,
        size: entry.type === 'Directory' && !metadataModel ? -1 : entry.size
      }))
      .sort((a, b) => a.fileName.localeCompare(b.fileName))
  }

  const file = (fileName: string, size: number): Entry => ({ type: 'File', fileName, size })
  const folder = (fileName: string): Entry => ({
    type: 'Directory',
    fileName,
    size: metadataModel ? 0 : -1
  })

  /**
   * The storage model's messages show the file's place in the server's storage: anything for
   * the storage's own folder, then `[/<tenant>]/<namespace as folders>/_files<path>`.
   */
  function storagePattern(namespace: string, path: string, suffix = ''): RegExp {
    const tenant = target.atLeast('0.23') ? '/main' : ''
    const place = `${tenant}/${namespace.replace(/\./g, '/')}/_files${path}`
    return new RegExp(`^/\\S+${escape(place)}${escape(suffix)}$`)
  }

  function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }

  it('lists a new namespace as empty, and gives the stats of its root', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    expect(await listing(namespace)).toEqual([])
    const stats = await target.call('GET', files(namespace, '/stats'))
    expect(stats.json).toEqual({
      type: 'Directory',
      size: metadataModel ? 0 : anyNumber(),
      fileName: '_files',
      lastModifiedTime: anyNumber(),
      creationTime: anyNumber(),
      ...(metadataModel ? { metadata: {} } : {})
    })
  })

  it('keeps a file byte for byte, overwrites it, and serves it as octet-stream', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    const bytes = new Uint8Array([...Array.from({ length: 256 }, (_, i) => i), ...strToU8('é✓')])
    expect((await upload(namespace, '/bin/all.bin', bytes)).status).toBe(200)
    const first = await target.call('GET', files(namespace, '?path=/bin/all.bin'))
    expect([
      first.status,
      first.headers.get('content-type'),
      first.headers.get('cache-control'),
      first.bytes.equals(Buffer.from(bytes))
    ]).toEqual([
      200,
      'application/octet-stream',
      target.atLeast('1.0') ? 'no-cache' : 'public, max-age=86400',
      true
    ])
    expect((await upload(namespace, '/bin/all.bin', 'second')).status).toBe(200)
    expect(await content(namespace, '/bin/all.bin')).toEqual([200, 'second'])
    const stats = await target.call('GET', files(namespace, '/stats?path=/bin/all.bin'))
    expect(stats.json).toEqual({
      type: 'File',
      size: 6,
      fileName: 'all.bin',
      lastModifiedTime: anyNumber(),
      creationTime: anyNumber(),
      ...(metadataModel ? { metadata: {} } : {})
    })
  })

  it('creates the folders of a deep path, and lists each level', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    await upload(namespace, '/a.txt', 'A')
    await upload(namespace, '/dir/sub/b.txt', 'BB')
    expect((await target.call('POST', files(namespace, '/directory?path=/empty'))).status).toBe(200)
    expect((await target.call('POST', files(namespace, '/directory?path=/empty'))).status).toBe(200)
    expect(await listing(namespace)).toEqual([file('a.txt', 1), folder('dir'), folder('empty')])
    expect(await listing(namespace, '/dir')).toEqual([folder('sub')])
    expect(await listing(namespace, '/dir/sub')).toEqual([file('b.txt', 2)])
    const stats = await target.call('GET', files(namespace, '/stats?path=/dir'))
    expect([stats.json.type, stats.json.fileName]).toEqual(['Directory', 'dir'])
  })

  it('answers 404 for what is missing, each model in its words', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    await upload(namespace, '/dir/a.txt', 'A')
    const get = await target.call('GET', files(namespace, '?path=/nope.txt'))
    const folderAsFile = await target.call('GET', files(namespace, '?path=/dir'))
    const stats = await target.call('GET', files(namespace, '/stats?path=/nope'))
    const list = await target.call('GET', files(namespace, '/directory?path=/nope'))
    const notFound = `File '/nope.txt' was not found in namespace '${namespace}'.`
    expect([get.status, folderAsFile.status, stats.status, list.status]).toEqual([
      404, 404, 404, 404
    ])
    const messages = [get, folderAsFile, stats, list].map(reply => String(reply.json.message))
    expect(messages.map(message => message.replace(/^Not Found: /, ''))).toEqual(
      metadataModel
        ? [
            notFound,
            matching(storagePattern(namespace, '/dir', ' (Is a directory)')),
            `File '/nope' was not found in namespace '${namespace}'.`,
            'Directory not found: /nope'
          ]
        : [
            matching(storagePattern(namespace, '/nope.txt', ' (No such file or directory)')),
            matching(storagePattern(namespace, '/dir', ' (Is a directory)')),
            matching(storagePattern(namespace, '/nope')),
            matching(storagePattern(namespace, '/nope'))
          ]
    )
    expect(get.json).toEqual(
      jsonError(String(get.json.message), `${target.apiPath}${files(namespace, '?path=/nope.txt')}`)
    )
  })

  it('lists a file: 500 from the storage, nothing from the metadata table', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    await upload(namespace, '/a.txt', 'A')
    const reply = await target.call('GET', files(namespace, '/directory?path=/a.txt'))
    expect(
      metadataModel ? [reply.status, reply.json] : [reply.status, String(reply.json.message)]
    ).toEqual(
      metadataModel ? [200, []] : [500, matching(/^Internal server error: \/\S+\/_files\/a\.txt$/)]
    )
  })

  it('moves a file and a folder, each model in its way', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    await upload(namespace, '/x.txt', 'X')
    await upload(namespace, '/z.txt', 'Z')
    await upload(namespace, '/d1/d2/y.txt', 'Y')
    const move = (from: string, to: string): Promise<Reply> =>
      target.call('PUT', files(namespace, `?from=${from}&to=${to}`))

    // A folder: the storage renames it with its content; the table moves the folder's entry alone.
    expect((await move('/d1', '/e1')).status).toBe(200)
    expect(await listing(namespace, '/e1')).toEqual(metadataModel ? [] : [folder('d2')])
    expect(await listing(namespace, '/d1')).toBe(404)

    // Onto an existing file: the storage replaces it; the table refuses.
    const onto = await move('/x.txt', '/z.txt')
    expect(metadataModel ? [onto.status, onto.json.message] : [onto.status]).toEqual(
      metadataModel
        ? [500, `Internal server error: File '/z.txt' already exists in namespace '${namespace}'.`]
        : [200]
    )
    expect(await content(namespace, '/z.txt')).toEqual([200, metadataModel ? 'Z' : 'X'])

    // Into a folder that does not exist, and from a missing file.
    await upload(namespace, '/w.txt', 'W')
    const intoNothing = await move('/w.txt', '/new/w.txt')
    const fromNothing = await move('/nope.txt', '/n.txt')
    const refused = (from: string, to: string): RegExp =>
      new RegExp(`^Not Found: /\\S+/_files${escape(from)} -> /\\S+/_files${escape(to)}$`)
    expect([
      intoNothing.status,
      intoNothing.json?.message,
      fromNothing.status,
      fromNothing.json?.message
    ]).toEqual(
      metadataModel
        ? [200, undefined, 200, undefined]
        : [
            404,
            matching(refused('/w.txt', '/new/w.txt')),
            404,
            matching(refused('/nope.txt', '/n.txt'))
          ]
    )
    expect(await content(namespace, '/new/w.txt')).toEqual(
      metadataModel ? [200, 'W'] : [404, anyString()]
    )
  })

  it('deletes a file and the folders it leaves empty, a folder with its content, and a missing path quietly', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    // Folder names of their own: 1.3 counts the children of a parent over every namespace.
    const top = `/t${namespace.slice(-10)}`
    await upload(namespace, `${top}/sub/b.txt`, 'B')
    await upload(namespace, '/keep.txt', 'K')
    await upload(namespace, '/tree/c.txt', 'C')
    await upload(namespace, '/tree/x/d.txt', 'D')
    const remove = (path: string): Promise<Reply> =>
      target.call('DELETE', files(namespace, `?path=${path}`))
    expect((await remove(`${top}/sub/b.txt`)).status).toBe(200)
    expect((await remove('/tree')).status).toBe(200)
    expect((await remove('/missing.txt')).status).toBe(200)
    expect(await listing(namespace)).toEqual([file('keep.txt', 1)])
  })

  it('climbs, in the metadata model, only through parents no other namespace uses', async () => {
    const [one, two] = [uniqueNamespace('contract.nsf'), uniqueNamespace('contract.nsf')]
    const shared = `/s${one.slice(-10)}`
    await upload(one, `${shared}/x.txt`, 'X')
    await upload(two, `${shared}/sub/y.txt`, 'Y')
    expect((await target.call('DELETE', files(two, `?path=${shared}/sub/y.txt`))).status).toBe(200)
    // 1.3 asks how many entries `/s…/` holds in the whole tenant: two (one per namespace).
    expect(await listing(two)).toEqual(metadataModel ? [folder(shared.slice(1))] : [])
  })

  it('finds the files whose path holds a text', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    await upload(namespace, '/docs/readme.md', 'R')
    await upload(namespace, '/src/main.py', 'M')
    await target.call('POST', files(namespace, '/directory?path=/docs-empty'))
    const found = await target.call('GET', files(namespace, '/search?q=doc'))
    expect([found.status, found.json]).toEqual([200, ['/docs/readme.md']])
  })

  it('exports the files and the flows of exactly this namespace, as _flows/<id>.yml', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    const flowSource = `# kept as written\n${flowYaml('exported', namespace, '"héllo"')}`
    expect((await target.call('POST', '/flows', { body: flowSource })).status).toBe(200)
    const child = flowYaml('other', `${namespace}.child`)
    expect((await target.call('POST', '/flows', { body: child })).status).toBe(200)
    await upload(namespace, '/a.txt', 'A')
    await upload(namespace, '/dir/b.txt', 'B')
    await target.call('POST', files(namespace, '/directory?path=/empty'))
    const reply = await target.call('GET', files(namespace, '/export'))
    expect([
      reply.status,
      reply.headers.get('content-type'),
      reply.headers.get('content-disposition')
    ]).toEqual([200, 'application/octet-stream', `attachment; filename="${namespace}_files.zip"`])
    const entries = Object.entries(unzipSync(new Uint8Array(reply.bytes)))
      .map(([name, bytes]) => [name, strFromU8(bytes)])
      .sort()
    expect(entries).toEqual([
      ['_flows/exported.yml', flowSource],
      ['a.txt', 'A'],
      ['dir/b.txt', 'B']
    ])
  })

  it('unpacks an upload whose name ends in .zip, importing its _flows/ entries as flows', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    const zip = zipSync({
      'za.txt': strToU8('A'),
      'zd/': new Uint8Array(0),
      'zd/zb.txt': strToU8('B'),
      '_flows/zipped.yml': strToU8(flowYaml('zipped', 'somewhere.else'))
    })
    expect((await upload(namespace, '/ignored.bin', zip, 'bundle.ZIP')).status).toBe(200)
    expect(await listing(namespace)).toEqual([file('za.txt', 1), folder('zd')])
    expect(await listing(namespace, '/zd')).toEqual([file('zb.txt', 1)])
    const flow = await target.call('GET', `/flows/${namespace}/zipped?source=true`)
    expect([flow.status, flow.json.source]).toEqual([200, flowYaml('zipped', namespace)])
  })

  it('imports an upload under /_flows/ as a flow of the namespace, and refuses a deeper one', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    const source = flowYaml('direct', 'somewhere.else')
    expect((await upload(namespace, '/_flows/direct.yml', source)).status).toBe(200)
    expect((await upload(namespace, '/_flows/direct.yml', source)).status).toBe(200)
    const flow = await target.call('GET', `/flows/${namespace}/direct?source=true`)
    // The first `namespace:` line is rewritten; a second import of the same text is a no-op.
    expect([flow.status, flow.json.revision, flow.json.source]).toEqual([
      200,
      1,
      flowYaml('direct', namespace)
    ])
    const deep = await upload(namespace, '/_flows/deep/x.yml', flowYaml('x', namespace))
    expect([deep.status, deep.json.message]).toEqual([
      422,
      'Illegal argument: Invalid flow file path: /_flows/deep/x.yml'
    ])
    expect(await listing(namespace)).toEqual([])
  })

  it('imports an invalid flow only from 0.23, where nothing but its YAML is checked', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    const empty = `id: empty\nnamespace: ${namespace}\ntasks: []\n`
    const reply = await upload(namespace, '/_flows/empty.yml', empty)
    const flow = await target.call('GET', `/flows/${namespace}/empty`)
    expect([reply.status, reply.json?.message, flow.status]).toEqual(
      target.atLeast('0.23')
        ? [200, undefined, 200]
        : [422, 'Invalid entity: tasks: must not be empty\n', 404]
    )
  })

  it('refuses /_flows to every other route', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    const forbidden = (path: string): [number, string] => [
      422,
      `Illegal argument: Forbidden path: ${path}`
    ]
    const answers = await Promise.all([
      target.call('GET', files(namespace, '?path=/_flows/direct.yml')),
      target.call('GET', files(namespace, '/directory?path=/_flows')),
      target.call('GET', files(namespace, '/stats?path=/_flows/a.yml')),
      target.call('POST', files(namespace, '/directory?path=/_flows/sub')),
      target.call('DELETE', files(namespace, '?path=/_flows/direct.yml')),
      target.call('PUT', files(namespace, '?from=/a.txt&to=/_flows/a.yml'))
    ])
    expect(answers.map(reply => [reply.status, reply.json?.message])).toEqual([
      forbidden('/_flows/direct.yml'),
      forbidden('/_flows'),
      forbidden('/_flows/a.yml'),
      forbidden('/_flows/sub'),
      forbidden('/_flows/direct.yml'),
      forbidden('/_flows/a.yml')
    ])
  })

  it('stores an upload to /_flows itself and forbids /_flowsx before 0.21 only', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    const itself = await upload(namespace, '/_flows', 'F')
    await upload(namespace, '/_flowsx/ok.txt', 'ok')
    const sibling = await content(namespace, '/_flowsx/ok.txt')
    expect([itself.status, itself.json?.message, sibling]).toEqual(
      target.atLeast('0.21')
        ? [422, 'Illegal argument: Forbidden path: /_flows', [200, 'ok']]
        : [200, undefined, [422, 'Illegal argument: Forbidden path: /_flowsx/ok.txt']]
    )
  })

  it('reads a space in a path as `+`, and a path without its leading slash from the root', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    await upload(namespace, '/with space.txt', 'S')
    await upload(namespace, 'plain.txt', 'P')
    expect(await listing(namespace)).toEqual([file('plain.txt', 1), file('with+space.txt', 1)])
    expect(await content(namespace, '/with+space.txt')).toEqual([200, 'S'])
    expect(await content(namespace, '/plain.txt')).toEqual([200, 'P'])
  })

  it('refuses `..` in the storage model; the metadata model finds no such file', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    expect(await content(namespace, '/../../etc/passwd')).toEqual(
      metadataModel
        ? [404, `Not Found: File '/../../etc/passwd' was not found in namespace '${namespace}'.`]
        : [
            422,
            "Illegal argument: File should be accessed with their full path and not using relative '..' path."
          ]
    )
  })

  it('needs the fileContent part and its query values', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    const wrongPart = await upload(namespace, '/a.txt', 'A', 'a.txt', 'file')
    const noPath = await target.call('GET', files(namespace))
    const noFrom = await target.call('PUT', files(namespace))
    expect([
      [wrongPart.status, wrongPart.json.message],
      [noPath.status, noPath.json.message],
      [noFrom.status, noFrom.json.message]
    ]).toEqual([
      [500, 'Internal server error: Required Part [fileContent] not specified'],
      [400, 'Bad Request: Required QueryValue [path] not specified'],
      [400, 'Bad Request: Required QueryValue [from] not specified']
    ])
  })

  it('keeps the revisions of a file from 1.2 (the route is absent before)', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    await upload(namespace, '/v.txt', 'v1')
    await upload(namespace, '/v.txt', 'v2')
    const revisions = await target.call('GET', files(namespace, '/revisions?path=/v.txt'))
    const old = await target.call('GET', files(namespace, '?path=/v.txt&revision=1'))
    expect([revisions.status, revisions.json, old.text]).toEqual(
      metadataModel
        ? [200, [{ revision: 1 }, { revision: 2 }], 'v1']
        : [
            404,
            jsonError(
              'Not Found',
              `${target.apiPath}${files(namespace, '/revisions?path=/v.txt')}`
            ),
            'v2'
          ]
    )
  })

  it('is behind the authentication, and under the tenant from 0.23', async () => {
    const namespace = uniqueNamespace('contract.nsf')
    const anonymous = await target.call('GET', files(namespace, '/directory'), {
      authorization: null
    })
    const tenantless = await target.call('GET', `/api/v1${files(namespace, '/directory')}`)
    const other = await target.call('GET', `/api/v1/other${files(namespace, '/directory')}`)
    expect([anonymous.status, tenantless.status, other.status]).toEqual([
      401,
      200,
      target.atLeast('0.23') ? 400 : 404
    ])
  })
})
