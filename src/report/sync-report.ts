import type { FileProblem } from '../errors.js'
import type { Changeset, SyncFailure } from '../plan/changeset.js'
import type { PlanReview } from '../review/plan-review.js'

/** What the reports render of a sync that had a plan; the sync's result is one. */
export interface SyncReport {
  /** The server, named by version and edition, never by its URL. */
  server: { version: string; edition: string; tenantInPath: boolean }
  dryRun: boolean
  /** The plan; once applied, each change says what became of it and carries its new revision. */
  changeset: Changeset
  /** The id of the plan (see plan-id.ts), as computed before anything was written. */
  planId: string
  /** Files of the folder that are not flows. */
  skippedFiles: readonly string[]
  /** Flows left out because they are invalid (only with `ignore-invalid-flows`). */
  invalidSkipped: readonly FileProblem[]
  notices: readonly FileProblem[]
  /** Drift since the base commit and what deletions break; absent before there is a plan. */
  review?: PlanReview
  /** Set when the sync failed after planning: the plan is still reported. */
  failure?: SyncFailure
}
