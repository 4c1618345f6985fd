import type { FlowChange } from '../plan/changeset.js'

/** One row of the `changes` output, in SyncFlows' vocabulary. */
export interface ChangeRow {
  gitPath: string | null
  syncState: FlowChange['syncState']
  flowId: string
  namespace: string
  revision: number | null
  previousRevision: number | null
}

export function toChangeRows(changes: readonly FlowChange[]): ChangeRow[] {
  return changes.map(change => ({
    gitPath: change.gitPath,
    syncState: change.syncState,
    flowId: change.id,
    namespace: change.namespace,
    revision: change.revision,
    previousRevision: change.previousRevision
  }))
}
