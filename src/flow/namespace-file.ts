/**
 * A namespace file, as the local folder and the server both give it: its path in the namespace
 * (`/scripts/etl.py`, from the namespace's root) and its bytes, exactly as stored.
 */
export interface NamespaceFile {
  kestraPath: string
  bytes: Uint8Array
}

/** A namespace file of the repository: the file in Git it comes from, relative to the workspace. */
export interface LocalNamespaceFile extends NamespaceFile {
  gitPath: string
}

/**
 * Kestra imports an upload under `/_flows/` as a flow and exports the namespace's flows there: no
 * namespace file can live at `/_flows` or below it.
 */
export function isFlowImportPath(kestraPath: string): boolean {
  return /^\/_flows(\/|$)/.test(kestraPath)
}
