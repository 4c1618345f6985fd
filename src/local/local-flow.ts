import type { FlowKey } from '../flow/flow-key.js'

/** A flow file of the workspace, read and with its namespace rewritten. */
export interface LocalFlow extends FlowKey {
  /** POSIX path relative to the workspace, e.g. `_flows/team/hello.yml`. */
  gitPath: string
  /** The file's text with its top-level `namespace:` set to `namespace`; nothing else touched. */
  source: string
  /** 1-based line of the top-level `id:` key, for annotations. */
  idLine: number
  /** True when the rewrite added a `namespace:` line after the `id:` line (the file had none). */
  namespaceLineAdded?: boolean
}

/** A file that cannot become a flow (broken YAML, no `id`, ...). */
export interface LocalProblem {
  gitPath: string
  /** 1-based line where the problem is, when known. */
  line?: number
  message: string
  /** The flow identity, when the file parsed far enough to tell it. */
  key?: FlowKey
}

/** Why a file that looks like a flow (`.yml`, `.yaml`) is not read. */
export type UnreadReason = 'kestraignore' | 'dot-file'

/** The reason in a report's words. */
export const UNREAD_REASON_TEXT: Record<UnreadReason, string> = {
  kestraignore: 'ignored by .kestraignore',
  'dot-file': 'not read, its name starting with a dot'
}

/** The flow that a file the sync does not read defines, as far as the file tells. */
export interface UnreadFlow extends FlowKey {
  gitPath: string
  reason: UnreadReason
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
}
