import * as core from '@actions/core'
import { errorMessage, SyncError } from './errors.js'
import { connectKestra } from './kestra/kestra-client.js'
import { renderLogTable } from './report/log-table.js'
import { writeOutputs } from './report/outputs.js'
import { runnerOutput, type RunnerOutput } from './report/runner-output.js'
import { renderSummary } from './report/summary.js'
import { basicAuthToken, readSettings, type Credentials, type Settings } from './settings.js'
import { sync, type SyncResult } from './sync.js'

/** The action: settings -> sync -> report. Never throws; every failure ends in `setFailed`. */
export async function run(): Promise<void> {
  let output = runnerOutput([])
  // Safe defaults first, so a workflow can read the outputs whatever happens.
  writeOutputs(output.setOutput, [])
  let settings: Settings | undefined
  try {
    settings = readSettings({
      readInput: name => core.getInput(name, { trimWhitespace: false }),
      workspace: process.env.GITHUB_WORKSPACE || process.cwd()
    })
    output = runnerOutput(secretsOf(settings.credentials))
    if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
      // Node warns that this turns verification off; for the action's requests it does not.
      output.log.warning(
        "NODE_TLS_REJECT_UNAUTHORIZED=0 is ignored: the action always verifies the server's certificate. For a private CA, set NODE_EXTRA_CA_CERTS to its PEM file instead."
      )
    }
    const result = await sync(settings, { connect: connectKestra, log: output.log })
    await report(output, result, settings)
  } catch (error) {
    output.fail(errorMessage(error), error instanceof SyncError ? error.problems : [])
    await output.writeSummary(failureSummary(errorMessage(error), settings))
  }
}

async function report(output: RunnerOutput, result: SyncResult, settings: Settings): Promise<void> {
  const { changes } = result.changeset
  writeOutputs(output.setOutput, changes)
  output.log.info(renderLogTable(changes))
  await output.writeSummary(
    renderSummary(result, {
      targetNamespace: settings.targetNamespace,
      kestraUrl: settings.kestraUrl.href,
      tenant: settings.tenant
    })
  )
  if (result.failure) output.fail(result.failure.message, result.failure.problems)
}

function failureSummary(message: string, settings: Settings | undefined): string {
  const title = settings
    ? `## Kestra sync: \`${settings.targetNamespace}\` failed`
    : '## Kestra sync failed'
  return [title, '', '```text', message, '```', ''].join('\n')
}

/** What is masked in the log and taken out of everything the action writes. */
function secretsOf(credentials: Credentials): string[] {
  switch (credentials.kind) {
    case 'basic':
      return [credentials.password, basicAuthToken(credentials)]
    case 'bearer':
      return [credentials.token]
    case 'none':
      return []
  }
}
