/** Reading js-yaml's events of a YAML text: nodes, their lines and spans. Pure: no I/O. */
import { EVENT_ID, SCALAR_STYLE, getScalarValue } from 'js-yaml'
import type { Event, ScalarEvent } from 'js-yaml'

export interface TextSpan {
  start: number
  end: number
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

export interface RootEntry {
  key: ScalarEvent
  /** The first event of the value node. */
  value: Event
}

/** The scalar keys of the root mapping (events[1]) and the first event of each value. */
export function rootEntries(events: Event[], source: string): Map<string, RootEntry> {
  const entries = new Map<string, RootEntry>()
  let index = 2
  while ((events[index] as Event).type !== EVENT_ID.POP) {
    const key = events[index] as Event
    const valueIndex = nodeEnd(events, index)
    if (key.type === EVENT_ID.SCALAR) {
      entries.set(getScalarValue(source, key), { key, value: events[valueIndex] as Event })
    }
    index = nodeEnd(events, valueIndex)
  }
  return entries
}

/** The index just after the node that starts at `index`, skipping its children. */
export function nodeEnd(events: Event[], index: number): number {
  let depth = 0
  let next = index
  do {
    const type = (events[next] as Event).type
    if (type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE) depth++
    else if (type === EVENT_ID.POP) depth--
    next++
  } while (depth > 0)
  return next
}

export function isEmptyNode(event: Event | undefined): boolean {
  return event?.type === EVENT_ID.SCALAR && event.valueStart === -1 && event.tagStart === -1
}

/** A plain or quoted scalar: what a namespace can be replaced in, and what an id is written as. */
export function isInlineScalar(event: Event): event is ScalarEvent {
  return (
    event.type === EVENT_ID.SCALAR &&
    event.style !== SCALAR_STYLE.LITERAL_BLOCK &&
    event.style !== SCALAR_STYLE.FOLDED_BLOCK
  )
}

export function describeNode(event: Event): string {
  if (event.type === EVENT_ID.MAPPING) return 'a mapping'
  if (event.type === EVENT_ID.SEQUENCE) return 'a list'
  if (event.type === EVENT_ID.ALIAS) return 'an alias'
  return isInlineScalar(event) ? 'a single value' : 'a block scalar (`|` or `>`)'
}

export function valueSpan(source: string, key: ScalarEvent, value: ScalarEvent): TextSpan {
  if (value.valueStart !== -1) return { start: value.valueStart, end: value.valueEnd }
  const afterColon = source.indexOf(':', key.valueEnd) + 1
  return { start: afterColon, end: afterColon }
}

/** The 1-based line of the first node from `index` on that has a position, if any. */
export function lineOfFirstNode(
  source: string,
  events: Event[],
  index: number
): number | undefined {
  for (const event of events.slice(index)) {
    const offset =
      event.type === EVENT_ID.SCALAR
        ? event.valueStart
        : event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE
          ? event.start
          : -1
    if (offset !== -1) return lineAt(source, offset)
  }
  return undefined
}

/** 1-based line of `offset`; CRLF, LF and a lone CR each end a line, as in YAML. */
export function lineAt(source: string, offset: number): number {
  let line = 1
  for (let index = 0; index < offset; index++) {
    const code = source.charCodeAt(index)
    if (code === 0x0a || (code === 0x0d && source.charCodeAt(index + 1) !== 0x0a)) line++
  }
  return line
}

/** The source offset of the first mapping or sequence that stands as a key, under `index`. */
export function findCollectionKey(events: Event[], index: number): number | undefined {
  const node = events[index] as Event
  if (node.type !== EVENT_ID.MAPPING && node.type !== EVENT_ID.SEQUENCE) return undefined
  const isMapping = node.type === EVENT_ID.MAPPING
  for (
    let child = index + 1, position = 0;
    (events[child] as Event).type !== EVENT_ID.POP;
    position++
  ) {
    const event = events[child] as Event
    const isKey = isMapping && position % 2 === 0
    if (isKey && (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE))
      return event.start
    const nested = findCollectionKey(events, child)
    if (nested !== undefined) return nested
    child = nodeEnd(events, child)
  }
  return undefined
}
