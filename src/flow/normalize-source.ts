import { readsAsPlainString } from './plain-scalar.js'
import { stripBom } from './yaml-events.js'

/** The first top-level `revision: N` line; the server ignores it when deciding whether a flow changed. */
const REVISION_LINE = /^revision:[ \t]*\S.*(?:\n|$)/m
/** The first line that starts with the `namespace:` key, at column 0: the top-level key. */
const NAMESPACE_LINE = /^namespace:.*$/m
/** One value on that line, plain or quoted, and perhaps a comment after it. */
const NAMESPACE_VALUE =
  /^namespace:[ \t]+(?:"([^"\\\n]*)"|'([^'\n]*)'|([^\s"'#]\S*))(?:[ \t]+#.*)?[ \t]*$/

/**
 * The text two flow sources are compared by, as SyncFlows v4 does: a flow is UNCHANGED when the
 * normalized server source equals the normalized local one. Drops a BOM, turns CRLF and CR into
 * LF, removes the first top-level `revision:` line and trims.
 */
export function normalizeSource(source: string): string {
  return stripBom(source).replace(/\r\n?/g, '\n').replace(REVISION_LINE, '').trim()
}

/**
 * Whether the server's source and the local one are the same flow in `namespace`: equal once
 * normalized, or equal but for how their top-level `namespace:` line writes that same namespace
 * (quotes, spacing, a comment). SyncFlows writes that line as `namespace: <namespace>` whatever
 * the file says, and this sync keeps the file's quotes and comment: a server that SyncFlows
 * filled is then not rewritten for the form of one line. Any other difference is a change.
 */
export function sameFlowSource(server: string, local: string, namespace: string): boolean {
  const serverText = normalizeSource(server)
  const localText = normalizeSource(local)
  if (serverText === localText) return true
  const serverCanonical = withCanonicalNamespaceLine(serverText, namespace)
  return (
    serverCanonical !== undefined &&
    serverCanonical === withCanonicalNamespaceLine(localText, namespace)
  )
}

/**
 * `text` with its top-level namespace line written `namespace: <namespace>`, when that line gives
 * exactly this namespace as text; undefined otherwise. A column-0 `namespace:` line is a key of
 * the root mapping: YAML allows no value's content at column 0 under a root key.
 */
function withCanonicalNamespaceLine(text: string, namespace: string): string | undefined {
  const line = NAMESPACE_LINE.exec(text)
  const value = line && NAMESPACE_VALUE.exec(line[0])
  if (!line || !value) return undefined
  const [, doubleQuoted, singleQuoted, plain] = value
  const written = doubleQuoted ?? singleQuoted ?? plain
  // Plain `1.50` is a number, not the text '1.50': not the same document as `"1.50"`.
  if (written !== namespace || (plain !== undefined && !readsAsPlainString(namespace))) {
    return undefined
  }
  return `${text.slice(0, line.index)}namespace: ${namespace}${text.slice(line.index + line[0].length)}`
}
