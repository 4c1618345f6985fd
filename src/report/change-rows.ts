import { tookEffect, type FileChange, type FlowChange } from '../plan/changeset.js'

/** One row of the `changes` output: a flow's, or a namespace file's. */
export type ChangeRow = FlowRow | FileRow

/** A flow's row, in SyncFlows' vocabulary. */
export interface FlowRow {
  kind: 'FLOW'
  gitPath: string | null
  syncState: FlowChange['syncState']
  flowId: string
  namespace: string
  revision: number | null
  previousRevision: number | null
  /** Only on a change the apply did not carry out (it failed, or stopped before it). */
  applied?: false
  error?: string
}

/** A namespace file's row: where it is in Git and in the namespace. */
export interface FileRow {
  kind: 'FILE'
  gitPath: string | null
  syncState: FileChange['syncState']
  namespace: string
  kestraPath: string
  applied?: false
  error?: string
}

/**
 * The flows' rows, then the files'. A change that did not take effect keeps the server's
 * revision: that is what is there.
 */
export function toChangeRows(
  changes: readonly FlowChange[],
  files: readonly FileChange[] = []
): ChangeRow[] {
  const flowRows = changes.map((change): FlowRow => ({
    kind: 'FLOW',
    gitPath: change.gitPath,
    syncState: change.syncState,
    flowId: change.id,
    namespace: change.namespace,
    revision: tookEffect(change) ? change.revision : change.previousRevision,
    previousRevision: change.previousRevision,
    ...(tookEffect(change) ? {} : { applied: false as const }),
    ...(change.error ? { error: change.error } : {})
  }))
  const fileRows = files.map((file): FileRow => ({
    kind: 'FILE',
    gitPath: file.gitPath,
    syncState: file.syncState,
    namespace: file.namespace,
    kestraPath: file.kestraPath,
    ...(tookEffect(file) ? {} : { applied: false as const }),
    ...(file.error ? { error: file.error } : {})
  }))
  return [...flowRows, ...fileRows]
}
