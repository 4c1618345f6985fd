import { flowKeyString } from '../flow/flow-key.js'
import type { FlowRevision } from '../flow/server-flow.js'
import { isPendingWrite, type FlowChange } from './changeset.js'

/** A planned write whose flow is no longer at the revision the plan was computed against. */
export interface Drift {
  change: FlowChange
  /** The revision now on the server; null when the flow is no longer there. */
  revisionNow: number | null
}

/**
 * Pure: the writes of `changes` that the server moved under since the plan (another sync, a
 * user in the UI). Writing them anyway would overwrite work nobody reviewed.
 */
export function findDrift(
  changes: readonly FlowChange[],
  current: readonly FlowRevision[]
): Drift[] {
  const revisionNow = new Map(current.map(flow => [flowKeyString(flow), flow.revision]))
  return changes.filter(isPendingWrite).flatMap(change => {
    const now = revisionNow.get(flowKeyString(change)) ?? null
    return now === change.previousRevision ? [] : [{ change, revisionNow: now }]
  })
}

/**
 * Updates the server numbered beyond the next revision: someone wrote the flow between the last
 * look and this write, and the write replaced it (it stays in the flow's revision history).
 */
export function overwrittenDuringSync(changes: readonly FlowChange[]): FlowChange[] {
  return changes.filter(
    change =>
      change.syncState === 'UPDATED' &&
      change.applyOutcome === 'applied' &&
      change.previousRevision !== null &&
      change.revision !== null &&
      change.revision > change.previousRevision + 1
  )
}
