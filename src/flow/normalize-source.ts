import { stripBom } from './flow-source.js'

/** The first top-level `revision: N` line; the server ignores it when deciding whether a flow changed. */
const REVISION_LINE = /^revision:[ \t]*\S.*(?:\n|$)/m

/**
 * The text two flow sources are compared by, as SyncFlows v4 does: a flow is UNCHANGED when the
 * normalized server source equals the normalized local one. Drops a BOM, turns CRLF and CR into
 * LF, removes the first top-level `revision:` line and trims.
 */
export function normalizeSource(source: string): string {
  return stripBom(source).replace(/\r\n?/g, '\n').replace(REVISION_LINE, '').trim()
}
