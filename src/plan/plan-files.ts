import type { LocalNamespaceFile, NamespaceFile } from '../flow/namespace-file.js'
import { isInScope } from '../flow/namespace-scope.js'
import { compareStrings } from '../util/compare.js'
import type { FileChange, KeptFile } from './changeset.js'

export interface FilePlanInput {
  /** The namespace the files are synced into: the target namespace, never a child of it. */
  namespace: string
  local: readonly LocalNamespaceFile[]
  server: readonly NamespaceFile[]
  /** Delete the files that are only on the server. */
  delete: boolean
  /** Namespaces (with their children) where nothing is ever deleted. */
  protectedNamespaces: readonly string[]
}

/**
 * Pure: the namespace files to write and delete so that the namespace holds the folder's files.
 * A file is UNCHANGED when its bytes are the same, byte for byte: Kestra stores what it is sent,
 * and from 1.2 every write makes a new revision, so a file is never written again for nothing.
 */
export function planFiles(input: FilePlanInput): { files: FileChange[]; keptFiles: KeptFile[] } {
  const onServer = new Map(input.server.map(file => [file.kestraPath, file.bytes]))
  const inGit = new Set(input.local.map(file => file.kestraPath))
  const upserts = input.local.map((file): FileChange => {
    const serverContent = onServer.get(file.kestraPath) ?? null
    return {
      namespace: input.namespace,
      kestraPath: file.kestraPath,
      syncState:
        serverContent === null
          ? 'ADDED'
          : sameBytes(serverContent, file.bytes)
            ? 'UNCHANGED'
            : 'UPDATED',
      gitPath: file.gitPath,
      content: file.bytes,
      serverContent
    }
  })
  const protectedNamespace = input.protectedNamespaces.some(namespace =>
    isInScope(input.namespace, { namespace, includeChildren: true })
  )
  const deletions: FileChange[] = []
  const keptFiles: KeptFile[] = []
  for (const file of input.server) {
    if (inGit.has(file.kestraPath)) continue
    if (!input.delete || protectedNamespace) {
      keptFiles.push({
        namespace: input.namespace,
        kestraPath: file.kestraPath,
        reason: input.delete ? 'protected-namespace' : 'delete-disabled'
      })
      continue
    }
    deletions.push({
      namespace: input.namespace,
      kestraPath: file.kestraPath,
      syncState: 'DELETED',
      gitPath: null,
      content: null,
      serverContent: file.bytes
    })
  }
  const byPath = (a: { kestraPath: string }, b: { kestraPath: string }): number =>
    compareStrings(a.kestraPath, b.kestraPath)
  return {
    files: [...deletions.sort(byPath), ...upserts.sort(byPath)],
    keptFiles: keptFiles.sort(byPath)
  }
}

/** A file as messages name it: `company.team:/scripts/etl.py`. */
export function fileName(file: { namespace: string; kestraPath: string }): string {
  return `${file.namespace}:${file.kestraPath}`
}

/** Byte for byte, natively: namespace files run to megabytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0
}
