import type { FileProblem } from '../../src/errors.js'
import type { Log } from '../../src/util/log.js'

export interface RecordedLog {
  log: Log
  lines: string[]
  warnings: Array<{ message: string; problem?: FileProblem }>
}

/** A Log that keeps what it is told, for assertions. */
export function recordingLog(): RecordedLog {
  const recorded: RecordedLog = {
    lines: [],
    warnings: [],
    log: {
      group: (title, work) => {
        recorded.lines.push(`group: ${title}`)
        return work()
      },
      info: message => recorded.lines.push(message),
      notice: message => recorded.lines.push(`notice: ${message}`),
      warning: (message, problem) =>
        recorded.warnings.push({ message, ...(problem ? { problem } : {}) })
    }
  }
  return recorded
}
