import { lineOfPath, lineOfPathIn } from '../flow/yaml-path.js'
import type { FlowChange } from './changeset.js'

/**
 * The line of the flow's file that a server message points at: the property `path` when the
 * server names it apart, else the first path the message names; the `id:` line otherwise.
 */
export function lineOfMessage(change: FlowChange, message: string, path?: string): number | null {
  if (change.source === null) return change.idLine
  const line =
    path === undefined ? lineOfPathIn(change.source, message) : lineOfPath(change.source, path)
  if (line === undefined) return change.idLine
  // The source may hold a `namespace:` line, added after the `id:` line, that the file has not.
  return change.namespaceLineAdded && change.idLine !== null && line > change.idLine
    ? line - 1
    : line
}
