import type { BaseFlow } from '../flow/base-flow.js'
import { flowKeyString } from '../flow/flow-key.js'
import { sameFlowSource } from '../flow/normalize-source.js'
import type { FlowChange } from '../plan/changeset.js'

/** A flow that someone changed on the server (in the Kestra UI) since the base commit. */
export interface UiDrift {
  change: FlowChange
  base: BaseFlow
  /** The server's source now, which the write overwrites. */
  serverSource: string
}

/**
 * Pure: the flows the plan writes (updates or deletes) whose server source differs from the
 * file at the base commit, the namespace set and the text normalised as the plan compares them:
 * the sync from Git would silently overwrite what was edited on the server.
 */
export function findUiDrift(
  changes: readonly FlowChange[],
  baseFlows: readonly BaseFlow[]
): UiDrift[] {
  const base = new Map(baseFlows.map(flow => [flowKeyString(flow), flow]))
  return changes.flatMap(change => {
    const before = base.get(flowKeyString(change))
    const serverSource = change.serverSource
    if (change.syncState !== 'UPDATED' && change.syncState !== 'DELETED') return []
    if (!before || serverSource === null) return []
    return sameFlowSource(serverSource, before.source, change.namespace)
      ? []
      : [{ change, base: before, serverSource }]
  })
}

/**
 * The files of the base commit worth reading for drift: those of the flows the plan updates, and
 * those no longer in the folder (deleted or moved), which may define a flow it deletes. None when
 * the plan neither updates nor deletes.
 */
export function baseFilesWanted(
  changes: readonly FlowChange[],
  localPaths: readonly string[]
): ((gitPath: string) => boolean) | undefined {
  const updated = new Set(
    changes.flatMap(change =>
      change.syncState === 'UPDATED' && change.gitPath ? [change.gitPath] : []
    )
  )
  const deletes = changes.some(change => change.syncState === 'DELETED')
  if (updated.size === 0 && !deletes) return undefined
  const present = new Set(localPaths)
  return gitPath => updated.has(gitPath) || (deletes && !present.has(gitPath))
}
