import { Input } from '../action-interface.js'
import { describeProblems, type FileProblem } from '../errors.js'
import type { BaseFlows } from '../flow/base-flow.js'
import { flowName } from '../flow/flow-key.js'
import { flowProblem } from '../flow/flow-problem.js'
import type { LocalFlow } from '../flow/local-flow.js'
import type { ServerFlow } from '../flow/server-flow.js'
import type { FlowChange, SyncFailure } from '../plan/changeset.js'
import type { LogLine } from '../util/log.js'
import { deletionImpacts, type CallingFlow, type DeletionImpact } from './deletion-impact.js'
import { findUiDrift, type UiDrift } from './ui-drift.js'

/** `warn` tells a reviewer; `fail` also fails the step before anything is written. */
export type ReviewPolicy = 'warn' | 'fail'

export interface ReviewPolicies {
  onDrift: ReviewPolicy
  onBrokenCallers: ReviewPolicy
}

/** What a reviewer of the plan should know beyond the diffs: drift and broken callers. */
export interface PlanReview {
  /** The commit the files were compared with; undefined when the run has none (no base). */
  baseCommit: string | undefined
  /** Why drift could not be looked for, said once. */
  baseUnavailable: string | undefined
  drift: UiDrift[]
  deletions: DeletionImpact[]
}

/** Pure: the review of a plan, from the flows read and the base commit's flows (if any). */
export function reviewPlan(
  changes: readonly FlowChange[],
  flows: { local: readonly LocalFlow[]; server: readonly ServerFlow[]; base: BaseFlows | undefined }
): PlanReview {
  const { base } = flows
  return {
    baseCommit: base?.commit,
    baseUnavailable: base && 'unavailable' in base ? base.unavailable : undefined,
    drift: base && 'flows' in base ? findUiDrift(changes, base.flows) : [],
    deletions: deletionImpacts(changes, flows)
  }
}

/** Deletions that flows left in place still call. */
export function brokenDeletions(review: PlanReview): DeletionImpact[] {
  return review.deletions.filter(impact => impact.callers.length > 0)
}

/**
 * What the log says of the review, as warnings: each drifted flow and each broken caller, unless
 * its policy fails the step (the failure names them then).
 */
export function reviewNotes(review: PlanReview, policy: ReviewPolicies): LogLine[] {
  const warn = (problems: FileProblem[]): LogLine[] =>
    problems.map(problem => ({ level: 'warning', message: problem.message }))
  return [
    ...(review.baseUnavailable
      ? warn([{ message: `Drift not checked: ${review.baseUnavailable}` }])
      : []),
    ...(policy.onDrift === 'warn' ? warn(driftProblems(review.drift)) : []),
    ...(policy.onBrokenCallers === 'warn' ? warn(brokenProblems(brokenDeletions(review))) : [])
  ]
}

/**
 * With `on-drift: fail` or `on-broken-callers: fail`, what refuses the plan before any write,
 * naming each flow; undefined when nothing does.
 */
export function reviewRefusal(review: PlanReview, policy: ReviewPolicies): SyncFailure | undefined {
  const drift = policy.onDrift === 'fail' ? driftProblems(review.drift) : []
  const broken = policy.onBrokenCallers === 'fail' ? brokenProblems(brokenDeletions(review)) : []
  if (drift.length === 0 && broken.length === 0) return undefined
  const messages = [
    ...(drift.length > 0
      ? [
          describeProblems(
            `${drift.length} flow(s) changed on the server since the last sync, and '${Input.OnDrift}' is 'fail'; nothing was written. Bring the server's change into the branch, or run with '${Input.OnDrift}: warn' to overwrite it:`,
            drift
          )
        ]
      : []),
    ...(broken.length > 0
      ? [
          describeProblems(
            `${broken.length} flow(s) to delete are still called, and '${Input.OnBrokenCallers}' is 'fail'; nothing was written:`,
            broken
          )
        ]
      : [])
  ]
  const reasons = [
    ...(drift.length > 0
      ? [`${drift.length} flow(s) changed on the server since the last sync`]
      : []),
    ...(broken.length > 0 ? [`${broken.length} flow(s) to delete are still called`] : [])
  ]
  return {
    message: messages.join('\n'),
    problems: [...drift, ...broken],
    reason: reasons.join(', ')
  }
}

function driftProblems(drift: readonly UiDrift[]): FileProblem[] {
  return drift.map(({ change }) =>
    flowProblem(change, 'changed on the server since the last sync — merging overwrites it')
  )
}

function brokenProblems(impacts: readonly DeletionImpact[]): FileProblem[] {
  return impacts.map(impact =>
    flowProblem(
      impact.deleted,
      `deleted, but still called by ${impact.callers.map(describeCaller).join('; ')}`
    )
  )
}

/** `team.orchestrator (Subflow task load)`, for the log and failures. */
function describeCaller(caller: CallingFlow): string {
  const how = caller.calls.map(call => `${call.kind} ${call.via}`).join(', ')
  return `${flowName(caller)} (${how})`
}
