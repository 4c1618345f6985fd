import type { FlowKey } from './flow-key.js'

/** The latest, non-deleted revision of a flow on the server. */
export interface FlowRevision extends FlowKey {
  revision: number
}

export interface ServerFlow extends FlowRevision {
  /** The YAML as last submitted. */
  source: string
}

/** The server's verdict on one flow source. */
export interface FlowValidation {
  /** The reason the server refuses the flow; undefined when it is valid. */
  constraints?: string
  warnings: string[]
  deprecationPaths: string[]
  infos: string[]
  /**
   * False when the server could not judge the source on its own: its validate endpoint cuts a body
   * at every `---` line, so a flow holding one (say, in a script) is only checked when written.
   */
  checked: boolean
}
