import { tookEffect, type FlowChange, type KeptReason, type SyncState } from '../plan/changeset.js'

/**
 * `3 → 4` for a flow that gets a new revision from an existing one, `deleted (was r12)` for a
 * deletion (the revision a deletion leaves is no version anyone can open), else the revision.
 */
export function revisionText(change: FlowChange, arrow: string): string {
  if (!tookEffect(change)) return String(change.previousRevision ?? '')
  if (change.syncState === 'DELETED') return `deleted (was r${change.previousRevision ?? '?'})`
  if (change.syncState === 'UPDATED') {
    return `${change.previousRevision ?? '?'} ${arrow} ${change.revision ?? '?'}`
  }
  return String(change.revision ?? '')
}

/** Marks a change the apply did not carry out, so no table claims what did not happen. */
export function outcomeSuffix(change: Pick<FlowChange, 'applyOutcome'>): string {
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

/** The order of every report: what a reviewer must not miss comes first, unchanged ones last. */
const REPORT_ORDER: readonly SyncState[] = ['DELETED', 'UPDATED', 'ADDED', 'UNCHANGED']

/** The changes (of flows or files) in report order; within a state, in the changeset's order. */
export function inReportOrder<Change extends { syncState: SyncState }>(
  changes: readonly Change[]
): Change[] {
  return REPORT_ORDER.flatMap(state => changes.filter(change => change.syncState === state))
}

/** A state in a table's first column: a deletion stands out. */
export const STATE_LABEL: Record<SyncState, string> = {
  DELETED: '🗑️ **DELETED**',
  UPDATED: '✏️ UPDATED',
  ADDED: '➕ ADDED',
  UNCHANGED: 'UNCHANGED'
}

/** A state in the summary line of a collapsed section. */
export const STATE_ICON: Record<SyncState, string> = {
  DELETED: '🗑️',
  UPDATED: '✏️',
  ADDED: '➕',
  UNCHANGED: ''
}

/** Why a flow only on the server stays there, in a report's words. */
export const KEPT_REASON: Record<KeptReason, string> = {
  'delete-disabled': "only on the server, kept because 'delete' is false",
  'protected-namespace': "kept because its namespace is in 'protected-namespaces'",
  'invalid-in-git': 'kept because the flow is invalid in Git (never deleted for that)',
  'unreadable-file-in-git':
    'kept because a file in Git could not be read and may define it (see the invalid flows)'
}
