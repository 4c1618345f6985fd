// @ts-check
// Namespace files, `{api}/namespaces/{namespace}/files…` (NamespaceFileController), as real 0.20.7,
// 1.0.3 and 1.3.0 servers with local storage answer: file content, folder listing, stats, upload
// (multipart part `fileContent`; a file name ending in `.zip` is unpacked), folders, move, delete,
// search, ZIP export and, from 1.2, file revisions. The storage models are in
// namespace-files-store.js. Traps kept as the servers have them:
// - the `path` goes through Java's URLEncoder and back: a space comes out as `+` (before 2.0);
// - an upload under `/_flows/` is no file: it is imported as a flow of the namespace (its first
//   `namespace:` line rewritten), and the export carries the namespace's flows as `_flows/<id>.yml`;
// - `/_flows` and below are refused to every other route (before 0.21 the pattern `/_flows.*`
//   also refuses `/_flowsx`, and an upload to `/_flows` itself is stored);
// - a delete climbs to the highest folder that holds nothing else.
import { unzipSync, zipSync } from 'fflate'
import { ApiError, notFound } from './errors.js'
import { importFlow } from './flows-write.js'
import { multipartParts } from './multipart.js'
import { sendEmpty, sendJson } from './respond.js'

/**
 * @typedef {import('./request.js').RequestContext & {
 *   profile: import('./versions.js').VersionProfile,
 *   store: import('./store.js').FlowStore,
 *   tenant: string,
 *   namespace: string,
 *   files: import('./namespace-files-store.js').StorageFiles | import('./namespace-files-store.js').MetadataFiles,
 *   childrenElsewhere: (parentPath: string) => number
 * }} FilesRequest
 */

/** Where the emulated local storage lives, for the messages that show storage paths. */
const STORAGE_ROOT = '/tmp/kestra-emulator-storage'

/** @type {Array<[string, string[], (r: FilesRequest) => void, string?]>} method, path under the namespace, handler, produces */
export const NAMESPACE_FILE_ROUTES = [
  ['GET', ['files', 'search'], searchFiles],
  ['GET', ['files', 'stats'], fileStats],
  ['GET', ['files', 'revisions'], fileRevisions],
  ['GET', ['files', 'directory'], listDirectory],
  ['POST', ['files', 'directory'], createDirectory],
  ['GET', ['files', 'export'], exportFiles, 'application/octet-stream'],
  ['GET', ['files'], getFile, 'application/octet-stream'],
  ['POST', ['files'], createFile],
  ['PUT', ['files'], moveFile],
  ['DELETE', ['files'], deleteFile]
]

/**
 * A required query value, as Micronaut refuses its absence: 400.
 * @param {FilesRequest} r
 * @param {string} name
 */
function required(r, name) {
  const value = r.params.get(name)
  if (value === null) {
    throw new ApiError(400, 'Bad Request', `Required QueryValue [${name}] not specified`)
  }
  return value
}

/**
 * A path as the controller reads it: up to 1.x, URLEncoder then URI.getPath turn a space into `+`;
 * 2.0 keeps it (kestra-io/kestra#16896).
 * @param {FilesRequest} r
 * @param {string} raw
 */
function encoded(r, raw) {
  return r.profile.nsFilesSpaceAsPlus ? raw.replace(/ /g, '+') : raw
}

/**
 * The forbidden `/_flows` paths, checked on the path as given.
 * @param {FilesRequest} r
 * @param {string} path
 */
function guard(r, path) {
  const forbidden = r.profile.nsFilesStrictGuard ? /^\/_flows(?:\/.*)?$/s : /^\/_flows.*$/s
  if (forbidden.test(path)) throw illegal(`Forbidden path: ${path}`)
}

/** A FileNotFoundException, which the error controller answers 404 `Not Found: <message>`. @param {string} message */
function missing(message) {
  return new ApiError(404, 'Not Found', message, { problemDetail: message })
}

/** @param {string} message */
function illegal(message) {
  return new ApiError(422, 'Illegal argument', message, { problemType: 'invalid-argument' })
}

/**
 * The normalized path (absolute, no trailing `/`); the storage model refuses `..`.
 * @param {FilesRequest} r
 * @param {string | null} path
 */
function normalized(r, path) {
  if (path === null || path === '' || path === '/') return '/'
  if (r.profile.nsFilesModel === 'storage' && path.split('/').includes('..')) {
    throw illegal("File should be accessed with their full path and not using relative '..' path.")
  }
  const absolute = path.startsWith('/') ? path : `/${path}`
  return absolute.length > 1 ? absolute.replace(/\/+$/, '') : absolute
}

/**
 * The path of a namespace file in the local storage, as the storage model's messages show it.
 * @param {FilesRequest} r
 * @param {string} path
 */
function storagePath(r, path) {
  const tenant = r.profile.tenantInPath ? `/${r.tenant}` : ''
  return `${STORAGE_ROOT}${tenant}/${r.namespace.replace(/\./g, '/')}/_files${path === '/' ? '/' : path}`
}

/**
 * 404 in each model's words.
 * @param {FilesRequest} r
 * @param {string} path
 * @param {string} storageSuffix what the storage model adds (` (No such file or directory)`)
 * @param {number} [version]
 */
function fileNotFound(r, path, storageSuffix = '', version) {
  if (r.profile.nsFilesModel === 'storage')
    return missing(`${storagePath(r, path)}${storageSuffix}`)
  const which = version === undefined ? 'File' : `Version ${version} of file`
  return missing(`${which} '${path}' was not found in namespace '${r.namespace}'.`)
}

/** `GET files?path=[&revision=]` → the content. @param {FilesRequest} r */
function getFile(r) {
  const given = encoded(r, required(r, 'path'))
  guard(r, given)
  const path = normalized(r, given)
  const revision = r.params.get('revision')
  const version =
    r.profile.nsFilesModel === 'metadata' && revision !== null ? Number(revision) : undefined
  const found = r.files.lookup(path, version)
  if (found.kind === 'directory') throw missing(`${storagePath(r, path)} (Is a directory)`)
  if (found.kind === 'missing') throw fileNotFound(r, path, ' (No such file or directory)', version)
  r.res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Cache-Control': r.profile.nsFilesNoCache ? 'no-cache' : 'public, max-age=86400',
    'Content-Length': found.bytes.byteLength
  })
  r.res.end(found.bytes)
}

/** `GET files/stats?path=` → FileAttributes; the root is created when absent. @param {FilesRequest} r */
function fileStats(r) {
  const given = r.params.get('path')
  if (given !== null) guard(r, encoded(r, given))
  const path = normalized(r, given === null ? null : encoded(r, given))
  const attributes = r.files.attributes(path)
  if (!attributes) throw fileNotFound(r, path)
  sendJson(r.res, 200, attributes)
}

/** `GET files/revisions?path=` (from 1.2) → `[{revision}]`. @param {FilesRequest} r */
function fileRevisions(r) {
  if (r.profile.nsFilesModel !== 'metadata') throw notFound()
  const given = r.params.get('path')
  if (given !== null) guard(r, encoded(r, given))
  const path = normalized(r, given === null ? null : encoded(r, given))
  const versions = /** @type {import('./namespace-files-store.js').MetadataFiles} */ (
    r.files
  ).versions(path)
  if (!versions) throw missing(`File not found: ${path}`)
  sendJson(
    r.res,
    200,
    versions.map(revision => ({ revision }))
  )
}

/** `GET files/directory?path=` → the folder's entries. @param {FilesRequest} r */
function listDirectory(r) {
  const given = r.params.get('path')
  if (given !== null) guard(r, encoded(r, given))
  const path = normalized(r, given === null ? null : encoded(r, given))
  const children = r.files.children(path)
  if (children) {
    sendJson(r.res, 200, children)
    return
  }
  if (r.files.lookup(path).kind === 'file') {
    // Listing a file: the storage's list fails (500); the metadata model has no children for it.
    if (r.profile.nsFilesModel === 'metadata') sendJson(r.res, 200, [])
    else throw new ApiError(500, 'Internal server error', storagePath(r, path))
    return
  }
  throw r.profile.nsFilesModel === 'metadata'
    ? missing(`Directory not found: ${path}`)
    : missing(storagePath(r, path))
}

/** `POST files/directory?path=` → 200, existing or not. @param {FilesRequest} r */
function createDirectory(r) {
  const given = r.params.get('path')
  if (given !== null) guard(r, encoded(r, given))
  r.files.mkdir(normalized(r, given === null ? null : encoded(r, given)))
  sendEmpty(r.res, 200)
}

/** `POST files?path=` multipart `fileContent`: a file, a ZIP to unpack, or a flow. @param {FilesRequest} r */
function createFile(r) {
  const path = encoded(r, required(r, 'path'))
  const contentType = r.req.headers['content-type']
  const parts = multipartParts(contentType, r.bytes)
  if (!parts) {
    throw new ApiError(
      415,
      'Unsupported Media Type',
      `Content Type [${contentType ?? ''}] not allowed. Allowed types: [multipart/form-data]`
    )
  }
  const upload = parts.find(part => part.name === 'fileContent' && part.filename !== undefined)
  if (!upload) {
    throw new ApiError(500, 'Internal server error', 'Required Part [fileContent] not specified')
  }
  if ((upload.filename ?? '').toLowerCase().endsWith('.zip')) {
    for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(upload.bytes)))) {
      if (!name.endsWith('/')) putNamespaceFile(r, `/${name}`, bytes)
    }
  } else {
    putNamespaceFile(r, path, new Uint8Array(upload.bytes))
  }
  sendEmpty(r.res, 200)
}

/**
 * A file, or under `/_flows/` a flow to import (one level only).
 * @param {FilesRequest} r
 * @param {string} path as given
 * @param {Uint8Array} bytes
 */
function putNamespaceFile(r, path, bytes) {
  if (/^\/_flows\/.*/s.test(path)) {
    // Java's split drops trailing empty strings: `/_flows/a.yml` is three parts.
    const parts = path.split('/')
    while (parts.at(-1) === '') parts.pop()
    if (parts.length !== 3) throw illegal(`Invalid flow file path: ${path}`)
    const source = Buffer.from(bytes)
      .toString('utf8')
      .replace(/^namespace: .*$/m, `namespace: ${r.namespace}`)
    importFlow(r, source)
    return
  }
  if (r.profile.nsFilesStrictGuard) guard(r, path)
  r.files.put(normalized(r, path), bytes)
}

/** `PUT files?from=&to=` → a move, per storage model. @param {FilesRequest} r */
function moveFile(r) {
  const fromGiven = encoded(r, required(r, 'from'))
  const toGiven = encoded(r, required(r, 'to'))
  guard(r, fromGiven)
  guard(r, toGiven)
  const from = normalized(r, fromGiven)
  const to = normalized(r, toGiven)
  const result = r.files.move(from, to)
  if (result.kind === 'missing' || result.kind === 'no-target-parent') {
    throw missing(`${storagePath(r, from)} -> ${storagePath(r, to)}`)
  }
  if (result.kind === 'target-exists') {
    throw new ApiError(
      500,
      'Internal server error',
      `File '${to}' already exists in namespace '${r.namespace}'.`
    )
  }
  sendEmpty(r.res, 200)
}

/** `DELETE files?path=` → 200, recursive, whether it existed or not. @param {FilesRequest} r */
function deleteFile(r) {
  let given = encoded(r, required(r, 'path'))
  if (r.profile.nsFilesStrictGuard && !given.startsWith('/')) given = `/${given}`
  guard(r, given)
  const path = normalized(r, given)
  if ('versions' in r.files) r.files.delete(path, r.childrenElsewhere)
  else r.files.delete(path)
  sendEmpty(r.res, 200)
}

/** `GET files/search?q=` → the paths of the files that contain `q`. @param {FilesRequest} r */
function searchFiles(r) {
  const q = encoded(r, required(r, 'q'))
  sendJson(
    r.res,
    200,
    r.files
      .files()
      .map(file => file.path)
      .filter(path => path.includes(q))
  )
}

/**
 * `GET files/export` → ZIP of every file (no folders), then each flow of exactly this namespace as
 * `_flows/<id>.yml` with its stored source.
 * @param {FilesRequest} r
 */
function exportFiles(r) {
  /** @type {Record<string, Uint8Array>} */
  const entries = {}
  for (const file of r.files.files()) entries[file.path.slice(1)] = file.bytes
  for (const flow of r.store.list(r.tenant).filter(flow => flow.namespace === r.namespace)) {
    entries[`_flows/${flow.id}.yml`] = Buffer.from(flow.source)
  }
  const zip = zipSync(entries)
  r.res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': `attachment; filename="${r.namespace}_files.zip"`,
    'Content-Length': zip.byteLength
  })
  r.res.end(zip)
}
