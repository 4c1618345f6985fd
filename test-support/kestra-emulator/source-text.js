// @ts-check
// Text-level rules Kestra applies to flow sources before any YAML parsing.

// Kestra's FlowInterface.YAML_REVISION_MATCHER `(?m)^revision: \d+\n?`, applied with replaceFirst:
// used by the no-op update rule (§8) and by 0.x reads, which return the source without it (§5).
const REVISION_LINE = /^revision: \d+\n?/m

/** @param {string} source */
export function sourceWithoutRevision(source) {
  return source.replace(REVISION_LINE, '')
}

// FlowService.validate / FlowController.validateFlows: `flows.split("\\n+---\\n*?")` — a naive split:
// any line starting with `---` (e.g. inside a script block) cuts a flow in two (§6.1, §7), and the
// lazy `\n*?` leaves the newline after the separator at the start of the next piece.
const FLOW_SEPARATOR = /\n+---\n*?/

/**
 * Splits like Java's String.split: no match → the input itself; trailing empty pieces dropped.
 * @param {string} body
 */
export function splitFlows(body) {
  const pieces = body.split(FLOW_SEPARATOR)
  if (pieces.length === 1) return pieces
  while (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop()
  return pieces
}
