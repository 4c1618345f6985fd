import type { Redact } from '../report/redact-secrets.js'
import type { ReportSink } from '../report/report-layout.js'
import { GitHubApiError, type GitHubPort, type IssueRef } from './github-port.js'
import { encodeState, publishComment, type PlanState } from './plan-comment.js'

/** GitHub refuses a comment body longer than this ("Body is too long (maximum is 65536 characters)"). */
export const COMMENT_LIMIT = 65_536
/** Room left for the masking of secrets, which may lengthen the text a little. */
const COMMENT_MARGIN = 200

export interface ReportComment {
  github: GitHubPort
  pullRequest: IssueRef
  /** The hidden line that finds the comment again (see plan-comment.ts). */
  marker: string
  /** What the plan comment remembers; absent for a run that failed before it had a plan. */
  state?: PlanState
  runUrl?: string
  /** Takes the secrets out: the runner masks the log, not what is sent to the API. */
  redact: Redact
  log: { info(message: string): void; warning(message: string): void }
}

/**
 * Posts the report as the sync's comment on the pull request, rendered to fit GitHub's limit
 * with the hidden lines. A refusal (a fork's read-only token) is one warning: the comment is a
 * convenience, and the step summary has the whole report.
 */
export async function postReportComment(
  target: ReportComment,
  render: (sink: ReportSink) => string
): Promise<void> {
  const preamble = [target.marker, ...(target.state ? [encodeState(target.state)] : [])].join('\n')
  const markdown = render({
    limit: COMMENT_LIMIT - preamble.length - 1 - COMMENT_MARGIN,
    measure: text => text.length,
    limitName: "GitHub's limit of 65,536 characters for a comment",
    elsewhere: target.runUrl
      ? `the step summary of the [workflow run](${target.runUrl})`
      : 'the step summary of the workflow run'
  })
  const body = `${preamble}\n${target.redact(markdown)}`
  const number = target.pullRequest.number
  try {
    const { outcome, comment } = await publishComment(
      target.github,
      target.pullRequest,
      target.marker,
      body
    )
    target.log.info(
      `Plan comment ${outcome} on pull request #${number}${comment.url ? `: ${comment.url}` : ''}.`
    )
  } catch (error) {
    const readOnly = error instanceof GitHubApiError && [401, 403, 404].includes(error.status)
    target.log.warning(
      `Could not comment on pull request #${number}: ${error instanceof Error ? error.message : String(error)}. ${
        readOnly
          ? "The token is read-only on pull requests from forks (and Dependabot's), or the job lacks 'permissions: pull-requests: write'. "
          : ''
      }The step summary has the whole report.`
    )
  }
}
