import type { FlowKey } from '../flow/flow-key.js'
import type { LocalFlow, UnreadFlow } from '../flow/local-flow.js'

/** A file that cannot become a flow (broken YAML, no `id`, ...). */
export interface LocalProblem {
  gitPath: string
  /** 1-based line where the problem is, when known. */
  line?: number
  message: string
  /** The flow identity, when the file parsed far enough to tell it. */
  key?: FlowKey
}

/** Two or more files that produce the same (namespace, id). */
export interface DuplicateFlow extends FlowKey {
  files: Array<{ gitPath: string; line: number }>
}

export interface LocalFlows {
  /** False when `git-directory` does not exist. */
  directoryExists: boolean
  flows: LocalFlow[]
  invalid: LocalProblem[]
  duplicates: DuplicateFlow[]
  /** Files that are not flows (not .yml/.yaml), relative to the workspace. */
  skipped: string[]
  /** Files excluded by `.kestraignore`, relative to the workspace. */
  ignored: string[]
  /** `.yml`/`.yaml` files whose name starts with a dot, never read, relative to the workspace. */
  hidden: string[]
  /** Sub-folders not read because child namespaces are off, relative to the workspace. */
  unreadFolders: string[]
  /** The flows of the files above that look like flows, when asked for (see `identifyUnread`). */
  unread: UnreadFlow[]
  /**
   * Flows of `flows` keyed by the strict scan alone, their YAML not parsed yet (see
   * `deferParse`): each is confirmed by the server's identical text, or parsed
   * (`confirmLocalFlows`). The files' texts, by git path: most are the flow's own source, the
   * same string, which then costs nothing more.
   */
  unparsed: Map<string, string>
}
