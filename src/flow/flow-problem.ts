import type { FileProblem } from '../errors.js'
import { flowName, type FlowKey } from './flow-key.js'
import { lineOfPath, lineOfPathIn } from './yaml-path.js'

/** A flow as a message about it is placed: its file, the source sent and where its `id:` is. */
export interface PlacedFlow extends FlowKey {
  /** The file, relative to the workspace; null for a flow that has none (a deletion). */
  gitPath: string | null
  source: string | null
  idLine: number | null
  /** True when `source` has a `namespace:` line, after the `id:` line, that the file has not. */
  namespaceLineAdded?: boolean
}

/**
 * A message about a flow, placed on its file and on the line it names where known: the property
 * `path` when the server names it apart, else the first path the message names; the `id:` line
 * otherwise.
 */
export function flowProblem(flow: PlacedFlow, message: string, path?: string): FileProblem {
  const line = lineOfMessage(flow, message, path)
  return {
    ...(flow.gitPath ? { gitPath: flow.gitPath } : {}),
    ...(line ? { line } : {}),
    message: `${flowName(flow)}: ${message}`
  }
}

function lineOfMessage(flow: PlacedFlow, message: string, path?: string): number | null {
  if (flow.source === null) return flow.idLine
  const line =
    path === undefined ? lineOfPathIn(flow.source, message) : lineOfPath(flow.source, path)
  if (line === undefined) return flow.idLine
  // The source may hold a `namespace:` line, added after the `id:` line, that the file has not.
  return flow.namespaceLineAdded && flow.idLine !== null && line > flow.idLine ? line - 1 : line
}
