import { Input } from '../action-interface.js'
import { describeProblems } from '../errors.js'
import { flowName } from '../flow/flow-key.js'
import { UNREAD_REASON_TEXT } from '../local/local-flow.js'
import type { Changeset, KeptFlow, KeptReason } from '../plan/changeset.js'
import type { Drift } from '../plan/server-drift.js'
import type { SyncFailure } from '../sync.js'
import type { Log } from '../util/log.js'
import { problemOf } from './change-problem.js'

// Guards on the writes, beyond invalid flows: deletions held back or beyond the limit, and a
// server that changed since the plan.

/** Deletions the plan holds back, and why, for the log. */
export function warnWithheldDeletions(plan: Changeset, log: Log): void {
  const withheld = (reason: KeptReason): KeptFlow[] =>
    plan.kept.filter(flow => flow.reason === reason)
  const invalid = [...withheld('invalid-in-git'), ...withheld('unreadable-file-in-git')]
  if (invalid.length > 0) {
    log.warning(
      `${invalid.length} deletion(s) withheld: flows in Git are invalid, so what they define is not known for sure.`
    )
  }
  const guarded = withheld('protected-namespace')
  if (guarded.length > 0) {
    log.notice(
      `${guarded.length} deletion(s) withheld in protected namespaces: ${guarded.map(flowName).join(', ')}.`
    )
  }
}

/**
 * Deletions of flows whose files the sync does not read (.kestraignore, a leading dot), as SyncFlows
 * deletes them: a notice, so that no one loses a flow to an ignore rule without being told.
 */
export function noteUnreadDeletions(plan: Changeset, dryRun: boolean, log: Log): void {
  const flows = plan.changes.flatMap(change =>
    change.unreadFile
      ? [
          `${flowName(change)} (${change.unreadFile.gitPath}: ${UNREAD_REASON_TEXT[change.unreadFile.reason]})`
        ]
      : []
  )
  if (flows.length === 0) return
  log.notice(
    `${flows.length} flow(s) ${dryRun ? 'would be' : 'are'} deleted because the sync does not read their files: ${flows.join(', ')}. To keep such a flow, let the sync read its file.`
  )
}

/** The deletion limit, as a reason to refuse the sync; undefined when the plan is within it. */
export function tooManyDeletions(
  changeset: Changeset,
  maxDeletions: number | undefined
): { message: string; reason: string } | undefined {
  const deletions = changeset.changes.filter(change => change.syncState === 'DELETED')
  if (maxDeletions === undefined || deletions.length <= maxDeletions) return undefined
  const reason = `the plan deletes ${deletions.length} flow(s), more than '${Input.MaxDeletions}' (${maxDeletions})`
  return {
    message: `The plan deletes ${deletions.length} flow(s), more than '${Input.MaxDeletions}' (${maxDeletions}); nothing was written. If these deletions are meant, raise '${Input.MaxDeletions}' for one run: ${deletions.map(flowName).join(', ')}.`,
    reason
  }
}

/** Flows the server moved under since the plan: the apply writes nothing, and says which. */
export function driftFailure(drift: readonly Drift[]): SyncFailure {
  const problems = drift.map(({ change, revisionNow }) =>
    problemOf({
      change,
      message:
        revisionNow === null
          ? `planned against revision ${change.previousRevision}, now absent from the server`
          : `planned against ${change.previousRevision === null ? 'no flow' : `revision ${change.previousRevision}`}, now at revision ${revisionNow}`
    })
  )
  return {
    message: describeProblems(
      `${drift.length} flow(s) changed on the server after the plan was made (another sync, or an edit in Kestra); nothing was written, so that no change is overwritten unseen. Run again to plan against the server as it is now:`,
      problems
    ),
    problems,
    reason: `${drift.length} flow(s) changed on the server after the plan was made`
  }
}
