import type { FileProblem } from '../errors.js'

/** Where the action tells what it does; the runner routes it to the log and annotations. */
export interface Log {
  group<T>(title: string, work: () => Promise<T>): Promise<T>
  info(message: string): void
  /** Worth a reader's eye but not a problem: shown as a notice. */
  notice(message: string): void
  warning(message: string, problem?: FileProblem): void
}

/** A line for the log, said by a pure function and written by its caller. */
export interface LogLine {
  level: 'info' | 'notice' | 'warning'
  message: string
}

/** Writes `lines` to `log`, each at its level. */
export function tell(log: Log, lines: readonly LogLine[]): void {
  for (const { level, message } of lines) log[level](message)
}
