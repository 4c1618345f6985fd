import type { FileProblem } from '../errors.js'

/** Where the action tells what it does; the runner routes it to the log and annotations. */
export interface Log {
  group<T>(title: string, work: () => Promise<T>): Promise<T>
  info(message: string): void
  /** Worth a reader's eye but not a problem: shown as a notice. */
  notice(message: string): void
  warning(message: string, problem?: FileProblem): void
}
