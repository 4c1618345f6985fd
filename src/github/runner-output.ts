import * as core from '@actions/core'
import { errorMessage, type FileProblem } from '../errors.js'
import { Annotations } from '../report/annotations.js'
import type { SetOutput } from '../report/outputs.js'
import { secretRedactor, type Redact } from '../report/redact-secrets.js'
import type { Log } from '../util/log.js'

/** Everything the action writes for the runner: log, annotations, outputs, summary, failure. */
export interface RunnerOutput {
  log: Log
  setOutput: SetOutput
  /** Fails the step: its error now, annotations on the files behind it at `flush`. */
  fail(message: string, problems: readonly FileProblem[]): void
  /** A warning about no file in particular. */
  warn(message: string): void
  writeSummary(markdown: string): Promise<void>
  /** Takes the secrets out of a text the action sends elsewhere (a pull request comment). */
  redact: Redact
  /** Gives GitHub the annotations it shows (ten per level and step) and logs the others. */
  flush(): void
}

/**
 * Writes through @actions/core with `secrets` masked for the runner and taken out of every text,
 * since a server may echo them where the runner does not mask (outputs, summary, comment).
 * Warnings and the files behind a failure are annotations, ranked and given to GitHub at `flush`:
 * the general warnings first, then those about files.
 */
export function runnerOutput(secrets: readonly string[]): RunnerOutput {
  for (const secret of secrets) core.setSecret(secret)
  const redact = secretRedactor(secrets)
  const annotations = new Annotations()
  let failures = 0
  const warn = (message: string, problem?: FileProblem): void =>
    annotations.add('warning', redact(message), problem, problem ? 1 : 0)

  return {
    log: {
      group: (title, work) => core.group(redact(title), work),
      info: message => core.info(redact(message)),
      notice: message => core.notice(redact(message)),
      warning: warn
    },
    setOutput: (name, value) => core.setOutput(name, redact(value)),
    fail(message, problems) {
      core.setFailed(redact(message))
      failures++
      for (const problem of problems) annotations.add('error', redact(problem.message), problem)
    },
    warn: message => warn(message),
    // The summary is a convenience: failing to write it must not hide the real outcome.
    async writeSummary(markdown) {
      if (!process.env.GITHUB_STEP_SUMMARY) return
      try {
        await core.summary.addRaw(redact(markdown), true).write()
      } catch (error) {
        warn(`Could not write the step summary: ${errorMessage(error)}`)
      }
    },
    redact,
    flush() {
      // Each setFailed made an error annotation of its own.
      annotations.flush(
        {
          annotate: (level, message, place) => core[level](message, place ?? {}),
          info: message => core.info(message)
        },
        { error: failures }
      )
    }
  }
}
