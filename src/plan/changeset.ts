import type { FileProblem } from '../errors.js'
import type { FlowKey } from '../flow/flow-key.js'
import type { UnreadReason } from '../flow/local-flow.js'

/** SyncFlows' states, so a Kestra user reads the plan in familiar words. */
export type SyncState = 'ADDED' | 'UPDATED' | 'UNCHANGED' | 'DELETED'

/** One row of the changeset: what happens (or would happen) to one flow. */
export interface FlowChange extends FlowKey {
  syncState: SyncState
  /** The file, relative to the workspace; null for a deletion. */
  gitPath: string | null
  /** 1-based line of the file's `id:`, for annotations. */
  idLine: number | null
  /** True when `source` has a `namespace:` line, after the `id:` line, that the file has not. */
  namespaceLineAdded?: boolean
  /** The local source (namespace rewritten); null for a deletion. */
  source: string | null
  /** The server's source before the sync, for the diff a reviewer reads; null for an addition. */
  serverSource: string | null
  /** The server's revision before the sync; null for an addition. */
  previousRevision: number | null
  /** The revision after the sync: projected by the plan, then the server's answer once applied. */
  revision: number | null
  /** What became of it; absent in a plan (dry run) that nothing stops, and for UNCHANGED. */
  applyOutcome?: ApplyOutcome
  /** Why it was refused (`invalid`) or why its write failed (`failed`). */
  error?: string
  /** For a deletion: the file in Git that defines the flow but that the sync does not read. */
  unreadFile?: { gitPath: string; reason: UnreadReason }
}

/**
 * `invalid`: the server (or its version's rules) refuses the flow, so it is never written;
 * `not-attempted`: the sync stopped (a failure, or an invalid flow) before reaching this change.
 */
export type ApplyOutcome = 'applied' | 'failed' | 'not-attempted' | 'invalid'

/**
 * Why a flow that exists only on the server stays there: deletion is off, its namespace is
 * protected, its file in Git is invalid, or some file in Git could not be read and might be the one
 * defining it.
 */
export type KeptReason =
  'delete-disabled' | 'protected-namespace' | 'invalid-in-git' | 'unreadable-file-in-git'

export interface KeptFlow extends FlowKey {
  revision: number
  reason: KeptReason
}

/**
 * One namespace file of the plan: the same states as a flow's, UNCHANGED when the bytes are the
 * same, DELETED only with `delete` and only in the target namespace itself.
 */
export interface FileChange {
  namespace: string
  /** The path in the namespace, `/scripts/etl.py`. */
  kestraPath: string
  syncState: SyncState
  /** The file, relative to the workspace; null for a deletion. */
  gitPath: string | null
  /** The bytes in Git, to write; null for a deletion. */
  content: Uint8Array | null
  /** The bytes on the server before the sync; null for an addition. */
  serverContent: Uint8Array | null
  applyOutcome?: ApplyOutcome
  /** Why its write failed. */
  error?: string
}

/** A namespace file only on the server that the sync leaves in place, and why. */
export interface KeptFile {
  namespace: string
  kestraPath: string
  reason: Extract<KeptReason, 'delete-disabled' | 'protected-namespace'>
}

export interface Changeset {
  /** Deletions first, then by file path: the order of SyncFlows' output. */
  changes: FlowChange[]
  /** Flows only on the server that the sync leaves in place. */
  kept: KeptFlow[]
  /** The namespace files, deletions first, then by path; absent when files are not synced. */
  files?: FileChange[]
  /** Namespace files only on the server that the sync leaves in place. */
  keptFiles?: KeptFile[]
}

/** What every change has, flow or file: its state and what became of it. */
export type AnyChange = Pick<FlowChange, 'syncState' | 'applyOutcome'>

/** True for a planned change (dry run) and for one the apply carried out. */
export function tookEffect(change: AnyChange): boolean {
  return change.applyOutcome === undefined || change.applyOutcome === 'applied'
}

/** Counts, by default, what took effect: a change that failed or was not attempted did not happen. */
export function countByState<Change extends AnyChange>(
  changes: readonly Change[],
  counted: (change: Change) => boolean = tookEffect
): Record<SyncState, number> {
  const counts: Record<SyncState, number> = { ADDED: 0, UPDATED: 0, UNCHANGED: 0, DELETED: 0 }
  for (const change of changes) if (counted(change)) counts[change.syncState]++
  return counts
}

/** The flows and the namespace files of a changeset, counted together (as the outputs count). */
export function countAllByState(
  changeset: { changes: readonly AnyChange[]; files?: readonly AnyChange[] | undefined },
  counted: (change: AnyChange) => boolean = tookEffect
): Record<SyncState, number> {
  return countByState<AnyChange>([...changeset.changes, ...(changeset.files ?? [])], counted)
}

/** A change the apply still has to carry out: not UNCHANGED, and no outcome yet. */
export function isPendingWrite(change: AnyChange): boolean {
  return change.syncState !== 'UNCHANGED' && change.applyOutcome === undefined
}

export function isWrite(change: AnyChange): boolean {
  return change.syncState === 'ADDED' || change.syncState === 'UPDATED'
}

/** Nothing was written: every change still to write, flow or file, says so. */
export function notAttempted(changeset: Changeset): Changeset {
  const mark = <Change extends AnyChange>(change: Change): Change =>
    isPendingWrite(change) ? { ...change, applyOutcome: 'not-attempted' as const } : change
  return {
    ...changeset,
    changes: changeset.changes.map(mark),
    ...(changeset.files ? { files: changeset.files.map(mark) } : {})
  }
}

/** Why a changeset was not (all) carried out, with the files to annotate. */
export interface SyncFailure {
  message: string
  problems: FileProblem[]
  /**
   * Why the plan was not (all) carried out, as a clause for a headline ("the plan is not the
   * reviewed one"); absent when the flows the server refuses are the reason, which the changeset
   * tells.
   */
  reason?: string
}
