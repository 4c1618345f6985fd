import type { FlowKey } from './flow-key.js'

/**
 * A flow as the base commit of a pull request (or the commit before a push) defines it: the last
 * sync's, when the server was synced from that commit.
 */
export interface BaseFlow extends FlowKey {
  /** POSIX path relative to the workspace. */
  gitPath: string
  /** The file's text at that commit, its namespace set as the sync sets it. */
  source: string
}

/** The base's flows, or why they could not be read (said once; the run goes on without). */
export type BaseFlows =
  { commit: string; flows: BaseFlow[] } | { commit: string; unavailable: string }
