/**
 * The identity of a flow's YAML text, read from its top-level `id` and `namespace` keys, and the
 * parse errors written for the user. Pure: no I/O.
 */
import {
  COLLECTION_STYLE,
  EVENT_ID,
  SCALAR_STYLE,
  YAMLException,
  constructFromEvents,
  getScalarValue,
  parseEvents
} from 'js-yaml'
import type { Event, ScalarEvent } from 'js-yaml'
import { findUnclosedQuote } from './unclosed-quote.js'
import {
  describeNode,
  findCollectionKey,
  isEmptyNode,
  isInlineScalar,
  lineAt,
  lineOfFirstNode,
  rootEntries,
  stripBom,
  valueSpan,
  type TextSpan
} from './yaml-events.js'

/** Why a text cannot be a flow; the message is written for the user and shown as is. */
export class FlowSourceError extends Error {
  constructor(
    message: string,
    /** 1-based line of the problem, when known. */
    readonly line?: number
  ) {
    super(message)
    this.name = 'FlowSourceError'
  }
}

export interface ParsedFlowSource {
  /** The top-level `id`, as written (a plain `123` gives '123'). */
  id: string
  /** Whether the `id` is a plain scalar (no quotes, no tag), which YAML 1.1 may read as no string. */
  idPlain: boolean
  /** The top-level `namespace` as written; '' when the key has no value. */
  namespace?: string
  /** 1-based line of the top-level `id:` key. */
  idLine: number
  /** 1-based line of the top-level `namespace:` key. */
  namespaceLine?: number
  /**
   * Offsets, in the text without its BOM, of the `namespace` value (inside the quotes of a quoted
   * value). When the key has no value, an empty span right after its colon.
   */
  namespaceSpan?: TextSpan
}

/**
 * A flow's text as read: its identity, and what the namespace rewrite needs of the parse. One read
 * serves both, so that a file is parsed once.
 */
export interface FlowSource {
  /** The text without its BOM. */
  source: string
  parsed: ParsedFlowSource
  /** The loaded document, to compare with its rewrite. */
  document: Record<string, unknown>
  idKey: ScalarEvent
  idValue: ScalarEvent
  namespaceValue?: { event: ScalarEvent; span: TextSpan }
  rootIsFlowStyle: boolean
}

/** Reads the top-level `id` and `namespace` of a flow (see `readFlowSource`). */
export function parseFlowSource(text: string): ParsedFlowSource {
  return readFlowSource(text).parsed
}

/**
 * Reads a flow's text (without its BOM). The whole text is parsed, so that a syntax error or a
 * duplicate key anywhere is reported here rather than by the server.
 */
export function readFlowSource(text: string): FlowSource {
  const source = stripBom(text)
  const events = parseYamlEvents(source)
  // A loop rather than flatMap: no array per event, for the hundreds of events of each file.
  const documentStarts: number[] = []
  events.forEach((event, index) => {
    if (event.type === EVENT_ID.DOCUMENT) documentStarts.push(index)
  })
  if (documentStarts.length > 1) {
    throw new FlowSourceError(
      `The file holds ${documentStarts.length} YAML documents separated by \`---\`; a flow file must hold exactly one flow (Kestra would split it into several).`,
      lineOfFirstNode(source, events, documentStarts[1] as number)
    )
  }
  if (documentStarts.length === 0 || isEmptyNode(events[1])) {
    throw new FlowSourceError(
      'The file is empty or holds only comments; a flow needs at least `id`, `namespace` and `tasks`.'
    )
  }
  const document = constructDocument(events, source)
  const root = events[1] as Event
  if (root.type !== EVENT_ID.MAPPING) {
    throw new FlowSourceError(
      `The top level of a flow must be a mapping of keys such as \`id:\`, \`namespace:\` and \`tasks:\`, not ${describeNode(root)}.`,
      lineOfFirstNode(source, events, 0)
    )
  }
  const entries = rootEntries(events, source)

  const idEntry = entries.get('id')
  if (!idEntry)
    throw new FlowSourceError('The flow has no top-level `id`; add one, such as `id: hello-world`.')
  const idLine = lineAt(source, idEntry.key.valueStart)
  if (!isInlineScalar(idEntry.value)) {
    throw new FlowSourceError(
      `The top-level \`id\` must be a one-line value such as \`id: hello-world\`, not ${describeNode(idEntry.value)}.`,
      idLine
    )
  }
  if (document.id === null) throw new FlowSourceError('The top-level `id` has no value.', idLine)
  const parsed: ParsedFlowSource = {
    id: getScalarValue(source, idEntry.value),
    idPlain: idEntry.value.style === SCALAR_STYLE.PLAIN && idEntry.value.tagStart === -1,
    idLine
  }

  const namespaceEntry = entries.get('namespace')
  let namespaceValue: FlowSource['namespaceValue']
  if (namespaceEntry) {
    const namespaceLine = lineAt(source, namespaceEntry.key.valueStart)
    if (!isInlineScalar(namespaceEntry.value)) {
      throw new FlowSourceError(
        `The top-level \`namespace\` must be a one-line value such as \`namespace: company.team\` (it is replaced by the target namespace), not ${describeNode(namespaceEntry.value)}.`,
        namespaceLine
      )
    }
    const span = valueSpan(source, namespaceEntry.key, namespaceEntry.value)
    namespaceValue = { event: namespaceEntry.value, span }
    parsed.namespace = getScalarValue(source, namespaceEntry.value)
    parsed.namespaceLine = namespaceLine
    parsed.namespaceSpan = { ...span }
  }

  return {
    source,
    parsed,
    document,
    idKey: idEntry.key,
    idValue: idEntry.value,
    namespaceValue,
    rootIsFlowStyle: root.style === COLLECTION_STYLE.FLOW
  }
}

function parseYamlEvents(source: string): Event[] {
  try {
    return parseEvents(source, {})
  } catch (error) {
    const unclosed = error instanceof YAMLException ? findUnclosedQuote(source, error) : undefined
    if (unclosed) {
      throw new FlowSourceError(
        `Invalid YAML: the quoted value that starts with ${unclosed.quote} on this line is never closed; add the closing ${unclosed.quote}.`,
        unclosed.line
      )
    }
    throw asFlowSourceError(error)
  }
}

/** Builds the values, which is where duplicate keys, unknown tags and bad aliases are found. */
function constructDocument(events: Event[], source: string): Record<string, unknown> {
  try {
    return constructFromEvents(events, { source })[0] as Record<string, unknown>
  } catch (error) {
    const collectionKey = findCollectionKey(events, 1)
    if (collectionKey !== undefined) {
      // Almost always an unquoted Pebble expression: `message: {{ x }}` is a mapping in YAML.
      throw new FlowSourceError(
        'Invalid YAML: a mapping or list is used as a key. A value starting with `{{` must be quoted, e.g. `message: "{{ inputs.name }}"`.',
        lineAt(source, collectionKey)
      )
    }
    throw asFlowSourceError(error, source)
  }
}

function asFlowSourceError(error: unknown, source?: string): unknown {
  if (!(error instanceof YAMLException)) return error
  const line = error.mark ? error.mark.line + 1 : undefined
  const key =
    error.reason === 'duplicated mapping key' && error.mark && source !== undefined
      ? duplicatedKey(source, error.mark.position)
      : undefined
  if (key !== undefined) {
    return new FlowSourceError(
      `Invalid YAML: the key '${key}' is written twice in the same mapping; keep one.`,
      line
    )
  }
  // `reason` rather than `message`: the message repeats the source around the error.
  return new FlowSourceError(`Invalid YAML: ${error.reason}.`, line)
}

/** The key written at `offset`, where the parser reports a duplicate; undefined if unclear. */
function duplicatedKey(source: string, offset: number): string | undefined {
  const key = /^([^\s"':,{}[\]][^\n"':,{}[\]]{0,79}?)["']?[ \t]*:(?=[\s,}]|$)/.exec(
    source.slice(offset, offset + 100)
  )?.[1]
  return key?.trimEnd()
}
