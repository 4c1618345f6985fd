import { tookEffect, type FlowChange } from '../plan/changeset.js'

/** `3 → 4` for a flow that gets a new revision from an existing one, else the revision alone. */
export function revisionText(change: FlowChange, arrow: string): string {
  if (!tookEffect(change)) return String(change.previousRevision ?? '')
  if (change.syncState === 'UPDATED' || change.syncState === 'DELETED') {
    return `${change.previousRevision ?? '?'} ${arrow} ${change.revision ?? '?'}`
  }
  return String(change.revision ?? '')
}

/** Marks a change the apply did not carry out, so no table claims what did not happen. */
export function outcomeSuffix(change: FlowChange): string {
  switch (change.applyOutcome) {
    case 'failed':
      return ' (failed)'
    case 'not-attempted':
      return ' (not applied)'
    case 'invalid':
      return ' (invalid)'
    default:
      return ''
  }
}
