import { describeProblems } from '../errors.js'
import { flowProblem } from '../flow/flow-problem.js'
import type { ApplyOutcome, FileChange, FlowChange, SyncFailure } from './changeset.js'
import { fileName } from './plan-files.js'

/** What the apply did, as one line for the log, and its failure when a write failed. */
export function describeApply(
  changes: readonly FlowChange[],
  files: readonly FileChange[] = []
): {
  summary: string
  failure?: SyncFailure
} {
  const count = (outcome: ApplyOutcome): number =>
    [...changes, ...files].filter(change => change.applyOutcome === outcome).length
  const [applied, failed, notAttempted] = [
    count('applied'),
    count('failed'),
    count('not-attempted')
  ]
  const summary = `${applied} of ${applied + failed + notAttempted} write(s) done, ${failed} failed.`
  if (failed === 0) return { summary }
  const problems = [
    ...files
      .filter(file => file.applyOutcome === 'failed')
      .map(file => ({
        ...(file.gitPath ? { gitPath: file.gitPath } : {}),
        message: `${fileName(file)}: ${file.error ?? 'failed'}`
      })),
    ...changes
      .filter(change => change.applyOutcome === 'failed')
      .map(change => flowProblem(change, change.error ?? 'failed'))
  ]
  const message = describeProblems(
    `The apply stopped: ${applied} write(s) done, ${failed} failed, ${notAttempted} not attempted. A new run applies what is left.`,
    problems
  )
  const reason = `${failed} write(s) failed${notAttempted > 0 ? ` and ${notAttempted} were not attempted` : ''}`
  return { summary, failure: { message, problems, reason } }
}
