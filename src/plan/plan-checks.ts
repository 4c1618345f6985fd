import { Input } from '../action-interface.js'
import { describeProblems, type FileProblem } from '../errors.js'
import { flowName } from '../flow/flow-key.js'
import { UNREAD_REASON_TEXT } from '../flow/local-flow.js'
import { flowProblem } from '../flow/flow-problem.js'
import { fileName } from './plan-files.js'
import {
  countAllByState,
  type Changeset,
  type KeptFlow,
  type KeptReason,
  type SyncFailure
} from './changeset.js'
import { explainPlanChange, type PlannedFlow, type ReviewedPlan } from './plan-id.js'
import type { Drift } from './server-drift.js'
import type { LogLine } from '../util/log.js'

// Pure checks on a plan, before and around its writes: what it holds back, what refuses it, and
// what the run's policy makes of it. Each returns what to say; the caller says it.

/**
 * What a reader of the log should know of the deletions: those the plan holds back, and why, and
 * those of flows whose files the sync does not read (.kestraignore, a leading dot), as SyncFlows
 * deletes them, so that no one loses a flow to an ignore rule without being told.
 */
export function deletionNotes(plan: Changeset, dryRun: boolean): LogLine[] {
  const withheld = (reason: KeptReason): KeptFlow[] =>
    plan.kept.filter(flow => flow.reason === reason)
  const notes: LogLine[] = []
  const invalid = [...withheld('invalid-in-git'), ...withheld('unreadable-file-in-git')]
  if (invalid.length > 0) {
    notes.push({
      level: 'warning',
      message: `${invalid.length} deletion(s) withheld: flows in Git are invalid, so what they define is not known for sure.`
    })
  }
  const guardedFiles = (plan.keptFiles ?? []).filter(file => file.reason === 'protected-namespace')
  if (guardedFiles.length > 0) {
    notes.push({
      level: 'notice',
      message: `${guardedFiles.length} namespace file deletion(s) withheld in a protected namespace: ${guardedFiles.map(fileName).join(', ')}.`
    })
  }
  const guarded = withheld('protected-namespace')
  if (guarded.length > 0) {
    notes.push({
      level: 'notice',
      message: `${guarded.length} deletion(s) withheld in protected namespaces: ${guarded.map(flowName).join(', ')}.`
    })
  }
  const unread = plan.changes.flatMap(change =>
    change.unreadFile
      ? [
          `${flowName(change)} (${change.unreadFile.gitPath}: ${UNREAD_REASON_TEXT[change.unreadFile.reason]})`
        ]
      : []
  )
  if (unread.length > 0) {
    notes.push({
      level: 'notice',
      message: `${unread.length} flow(s) ${dryRun ? 'would be' : 'are'} deleted because the sync does not read their files: ${unread.join(', ')}. To keep such a flow, let the sync read its file.`
    })
  }
  return notes
}

/**
 * What refuses the whole plan before anything is written: flows the server refuses (unless they
 * are to be skipped), and more deletions than the limit. Undefined when nothing does.
 */
export function planRefusal(
  changeset: Changeset,
  {
    invalid,
    ignoreInvalidFlows,
    maxDeletions
  }: {
    /** The flows the server refuses, as problems on their files. */
    invalid: readonly FileProblem[]
    ignoreInvalidFlows: boolean
    maxDeletions: number | undefined
  }
): SyncFailure | undefined {
  const refusesInvalid = invalid.length > 0 && !ignoreInvalidFlows
  const deletionLimit = tooManyDeletions(changeset, maxDeletions)
  if (!refusesInvalid && !deletionLimit) return undefined
  const messages = [
    ...(refusesInvalid
      ? [
          describeProblems(
            `${invalid.length} flow(s) are invalid for the server; nothing was written:`,
            invalid
          )
        ]
      : []),
    ...(deletionLimit ? [deletionLimit.message] : [])
  ]
  return {
    message: messages.join('\n'),
    problems: ignoreInvalidFlows ? [] : [...invalid],
    ...(deletionLimit ? { reason: deletionLimit.reason } : {})
  }
}

/** The deletion limit, as a reason to refuse the sync; undefined when the plan is within it. */
function tooManyDeletions(
  changeset: Changeset,
  maxDeletions: number | undefined
): { message: string; reason: string } | undefined {
  // Flows and namespace files count together: the limit is on what the plan removes.
  const deletions = [
    ...changeset.changes.filter(change => change.syncState === 'DELETED').map(flowName),
    ...(changeset.files ?? []).filter(file => file.syncState === 'DELETED').map(fileName)
  ]
  if (maxDeletions === undefined || deletions.length <= maxDeletions) return undefined
  const what = changeset.files ? 'flow(s) and namespace file(s)' : 'flow(s)'
  const reason = `the plan deletes ${deletions.length} ${what}, more than '${Input.MaxDeletions}' (${maxDeletions})`
  return {
    message: `The plan deletes ${deletions.length} ${what}, more than '${Input.MaxDeletions}' (${maxDeletions}); nothing was written. If these deletions are meant, raise '${Input.MaxDeletions}' for one run: ${deletions.join(', ')}.`,
    reason
  }
}

/** A plan that is not the reviewed one is not written; the failure says what changed since. */
export function notTheReviewedPlan(plans: {
  expected: string
  actual: string
  /** Every flow of the plan now, UNCHANGED ones included. */
  current: readonly PlannedFlow[]
  reviewed: ReviewedPlan | undefined
  withFiles?: boolean
}): SyncFailure {
  return {
    message: explainPlanChange(plans),
    problems: [],
    reason: `the plan is not the reviewed one ('${Input.ExpectedPlanId}')`
  }
}

/** Flows the server moved under since the plan: the apply writes nothing, and says which. */
export function driftFailure(drift: readonly Drift[]): SyncFailure {
  const problems = drift.map(({ change, revisionNow }) =>
    flowProblem(
      change,
      revisionNow === null
        ? `planned against revision ${change.previousRevision}, now absent from the server`
        : `planned against ${change.previousRevision === null ? 'no flow' : `revision ${change.previousRevision}`}, now at revision ${revisionNow}`
    )
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

/**
 * With 'fail-on-changes', a plan that is not empty fails the step, after it is reported: the
 * message, or undefined when the plan is empty or the policy is off. Counted as `has-changes`
 * is: flows the server refuses (ignore-invalid-flows) are not changes.
 */
export function changesFailure(
  changeset: Pick<Changeset, 'changes' | 'files'>,
  failOnChanges: boolean
): string | undefined {
  const planned = countAllByState(changeset)
  if (!failOnChanges || planned.ADDED + planned.UPDATED + planned.DELETED === 0) return undefined
  return `'${Input.FailOnChanges}' is true and the plan is not empty: +${planned.ADDED} ~${planned.UPDATED} -${planned.DELETED} (see the step summary).`
}
