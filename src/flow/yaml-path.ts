import { EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml'
import { lineAt, nodeEnd, stripBom } from './yaml-events.js'

/**
 * The 1-based line of a property path as Kestra writes them (`tasks[0].retry`, `triggers[1]`) in a
 * flow's YAML: the line of the deepest part of the path found there. Undefined when not even the
 * first part is found, or the text does not parse.
 */
export function lineOfPath(text: string, path: string): number | undefined {
  const parsed = parseForPaths(text, path)
  return parsed && walk(parsed.events, parsed.source, 1, parsed.segments) // events[1]: the root
}

/**
 * The same for a path that starts with the id of a task or input, as Kestra's messages name them
 * (`dag: Cyclic dependency…`, `impossible.tasks: …`): from the list item holding that `id`.
 */
export function lineOfNamedPath(text: string, path: string): number | undefined {
  const parsed = parseForPaths(text, path)
  const [name, ...rest] = parsed?.segments ?? []
  if (!parsed || typeof name !== 'string') return undefined
  const item = itemWithId(parsed.events, parsed.source, name)
  if (item === undefined) return undefined
  const line = lineAt(parsed.source, item.offset)
  return rest.length === 0 ? line : (walk(parsed.events, parsed.source, item.node, rest) ?? line)
}

function parseForPaths(
  text: string,
  path: string
): { source: string; events: Event[]; segments: Array<string | number> } | undefined {
  const source = stripBom(text)
  const segments = parsePath(path)
  if (!segments || segments.length === 0) return undefined
  try {
    return { source, events: parseEvents(source, {}), segments }
  } catch {
    return undefined
  }
}

/** The line of the deepest of `segments` found from the node at `start`. */
function walk(
  events: Event[],
  source: string,
  start: number,
  segments: Array<string | number>
): number | undefined {
  let node = start
  let line: number | undefined
  for (const segment of segments) {
    const found =
      typeof segment === 'number'
        ? item(events, node, segment)
        : value(events, node, segment, source)
    if (!found) break
    node = found.node
    line = lineAt(source, found.offset)
  }
  return line
}

/** The first mapping, in a list at any depth, whose `id` is `id`. */
function itemWithId(
  events: Event[],
  source: string,
  id: string
): { node: number; offset: number } | undefined {
  for (let index = 1; index < events.length; index++) {
    const list = events[index] as Event
    if (list.type !== EVENT_ID.SEQUENCE) continue
    for (let child = index + 1; (events[child] as Event).type !== EVENT_ID.POP;) {
      const idValue = value(events, child, 'id', source)?.node
      const idEvent = idValue === undefined ? undefined : events[idValue]
      if (idEvent?.type === EVENT_ID.SCALAR && getScalarValue(source, idEvent) === id) {
        const offset = startOf(events[child] as Event)
        if (offset !== undefined) return { node: child, offset }
      }
      child = nodeEnd(events, child)
    }
  }
  return undefined
}

/** `a[0].b` -> ['a', 0, 'b']; undefined for anything else. */
function parsePath(path: string): Array<string | number> | undefined {
  if (!/^[A-Za-z_$][\w$-]*(\[\d+\])*(\.[A-Za-z_$][\w$-]*(\[\d+\])*)*$/.test(path)) return undefined
  return path.split('.').flatMap(part => {
    const [name, ...indexes] = part.split('[')
    return [name as string, ...indexes.map(index => Number(index.slice(0, -1)))]
  })
}

/** The value of `key` in the mapping at `node`, and the offset of its key. */
function value(
  events: Event[],
  node: number,
  key: string,
  source: string
): { node: number; offset: number } | undefined {
  if (events[node]?.type !== EVENT_ID.MAPPING) return undefined
  for (let child = node + 1; (events[child] as Event).type !== EVENT_ID.POP;) {
    const keyEvent = events[child] as Event
    const valueIndex = nodeEnd(events, child)
    if (keyEvent.type === EVENT_ID.SCALAR && getScalarValue(source, keyEvent) === key) {
      return { node: valueIndex, offset: keyEvent.valueStart }
    }
    child = nodeEnd(events, valueIndex)
  }
  return undefined
}

/** The `index`th item of the sequence at `node`, and where it starts. */
function item(
  events: Event[],
  node: number,
  index: number
): { node: number; offset: number } | undefined {
  if (events[node]?.type !== EVENT_ID.SEQUENCE) return undefined
  let child = node + 1
  for (let position = 0; (events[child] as Event).type !== EVENT_ID.POP; position++) {
    if (position === index) {
      const offset = startOf(events[child] as Event)
      return offset === undefined ? undefined : { node: child, offset }
    }
    child = nodeEnd(events, child)
  }
  return undefined
}

function startOf(event: Event): number | undefined {
  if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) return event.start
  if (event.type === EVENT_ID.SCALAR && event.valueStart !== -1) return event.valueStart
  return undefined
}

/** Anything in a message that reads as a property path followed by a colon (`tasks[0].id: …`). */
const PATH_IN_MESSAGE =
  /(?<=^|[\s,(])([A-Za-z_$][\w$-]*(?:\[\d+\])*(?:\.[A-Za-z_$][\w$-]*(?:\[\d+\])*)*)(?=:\s)/g

/**
 * The line of the first property path in a server message that is found in the flow's text (a
 * message may name a class or a word before a colon: those are not found and skipped). Kestra
 * 0.21 prefixes some paths with `flow.`; its model violations name a task or input by its id
 * instead of `tasks[N]` (`dag: Cyclic dependency…`).
 */
export function lineOfPathIn(text: string, message: string): number | undefined {
  for (const [, path] of message.matchAll(PATH_IN_MESSAGE)) {
    const line =
      lineOfPath(text, path as string) ??
      lineOfPath(text, (path as string).replace(/^flow\./, '')) ??
      lineOfNamedPath(text, path as string)
    if (line !== undefined) return line
  }
  return undefined
}
