import { tookEffect, type FlowChange } from '../plan/changeset.js'

/** One row of the `changes` output, in SyncFlows' vocabulary. */
export interface ChangeRow {
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

/** A change that did not take effect keeps the server's revision: that is what is there. */
export function toChangeRows(changes: readonly FlowChange[]): ChangeRow[] {
  return changes.map(change => ({
    gitPath: change.gitPath,
    syncState: change.syncState,
    flowId: change.id,
    namespace: change.namespace,
    revision: tookEffect(change) ? change.revision : change.previousRevision,
    previousRevision: change.previousRevision,
    ...(tookEffect(change) ? {} : { applied: false as const }),
    ...(change.error ? { error: change.error } : {})
  }))
}
