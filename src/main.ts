import * as core from '@actions/core'
import { errorMessage, SyncError, type FileProblem } from './errors.js'
import { connectKestra } from './kestra/kestra-client.js'
import { renderLogTable } from './report/log-table.js'
import { writeOutputs } from './report/outputs.js'
import { renderSummary } from './report/summary.js'
import { basicAuthToken, readSettings, type Settings } from './settings.js'
import { sync, type SyncLog, type SyncResult } from './sync.js'

/** The action: settings -> sync -> report. Never throws; every failure ends in `setFailed`. */
export async function run(): Promise<void> {
  // Safe defaults first, so a workflow can read the outputs whatever happens.
  writeOutputs(core.setOutput, [])
  let settings: Settings | undefined
  try {
    settings = readSettings({
      readInput: name => core.getInput(name, { trimWhitespace: false }),
      workspace: process.env.GITHUB_WORKSPACE || process.cwd()
    })
    maskSecrets(settings)
    const result = await sync(settings, { connect: connectKestra, log: actionLog })
    await report(result, settings)
  } catch (error) {
    fail(errorMessage(error), error instanceof SyncError ? error.problems : [])
    await writeFailureSummary(errorMessage(error), settings)
  }
}

async function report(result: SyncResult, settings: Settings): Promise<void> {
  const { changes } = result.changeset
  writeOutputs(core.setOutput, changes, message => core.warning(message))
  core.info(renderLogTable(changes))
  await writeSummary(
    renderSummary(result, {
      targetNamespace: settings.targetNamespace,
      kestraUrl: settings.kestraUrl.href,
      tenant: settings.tenant
    })
  )
  if (result.failure) fail(result.failure.message, result.failure.problems)
}

/** GitHub shows ten error annotations per step: the failure itself comes first, then its files. */
const MAX_FILE_ANNOTATIONS = 9

/** One failure: the step's error, then annotations on the files behind it. */
function fail(message: string, problems: readonly FileProblem[]): void {
  core.setFailed(message)
  problems
    .slice(0, MAX_FILE_ANNOTATIONS)
    .forEach(problem => annotate('error', problem.message, problem))
}

async function writeFailureSummary(message: string, settings: Settings | undefined): Promise<void> {
  const title = settings
    ? `## Kestra sync: \`${settings.targetNamespace}\` failed`
    : '## Kestra sync failed'
  await writeSummary([title, '', '```text', message, '```', ''].join('\n'))
}

/** The summary is a convenience: failing to write it must not hide the real outcome. */
async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (error) {
    core.warning(`Could not write the step summary: ${errorMessage(error)}`)
  }
}

function maskSecrets(settings: Settings): void {
  const { credentials } = settings
  if (credentials.kind === 'basic') {
    core.setSecret(credentials.password)
    core.setSecret(basicAuthToken(credentials))
  }
  if (credentials.kind === 'bearer') core.setSecret(credentials.token)
}

function annotate(level: 'error' | 'warning', message: string, problem: FileProblem): void {
  const properties = problem.gitPath
    ? { file: problem.gitPath, ...(problem.line ? { startLine: problem.line } : {}) }
    : {}
  if (level === 'error') core.error(message, properties)
  else core.warning(message, properties)
}

const actionLog: SyncLog = {
  group: (title, work) => core.group(title, work),
  info: message => core.info(message),
  notice: message => core.notice(message),
  warning: (message, problem) =>
    problem ? annotate('warning', message, problem) : core.warning(message)
}
