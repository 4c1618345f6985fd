// @ts-check
// Items of the flow's top-level lists that Jackson cannot turn into the model's objects (a text, a
// number, a list...), answered as real servers answer them (0.20.7, 1.0.3 and 1.3.0 were asked,
// for validation, create and update, and for each kind of value):
// - `listeners`: refused by every version, in validation and on writes, when the typed flow is
//   read (`Flow` before 0.23, `FlowWithSource` after);
// - `tasks`, `triggers`: from 0.23, create and update first read the flow as a `GenericFlow`, whose
//   tasks and triggers are typed, and refuse the item; validation accepts it, and so did writes
//   before 0.23 (the item is stored as null: a null trigger then stops 0.20.7's scheduler);
// - `errors`, `finally`, `afterExecution`: accepted everywhere, stored as null;
// - `inputs`: an input without a type (validate.js says `Invalid type: null`).
// A null item (`- ~`) is a null object to Jackson: none of this applies to it.
import { EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE } from 'js-yaml'
import { isMap } from './flow-tasks.js'
import { nodeEnd } from './yaml-nodes.js'

/**
 * @typedef {import('./versions.js').VersionProfile} VersionProfile
 * @typedef {import('./flow-tasks.js').YamlMap} YamlMap
 * @typedef {{ index: number, kind: 'string' | 'int' | 'double' | 'boolean' | 'array' | 'empty', text: string, line: number, column: number }} BadItem
 */

/** The Java types the lists hold, and where Jackson reads them. */
const GENERIC_TYPES = {
  tasks: 'io.kestra.core.models.tasks.GenericTask',
  triggers: 'io.kestra.core.models.triggers.GenericTrigger'
}
const LISTENER_TYPE = 'io.kestra.core.models.listeners.Listener'

/**
 * On create and update from 0.23: the first item of `tasks` or `triggers` that is not an object,
 * as the message of the GenericFlow parse; undefined when there is none, or before 0.23.
 * @param {string} source
 * @param {YamlMap} doc
 * @param {VersionProfile} profile
 * @returns {string | undefined}
 */
export function genericFlowItemError(source, doc, profile) {
  if (!profile.genericFlowParsing) return undefined
  for (const [section, type] of Object.entries(GENERIC_TYPES)) {
    const item = firstBadItem(source, doc, section)
    if (!item) continue
    const location = `[Source: (StringReader); line: ${item.line}, column: ${item.column}]`
    const chain = `io.kestra.core.models.flows.GenericFlow["${section}"]->java.util.ArrayList[${item.index}]`
    return parseMessage('Illegal genericflow source: ', jacksonError(item, type), location, chain, {
      profile,
      line: item.line
    })
  }
  return undefined
}

/**
 * The first item of `listeners` that is not an object, as the message of the typed flow's parse.
 * @param {string} source
 * @param {YamlMap} doc
 * @param {VersionProfile} profile
 * @returns {string | undefined}
 */
export function listenerItemError(source, doc, profile) {
  const item = firstBadItem(source, doc, 'listeners')
  if (!item) return undefined
  const error = jacksonError(item, LISTENER_TYPE)
  if (!profile.genericFlowParsing) {
    const location = `[Source: (StringReader); line: ${item.line}, column: ${item.column}]`
    const chain = `io.kestra.core.models.flows.Flow["listeners"]->java.util.ArrayList[${item.index}]`
    return parseMessage('Illegal flow yaml: ', error, location, chain, { profile, line: item.line })
  }
  // The typed flow is read from the GenericFlow's map, not from the text: no location.
  const chain = `io.kestra.core.models.flows.FlowWithSource["listeners"]->java.util.ArrayList[${item.index}]`
  return parseMessage(
    'Illegal flowwithsource source: ',
    error,
    '[Source: UNKNOWN; byte offset: #UNKNOWN]',
    chain,
    { profile, line: -1 }
  )
}

/**
 * `Illegal ... source: <error>\n at <location> (through reference chain: <chain>)`, which the
 * newest line wraps as its other YAML errors (`YAML parsing error: ... (at line N)`).
 * @param {string} prefix
 * @param {string} error
 * @param {string} location
 * @param {string} chain
 * @param {{ profile: VersionProfile, line: number }} options
 */
function parseMessage(prefix, error, location, chain, { profile, line }) {
  const detail = `${error}\n at ${location} (through reference chain: ${chain})`
  return profile.yamlErrorWording
    ? `${prefix}YAML parsing error: ${detail} (at line ${line})`
    : `${prefix}${detail}`
}

/**
 * Jackson's words for a value it cannot build `type` from.
 * @param {BadItem} item
 * @param {string} type
 */
function jacksonError(item, type) {
  const creator = `Cannot construct instance of \`${type}\` (although at least one Creator exists): no`
  switch (item.kind) {
    case 'string':
      return `${creator} String-argument constructor/factory method to deserialize from String value ('${item.text}')`
    case 'int':
      return `${creator} int/Int-argument constructor/factory method to deserialize from Number value (${item.text})`
    case 'double':
      return `${creator} double/Double-argument constructor/factory method to deserialize from Number value (${item.text})`
    case 'boolean':
      return `${creator} boolean/Boolean-argument constructor/factory method to deserialize from boolean value (${item.text})`
    case 'array':
      return `Cannot deserialize value of type \`${type}\` from Array value (token \`JsonToken.START_ARRAY\`)`
    case 'empty':
      return `Cannot coerce empty String ("") to \`${type}\` value (but could if coercion was enabled using \`CoercionConfig\`)`
  }
}

/**
 * The first item of the top-level list `section` that is not an object, with the kind of value
 * Jackson sees and where (1-based line and column, as Jackson counts them). An empty item
 * (`- ` alone) is an empty text to Jackson; `- ~` and `- null` are null, not refused.
 * @param {string} source
 * @param {YamlMap} doc
 * @param {string} section
 * @returns {BadItem | undefined}
 */
function firstBadItem(source, doc, section) {
  const list = doc[section]
  if (!Array.isArray(list) || list.every(isMap)) return undefined
  const events = parseEvents(source, {})
  const sequence = sectionValue(events, source, section)
  if (sequence === undefined) return undefined
  let child = sequence + 1
  for (let index = 0; index < list.length; index++, child = nodeEnd(events, child)) {
    const bad = badItem(source, events, sequence, child, index, list[index])
    if (bad) return bad
  }
  return undefined
}

/**
 * @param {string} source
 * @param {import('js-yaml').Event[]} events
 * @param {number} sequence the event index of the list
 * @param {number} child the event index of the item
 * @param {number} index the item's index in the list
 * @param {unknown} value the item as loaded
 * @returns {BadItem | undefined}
 */
function badItem(source, events, sequence, child, index, value) {
  const item = /** @type {import('js-yaml').Event} */ (events[child])
  const at = (/** @type {number} */ offset) => position(source, offset)
  if (item.type === EVENT_ID.SEQUENCE) return { index, kind: 'array', text: '', ...at(item.start) }
  if (item.type !== EVENT_ID.SCALAR) return undefined
  if (item.valueStart === -1 && item.tagStart === -1) {
    // Nothing after the dash: Jackson points just past it.
    const dash = dashOffsets(source, /** @type {{ start: number }} */ (events[sequence]).start)[
      index
    ]
    return dash === undefined ? undefined : { index, kind: 'empty', text: '', ...at(dash + 1) }
  }
  if (value === null || isMap(value)) return undefined
  const start = item.style === SCALAR_STYLE.PLAIN ? item.valueStart : item.valueStart - 1
  if (typeof value === 'boolean')
    return { index, kind: 'boolean', text: String(value), ...at(start) }
  if (typeof value === 'number') {
    const kind = /^[-+]?\d+$/.test(getScalarValue(source, item)) ? 'int' : 'double'
    const text = kind === 'double' && Number.isInteger(value) ? value.toFixed(1) : String(value)
    return { index, kind, text, ...at(start) }
  }
  const text = String(value)
  return { index, kind: text === '' ? 'empty' : 'string', text, ...at(start) }
}

/**
 * The event index of the value of the root mapping's key `section`, when it is a sequence.
 * @param {import('js-yaml').Event[]} events
 * @param {string} source
 * @param {string} section
 */
function sectionValue(events, source, section) {
  if (events[1]?.type !== EVENT_ID.MAPPING) return undefined
  for (let index = 2; events[index]?.type !== EVENT_ID.POP;) {
    const key = /** @type {import('js-yaml').Event} */ (events[index])
    const value = nodeEnd(events, index)
    if (
      key.type === EVENT_ID.SCALAR &&
      getScalarValue(source, key) === section &&
      events[value]?.type === EVENT_ID.SEQUENCE
    ) {
      return value
    }
    index = nodeEnd(events, value)
  }
  return undefined
}

/**
 * The offsets of the dashes of a block sequence whose first dash is at `first`: each item starts
 * on a line of its own with a dash at the same column; the sequence ends at the first other line
 * that is not deeper, blank or a comment.
 * @param {string} source
 * @param {number} first
 */
function dashOffsets(source, first) {
  const lineStart = source.lastIndexOf('\n', first - 1) + 1
  const column = first - lineStart
  const offsets = []
  for (let start = lineStart; start < source.length;) {
    const end = source.indexOf('\n', start) === -1 ? source.length : source.indexOf('\n', start)
    const line = source.slice(start, end)
    const indentation = /^ */.exec(line)?.[0].length ?? 0
    if (line.trim() !== '' && !line.trim().startsWith('#') && indentation <= column) {
      if (indentation < column || !/^-(\s|$)/.test(line.slice(column))) break
      offsets.push(start + column)
    }
    start = end + 1
  }
  return offsets
}

/**
 * @param {string} source
 * @param {number} offset
 */
function position(source, offset) {
  const before = source.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 }
}
