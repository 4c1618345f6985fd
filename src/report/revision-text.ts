import type { FlowChange } from '../plan/changeset.js'

/** `3 → 4` for a flow that gets a new revision from an existing one, else the revision alone. */
export function revisionText(change: FlowChange, arrow: string): string {
  if (change.syncState === 'UPDATED' || change.syncState === 'DELETED') {
    return `${change.previousRevision ?? '?'} ${arrow} ${change.revision ?? '?'}`
  }
  return String(change.revision ?? '')
}
