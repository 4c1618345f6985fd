import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { startKestraEmulator, type Emulator } from '../../test-support/kestra-emulator/index.js'
import { requestsBeyondVersion, writeRequests } from '../helpers/emulator.js'
import { runActionHere } from '../helpers/run-in-process.js'
import { runnerCommands, type RunnerCommand } from '../helpers/runner-commands.js'
import { flowYaml, makeWorkspace, removeWorkspace } from '../helpers/workspace.js'

/** One run of the action on a workspace made for the case, against its own emulator. */
export interface CaseSetup {
  /** Files of the workspace besides `_flows/good.yml`, a valid flow that must not be written either. */
  files?: Record<string, string | Uint8Array>
  /** A path of the workspace made a symbolic link to a flow file outside the workspace. */
  outsideLink?: string
  /** Inputs besides the emulator's URL and credentials and `target-namespace: company.team`. */
  inputs?: Record<string, string>
  /** The Kestra version the emulator plays; 1.3.21 unless said. */
  version?: string
}

export interface CaseOutcome {
  exitCode: number
  /** `::error` annotations: on files (with `file`, maybe `line`) and the step's failure. */
  errors: RunnerCommand[]
  /**
   * Requests beside `GET /api/v1/configs`, which the action sends while it reads the folder: 0
   * when a run stops before reading the server's flows.
   */
  requestsBeyondVersion: number
  /** Requests that change flows: creates, updates, deletions (`POST flows/validate` is a read). */
  writes: string[]
  /** Whether a second run, after a first that succeeded, found nothing to change. */
  rerunUnchanged?: boolean
  /** The workspace's path, to take out of messages. */
  workspace: string
}

const auth = { username: 'ci@kestra.io', password: 'Bad-Input-Password-1' }

export async function runCase(setup: CaseSetup): Promise<CaseOutcome> {
  const outside = await mkdtemp(path.join(tmpdir(), 'kestra-sync-outside-'))
  let emulator: Emulator | undefined
  let workspace: string | undefined
  try {
    emulator = await startKestraEmulator({ version: setup.version ?? '1.3.21', auth })
    workspace = await makeWorkspace({
      '_flows/good.yml': flowYaml('good', 'whatever'),
      ...setup.files
    })
    if (setup.outsideLink) {
      const target = path.join(outside, 'secret.yml')
      await writeFile(target, flowYaml('outside', 'whatever'))
      await symlink(target, path.join(workspace, setup.outsideLink))
    }
    const inputs = {
      'kestra-url': emulator.url,
      username: auth.username,
      password: auth.password,
      'target-namespace': 'company.team',
      ...setup.inputs
    }
    const run = await runActionHere({ inputs, workspace })
    const outcome: CaseOutcome = {
      exitCode: run.exitCode,
      errors: runnerCommands(run.stdout).filter(command => command.name === 'error'),
      requestsBeyondVersion: requestsBeyondVersion(emulator).length,
      writes: writeRequests(emulator),
      workspace
    }
    if (run.exitCode !== 0) return outcome
    const rerun = await runActionHere({ inputs, workspace })
    return { ...outcome, rerunUnchanged: rerun.outputs['has-changes'] === 'false' }
  } finally {
    await emulator?.close()
    if (workspace) await removeWorkspace(workspace)
    await rm(outside, { recursive: true, force: true })
  }
}

/** What the step says about a refused case: the annotation on the file, else its failure. */
export function caseMessage(outcome: CaseOutcome): string {
  const onFiles = outcome.errors.filter(error => error.properties.file)
  const shown = onFiles.length > 0 ? onFiles : outcome.errors
  return shown
    .map(({ properties: { file, line }, message }) => {
      const place = file ? `${file}${line ? `:${line}` : ''}: ` : ''
      return `${place}${message}`.split(outcome.workspace).join('$GITHUB_WORKSPACE')
    })
    .join(' / ')
}

/** The outcome in words, for the README tables. */
export function caseResult(outcome: CaseOutcome): string {
  if (outcome.exitCode === 0) {
    return outcome.rerunUnchanged ? 'synced; a second run finds it unchanged' : 'synced'
  }
  // Whether the version, asked while the folder is read, went out before a local refusal ended
  // the run is a race: the result says only that the server's flows were not read.
  if (outcome.requestsBeyondVersion === 0) return "refused before reading the server's flows"
  return outcome.writes.length === 0 ? 'refused, nothing written' : 'refused after writing'
}
