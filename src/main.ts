import * as core from '@actions/core'
import { errorMessage, SyncError, type FileProblem } from './errors.js'
import type { GitHubPort } from './github/github-port.js'
import { octokitPort } from './github/octokit-port.js'
import { expectedPlan } from './github/reviewed-plan.js'
import { currentRunContext, type RunContext } from './github/run-context.js'
import { connectKestra } from './kestra/kestra-client.js'
import { countByState } from './plan/changeset.js'
import { planFingerprints } from './plan/plan-id.js'
import { Annotations } from './report/annotations.js'
import { renderLogTable } from './report/log-table.js'
import { writeOutputs } from './report/outputs.js'
import { renderFailureReport, renderReport, type ReportContext } from './report/plan-report.js'
import { commentMarker } from './report/pr-comment.js'
import { postReportComment, type ReportComment } from './report/report-comment.js'
import type { ReportSink } from './report/report-layout.js'
import { Input } from './action-interface.js'
import { basicAuthToken, readSettings, type Settings } from './settings.js'
import { sync, type SyncLog, type SyncResult } from './sync.js'

/** GitHub shows at most 1 MiB of a step's summary; the rest of the budget is a margin. */
const SUMMARY_SINK: ReportSink = {
  limit: 1_000_000,
  measure: text => Buffer.byteLength(text),
  limitName: "GitHub's limit of 1 MiB for a step summary",
  elsewhere: 'the log of this step, which lists every flow, and the `changes` output'
}

/** The action: settings -> sync -> report. Never throws; every failure ends in `setFailed`. */
export async function run(): Promise<void> {
  // Safe defaults first, so a workflow can read the outputs whatever happens.
  writeOutputs(core.setOutput, [])
  const annotations = new Annotations()
  const runContext = currentRunContext()
  let failures = 0
  const sinks: Sinks = {
    fail: (message, problems) => {
      core.setFailed(message)
      failures++
      for (const problem of problems) annotations.add('error', problem.message, problem)
    },
    warn: message => annotations.add('warning', message)
  }
  let settings: Settings | undefined
  let github: GitHubPort | undefined
  try {
    settings = readSettings({
      readInput: name => core.getInput(name, { trimWhitespace: false }),
      workspace: process.env.GITHUB_WORKSPACE || process.cwd()
    })
    maskSecrets(settings)
    github = gitHub(settings, runContext, sinks)
    const expected = await expectedPlan(
      settings.expectedPlanId,
      github,
      runContext,
      marker(settings),
      core
    )
    const result = await sync(
      { ...settings, expectedPlanId: expected.planId },
      { connect: connectKestra, log: actionLog(annotations), reviewedPlan: expected.reviewedFlows }
    )
    await report(result, settings, runContext, github, sinks)
  } catch (error) {
    sinks.fail(errorMessage(error), error instanceof SyncError ? error.problems : [])
    await reportFailure(errorMessage(error), settings, runContext, github, sinks)
  } finally {
    // setFailed made one error annotation per failure.
    annotations.flush(
      {
        annotate: (level, message, place) => core[level](message, place ?? {}),
        info: message => core.info(message)
      },
      { error: failures }
    )
  }
}

/** Where a failure and a warning go: both count against GitHub's annotations per step. */
interface Sinks {
  fail(message: string, problems: readonly FileProblem[]): void
  warn(message: string): void
}

async function report(
  result: SyncResult,
  settings: Settings,
  runContext: RunContext,
  github: GitHubPort | undefined,
  { fail, warn }: Sinks
): Promise<void> {
  const { changes } = result.changeset
  writeOutputs(core.setOutput, changes, result.planId)
  core.info(renderLogTable(changes))
  const context = reportContext(settings, runContext)
  await writeSummary(
    renderReport(result, { ...context, kestraUrl: settings.kestraUrl.href }, SUMMARY_SINK),
    warn
  )
  if (github && runContext.pullRequest) {
    await postReportComment(
      {
        ...commentTarget(settings, runContext, github, warn),
        pullRequest: runContext.pullRequest,
        state: { planId: result.planId, flows: planFingerprints(changes) }
      },
      sink => renderReport(result, context, sink)
    )
  }
  if (result.failure) {
    fail(result.failure.message, result.failure.problems)
    return
  }
  const planned = countByState(changes, () => true)
  if (settings.failOnChanges && planned.ADDED + planned.UPDATED + planned.DELETED > 0) {
    fail(
      `'${Input.FailOnChanges}' is true and the plan is not empty: +${planned.ADDED} ~${planned.UPDATED} -${planned.DELETED} (see the step summary).`,
      []
    )
  }
}

async function reportFailure(
  message: string,
  settings: Settings | undefined,
  runContext: RunContext,
  github: GitHubPort | undefined,
  { warn }: Sinks
): Promise<void> {
  const context = settings ? reportContext(settings, runContext) : {}
  await writeSummary(renderFailureReport(message, context, SUMMARY_SINK), warn)
  // The comment says the run failed, rather than keep showing an older plan as if current.
  if (settings && github && runContext.pullRequest) {
    await postReportComment(
      { ...commentTarget(settings, runContext, github, warn), pullRequest: runContext.pullRequest },
      sink => renderFailureReport(message, context, sink)
    )
  }
}

function reportContext(settings: Settings, runContext: RunContext): ReportContext {
  return {
    targetNamespace: settings.targetNamespace,
    tenant: settings.tenant,
    ...(runContext.runUrl ? { runUrl: runContext.runUrl } : {}),
    ...(runContext.sha ? { commit: runContext.sha } : {})
  }
}

function commentTarget(
  settings: Settings,
  runContext: RunContext,
  github: GitHubPort,
  warn: Sinks['warn']
): Omit<ReportComment, 'pullRequest'> {
  return {
    github,
    marker: marker(settings),
    ...(runContext.runUrl ? { runUrl: runContext.runUrl } : {}),
    secrets: secretsOf(settings),
    log: { info: message => core.info(message), warning: warn }
  }
}

/**
 * The GitHub API, when the run needs it: to comment on a pull request, or to find the reviewed
 * plan when an expected plan id is given.
 */
function gitHub(
  settings: Settings,
  runContext: RunContext,
  { warn }: Sinks
): GitHubPort | undefined {
  const wanted =
    (settings.commentOnPr && runContext.pullRequest !== undefined) ||
    settings.expectedPlanId !== undefined
  if (!wanted) {
    if (settings.commentOnPr) {
      core.info(
        `'${Input.CommentOnPr}' is true, but this '${runContext.eventName}' event is not for a pull request: no comment.`
      )
    }
    return undefined
  }
  if (!settings.githubToken) {
    if (settings.commentOnPr) {
      warn(`'${Input.CommentOnPr}' is true but '${Input.GithubToken}' is empty: no comment.`)
    }
    return undefined
  }
  return octokitPort(settings.githubToken)
}

function marker(settings: Settings): string {
  return commentMarker({ ...settings, kestraUrl: settings.kestraUrl.href })
}

/** The summary is a convenience: failing to write it must not hide the real outcome. */
async function writeSummary(markdown: string, warn: Sinks['warn']): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (error) {
    warn(`Could not write the step summary: ${errorMessage(error)}`)
  }
}

function secretsOf(settings: Settings): string[] {
  const { credentials } = settings
  return [
    ...(credentials.kind === 'basic' ? [credentials.password, basicAuthToken(credentials)] : []),
    ...(credentials.kind === 'bearer' ? [credentials.token] : []),
    ...(settings.githubToken ? [settings.githubToken] : [])
  ]
}

function maskSecrets(settings: Settings): void {
  for (const secret of secretsOf(settings)) core.setSecret(secret)
}

/** Warnings become annotations, given to GitHub at the end, the general ones first. */
function actionLog(annotations: Annotations): SyncLog {
  return {
    group: (title, work) => core.group(title, work),
    info: message => core.info(message),
    notice: message => core.notice(message),
    warning: (message, problem) => annotations.add('warning', message, problem, problem ? 1 : 0)
  }
}
