import type { FileProblem } from '../../src/errors.js'
import type { SyncLog } from '../../src/sync.js'

export interface RecordedLog {
  log: SyncLog
  lines: string[]
  warnings: Array<{ message: string; problem?: FileProblem }>
}

/** A SyncLog that keeps what it is told, for assertions. */
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
