import type { FlowKey } from './flow-key.js'

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
