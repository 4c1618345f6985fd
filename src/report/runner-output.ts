import * as core from '@actions/core'
import { errorMessage, type FileProblem } from '../errors.js'
import type { SyncLog } from '../sync.js'
import type { SetOutput } from './outputs.js'
import { secretRedactor } from './redact-secrets.js'

/** Everything the action writes for the runner: log, annotations, outputs, summary, failure. */
export interface RunnerOutput {
  log: SyncLog
  setOutput: SetOutput
  /** Fails the step: its error, then annotations on the files behind it. */
  fail(message: string, problems: readonly FileProblem[]): void
  writeSummary(markdown: string): Promise<void>
}

/** GitHub shows ten error annotations per step: the failure itself comes first, then its files. */
const MAX_FILE_ANNOTATIONS = 9

/**
 * Writes through @actions/core with `secrets` masked for the runner and taken out of every text,
 * since a server may echo them where the runner does not mask (outputs, summary).
 */
export function runnerOutput(secrets: readonly string[]): RunnerOutput {
  for (const secret of secrets) core.setSecret(secret)
  const redact = secretRedactor(secrets)

  const annotate = (level: 'error' | 'warning', message: string, problem: FileProblem): void => {
    const properties = problem.gitPath
      ? { file: problem.gitPath, ...(problem.line ? { startLine: problem.line } : {}) }
      : {}
    if (level === 'error') core.error(redact(message), properties)
    else core.warning(redact(message), properties)
  }

  return {
    log: {
      group: (title, work) => core.group(redact(title), work),
      info: message => core.info(redact(message)),
      notice: message => core.notice(redact(message)),
      warning: (message, problem) =>
        problem ? annotate('warning', message, problem) : core.warning(redact(message))
    },
    setOutput: (name, value) => core.setOutput(name, redact(value)),
    fail(message, problems) {
      core.setFailed(redact(message))
      problems
        .slice(0, MAX_FILE_ANNOTATIONS)
        .forEach(problem => annotate('error', problem.message, problem))
    },
    // The summary is a convenience: failing to write it must not hide the real outcome.
    async writeSummary(markdown) {
      if (!process.env.GITHUB_STEP_SUMMARY) return
      try {
        await core.summary.addRaw(redact(markdown), true).write()
      } catch (error) {
        core.warning(redact(`Could not write the step summary: ${errorMessage(error)}`))
      }
    }
  }
}
