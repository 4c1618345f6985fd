import { Input } from './action-interface.js'
import { errorMessage, UserFacingError } from './errors.js'
import type { GitHubPort } from './github/github-port.js'
import { octokitPort } from './github/octokit-port.js'
import { commentMarker } from './github/plan-comment.js'
import { postReportComment, type ReportComment } from './github/report-comment.js'
import { expectedPlan } from './github/reviewed-plan.js'
import { currentRunContext, type RunContext } from './github/run-context.js'
import { runnerOutput, type RunnerOutput } from './github/runner-output.js'
import { credentialSecrets } from './kestra/credentials.js'
import { proxySecrets } from './kestra/http-transport.js'
import { kestraClient, type KestraClient } from './kestra/kestra-client.js'
import { gitBaseReader } from './local/git-base.js'
import { changesFailure } from './plan/plan-checks.js'
import { planSnapshot } from './plan/plan-id.js'
import { renderLogTable } from './report/log-table.js'
import { describeOutcome } from './report/outcome.js'
import { writeOutputs } from './report/outputs.js'
import { renderFailureReport, renderReport, type ReportContext } from './report/plan-report.js'
import type { ReportSink } from './report/report-layout.js'
import type { EarlyConnection, RunStart } from './run-start.js'
import type { Settings } from './settings.js'
import { sync, type SyncResult } from './sync.js'

/** GitHub shows at most 1 MiB of a step's summary; the rest of the budget is a margin. */
const SUMMARY_SINK: ReportSink = {
  limit: 1_000_000,
  measure: text => Buffer.byteLength(text),
  limitName: "GitHub's limit of 1 MiB for a step summary",
  elsewhere: 'the log of this step, which lists every flow, and the `changes` output'
}

/** The action once started (see run-start.ts). Never throws; every failure ends in `setFailed`. */
export async function runAction(start: RunStart): Promise<void> {
  let output = runnerOutput([])
  const runContext = currentRunContext()
  let settings: Settings | undefined
  let github: GitHubPort | undefined
  // What the outputs say: nothing until there is a plan, so a run that fails early has them too.
  let result: SyncResult | undefined
  try {
    if (start.settings === undefined) throw start.problem
    settings = start.settings
    output = runnerOutput(secretsOf(settings))
    start.connection.tellRetriesTo(output.log.info)
    if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
      // Node warns that this turns verification off; for the action's requests it does not.
      output.warn(
        "NODE_TLS_REJECT_UNAUTHORIZED=0 is ignored: the action always verifies the server's certificate. For a private CA, set NODE_EXTRA_CA_CERTS to its PEM file instead."
      )
    }
    github = gitHub(settings, runContext, output)
    const expected = await expectedPlan(
      settings.expectedPlanId,
      github,
      runContext,
      marker(settings),
      output.log
    )
    result = await sync(
      { ...settings, expectedPlanId: expected.planId },
      {
        connect: connection(settings, start.connection),
        log: output.log,
        reviewedPlan: expected.reviewedFlows,
        ...(runContext.baseSha ? { readBase: gitBaseReader(settings, runContext.baseSha) } : {})
      }
    )
    await report(output, result, settings, runContext, github)
  } catch (error) {
    output.fail(errorMessage(error), error instanceof UserFacingError ? error.problems : [])
    await reportFailure(output, errorMessage(error), settings, runContext, github)
  } finally {
    if (start.settings) start.connection.abandon()
    writeEveryOutput(output, result)
    output.flush()
  }
}

/** The client of the server asked at start; `abandon` gives it up. */
function connection(
  settings: Settings,
  early: EarlyConnection
): (abandon?: AbortSignal) => Promise<KestraClient> {
  return async abandon => {
    abandon?.addEventListener('abort', early.abandon, { once: true })
    return kestraClient(await early.opened, settings)
  }
}

/** Every output, once, with what the run knows: a workflow can read them whatever happened. */
function writeEveryOutput(output: RunnerOutput, result: SyncResult | undefined): void {
  try {
    writeOutputs(output.setOutput, result?.changeset.changes ?? [], {
      files: result?.changeset.files ?? [],
      planId: result?.planId ?? '',
      warn: message => output.log.warning(message)
    })
  } catch (error) {
    output.fail(errorMessage(error), [])
  }
}

async function report(
  output: RunnerOutput,
  result: SyncResult,
  settings: Settings,
  runContext: RunContext,
  github: GitHubPort | undefined
): Promise<void> {
  output.log.info(renderLogTable(result.changeset))
  const { counts, outcome } = describeOutcome(result)
  output.log.info(`${counts}. ${outcome}`)
  const context = reportContext(settings, runContext)
  await output.writeSummary(hideServer(renderReport(result, context, SUMMARY_SINK), settings))
  if (settings.commentOnPr && github && runContext.pullRequest) {
    await postReportComment(
      {
        ...commentTarget(settings, runContext, github, output),
        pullRequest: runContext.pullRequest,
        state: { planId: result.planId, flows: planSnapshot(result.changeset.changes) }
      },
      sink => renderReport(result, context, sink)
    )
  }
  if (result.failure) {
    output.fail(result.failure.message, result.failure.problems)
    return
  }
  const notEmpty = changesFailure(result.changeset, settings.failOnChanges)
  if (notEmpty) output.fail(notEmpty, [])
}

async function reportFailure(
  output: RunnerOutput,
  message: string,
  settings: Settings | undefined,
  runContext: RunContext,
  github: GitHubPort | undefined
): Promise<void> {
  const context = settings ? reportContext(settings, runContext) : {}
  const summary = renderFailureReport(message, context, SUMMARY_SINK)
  await output.writeSummary(settings ? hideServer(summary, settings) : summary)
  // The comment says the run failed, rather than keep showing an older plan as if current.
  if (settings?.commentOnPr && github && runContext.pullRequest) {
    await postReportComment(
      {
        ...commentTarget(settings, runContext, github, output),
        pullRequest: runContext.pullRequest
      },
      sink => renderFailureReport(message, context, sink)
    )
  }
}

function reportContext(settings: Settings, runContext: RunContext): ReportContext {
  return {
    targetNamespace: settings.targetNamespace,
    tenant: settings.tenant,
    environment: settings.environment,
    ...(runContext.runUrl ? { runUrl: runContext.runUrl } : {}),
    ...(runContext.sha ? { commit: runContext.sha } : {}),
    ...(runContext.repositoryUrl && runContext.headSha
      ? { fileBaseUrl: `${runContext.repositoryUrl}/blob/${runContext.headSha}` }
      : {}),
    ...(settings.kestraUiUrl ? { kestraUiUrl: settings.kestraUiUrl.href } : {})
  }
}

function commentTarget(
  settings: Settings,
  runContext: RunContext,
  github: GitHubPort,
  output: RunnerOutput
): Omit<ReportComment, 'pullRequest'> {
  return {
    github,
    marker: marker(settings),
    ...(runContext.runUrl ? { runUrl: runContext.runUrl } : {}),
    redact: text => hideServer(output.redact(text), settings),
    log: { info: output.log.info, warning: output.warn }
  }
}

/**
 * The comment and the step summary are not masked as the log is, and the server's URL may be a
 * secret: a failure message ("Could not reach Kestra at ...") names it.
 */
function hideServer(text: string, settings: Settings): string {
  const { kestraUrl } = settings
  // A 'kestra-ui-url' at the server's own address says that this address may be shown.
  if (settings.kestraUiUrl?.origin === kestraUrl.origin) return text
  return text.split(kestraUrl.href).join(SERVER_NAME).split(kestraUrl.origin).join(SERVER_NAME)
}

const SERVER_NAME = 'the Kestra server'

/**
 * The GitHub API, when the run needs it: to comment on a pull request, or to find the reviewed
 * plan when an expected plan id is given. Only `comment-on-pr` lets the run post a comment.
 */
function gitHub(
  settings: Settings,
  runContext: RunContext,
  output: RunnerOutput
): GitHubPort | undefined {
  const wanted =
    (settings.commentOnPr && runContext.pullRequest !== undefined) ||
    settings.expectedPlanId !== undefined
  if (!wanted) {
    if (settings.commentOnPr) {
      output.log.info(
        `'${Input.CommentOnPr}' is true, but this '${runContext.eventName}' event is not for a pull request: no comment.`
      )
    }
    return undefined
  }
  if (!settings.githubToken) {
    if (settings.commentOnPr) {
      output.warn(`'${Input.CommentOnPr}' is true but '${Input.GithubToken}' is empty: no comment.`)
    }
    return undefined
  }
  return octokitPort(settings.githubToken)
}

function marker(settings: Settings): string {
  return commentMarker({ ...settings, kestraUrl: settings.kestraUrl.href })
}

/** What is masked in the log and taken out of everything the action writes. */
function secretsOf(settings: Settings): string[] {
  return [
    ...credentialSecrets(settings.credentials),
    settings.githubToken,
    ...proxySecrets()
  ].filter(Boolean)
}
