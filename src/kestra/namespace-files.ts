import { randomBytes } from 'node:crypto'
import { unzipSync } from 'fflate'
import { isFlowImportPath, type NamespaceFile } from '../flow/namespace-file.js'
import { compareStrings } from '../util/compare.js'
import { mapConcurrent } from '../util/map-concurrent.js'
import { parseJson, type Send } from './api-call.js'
import { KestraApiError } from './api-error.js'
import type { HttpResponse } from './http-transport.js'

// The namespace files of one namespace (NamespaceFileController, the same routes from 0.20 to 2.x;
// see docs/kestra-api.md): read all at once by the ZIP export, written by a multipart upload that
// overwrites, deleted one path at a time.

/** Answers meaning "no such export here" (a proxy, a trimmed API) rather than a failure. */
const EXPORT_UNAVAILABLE = [404, 405, 406, 415, 501]

/**
 * The name of the uploaded part. Kestra unpacks an upload whose part name ends in `.zip` (and
 * ignores the path then): a fixed name that never does stores every file as it is.
 */
const PART_FILE_NAME = 'content'

function filesPath(namespace: string): string {
  return `/namespaces/${encodeURIComponent(namespace)}/files`
}

/**
 * Every file of exactly this namespace (not of its children), sorted by path. One request, the
 * export ZIP, where the server has it; else a search and one read per file. The export also
 * carries the namespace's flows as `_flows/<id>.yml`: they are not namespace files and are left out.
 */
export async function readNamespaceFiles(
  send: Send,
  namespace: string,
  concurrency: number
): Promise<NamespaceFile[]> {
  let response: HttpResponse
  try {
    response = await send({
      method: 'GET',
      path: `${filesPath(namespace)}/export`,
      // The export produces only octet-stream: JSON is refused with 406.
      accept: 'application/octet-stream'
    })
  } catch (error) {
    if (error instanceof KestraApiError && EXPORT_UNAVAILABLE.includes(error.status)) {
      return await readOneByOne(send, namespace, concurrency)
    }
    throw error
  }
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(new Uint8Array(response.body))
  } catch (error) {
    throw new KestraApiError(
      `Kestra's answer to GET ${filesPath(namespace)}/export is not a ZIP archive (${(error as Error).message}): is 'kestra-url' the Kestra server itself, not a proxy page?`,
      response.status
    )
  }
  return filesByPath(
    Object.entries(entries)
      // The export has no folder entries; a ZIP made elsewhere might.
      .filter(([name]) => !name.endsWith('/'))
      .map(([name, bytes]) => ({ kestraPath: `/${name}`, bytes }))
  )
}

/** Without the export: every file's path by an empty search, then each file read on its own. */
async function readOneByOne(
  send: Send,
  namespace: string,
  concurrency: number
): Promise<NamespaceFile[]> {
  const found = await send({
    method: 'GET',
    path: `${filesPath(namespace)}/search`,
    query: new URLSearchParams({ q: '' })
  })
  const paths = parseJson<unknown>(found, `GET ${filesPath(namespace)}/search`)
  if (!Array.isArray(paths) || paths.some(path => typeof path !== 'string')) {
    throw new KestraApiError(
      `Kestra's answer to GET ${filesPath(namespace)}/search is not a list of paths.`,
      found.status
    )
  }
  const kestraPaths = (paths as string[]).map(path => (path.startsWith('/') ? path : `/${path}`))
  const bytes = await mapConcurrent(kestraPaths, concurrency, kestraPath =>
    readNamespaceFile(send, namespace, kestraPath)
  )
  return filesByPath(
    kestraPaths.map((kestraPath, index) => ({
      kestraPath,
      bytes: bytes[index] as Uint8Array
    }))
  )
}

/** The files proper (no `_flows/` entry), by path. */
function filesByPath(files: NamespaceFile[]): NamespaceFile[] {
  return files
    .filter(file => !isFlowImportPath(file.kestraPath))
    .sort((a, b) => compareStrings(a.kestraPath, b.kestraPath))
}

async function readNamespaceFile(
  send: Send,
  namespace: string,
  kestraPath: string
): Promise<Uint8Array> {
  const response = await send({
    method: 'GET',
    path: filesPath(namespace),
    query: new URLSearchParams({ path: kestraPath }),
    accept: 'application/octet-stream'
  })
  return new Uint8Array(response.body)
}

/**
 * Creates or overwrites the file. An overwrite with the same bytes leaves the file as it was, so
 * a retry is safe; after a lost answer the file is read first, so that a server keeping revisions
 * (1.2+) does not get a second one for the same write.
 */
export async function writeNamespaceFile(
  send: Send,
  namespace: string,
  kestraPath: string,
  bytes: Uint8Array
): Promise<void> {
  const upload = multipartUpload(bytes)
  await send({
    method: 'POST',
    path: filesPath(namespace),
    query: new URLSearchParams({ path: kestraPath }),
    body: upload,
    recover: async () => {
      try {
        const stored = await readNamespaceFile(send, namespace, kestraPath)
        return Buffer.from(stored).equals(Buffer.from(bytes)) ? DONE : undefined
      } catch {
        return undefined
      }
    }
  })
}

/**
 * Deletes the file (a folder would go with all it holds: only files are named here). Kestra
 * answers 200 for a path already gone, so a retry is safe; a 404 (a proxy, a later version) after
 * a lost answer means the lost attempt did it.
 */
export async function deleteNamespaceFile(
  send: Send,
  namespace: string,
  kestraPath: string
): Promise<void> {
  await send({
    method: 'DELETE',
    path: filesPath(namespace),
    query: new URLSearchParams({ path: kestraPath }),
    recover: async failure => (failure.status === 404 ? DONE : undefined)
  })
}

const DONE: HttpResponse = { status: 200, headers: {}, body: Buffer.alloc(0) }

/** `multipart/form-data` with the one part Kestra reads, `fileContent`, holding the bytes. */
export function multipartUpload(bytes: Uint8Array): { contentType: string; bytes: Buffer } {
  const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let boundary: string
  do boundary = `kestra-sync-${randomBytes(16).toString('hex')}`
  while (content.includes(boundary))
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    bytes: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="fileContent"; filename="${PART_FILE_NAME}"\r\nContent-Type: application/octet-stream\r\n\r\n`
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`)
    ])
  }
}
