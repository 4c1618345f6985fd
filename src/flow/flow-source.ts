/**
 * The YAML text of one flow: its identity, read from the top-level `id` and `namespace` keys, and
 * the rewrite of that `namespace` that leaves every other byte alone. Pure: no I/O.
 */
import {
  COLLECTION_STYLE,
  EVENT_ID,
  SCALAR_STYLE,
  YAMLException,
  constructFromEvents,
  getScalarValue,
  load,
  parseEvents
} from 'js-yaml'
import type { Event, ScalarEvent } from 'js-yaml'
import { sameYamlValue } from './same-yaml-value.js'
import { findUnclosedQuote } from './unclosed-quote.js'
import { kestraScalarText } from './yaml11.js'

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

/** Everything the rewrite needs that `ParsedFlowSource` does not expose. */
interface FlowSourceAnalysis {
  source: string
  parsed: ParsedFlowSource
  document: Record<string, unknown>
  idKey: ScalarEvent
  idValue: ScalarEvent
  namespaceValue?: { event: ScalarEvent; span: TextSpan }
  rootIsFlowStyle: boolean
}

interface TextSpan {
  start: number
  end: number
}

/** Lets `rewriteNamespace` reuse the parse done by `parseFlowSource` instead of parsing twice. */
const analyses = new WeakMap<ParsedFlowSource, FlowSourceAnalysis>()

/**
 * The sources `rewriteNamespace` produced, by text. The server's export gives each unchanged flow
 * back as the very text the sync compares it with, so that text need not be parsed a second time,
 * nor kept twice. The keys are the local flows' sources, kept anyway; the values hold no parse.
 */
const rewrittenSources = new Map<string, { source: string; parsed: ParsedFlowSource }>()

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/**
 * Reads the top-level `id` and `namespace` of a flow. The whole text is parsed, so that a syntax
 * error or a duplicate key anywhere is reported here rather than by the server.
 */
export function parseFlowSource(text: string): ParsedFlowSource {
  const source = stripBom(text)
  const known = rewrittenSources.get(source)?.parsed
  if (known) return known
  const analysis = analyzeFlowSource(source)
  analyses.set(analysis.parsed, analysis)
  return analysis.parsed
}

/**
 * Returns `text` (without BOM) with only the top-level `namespace` value replaced by `namespace`,
 * or with a `namespace:` line added after the `id` entry when there is none. Comments, layout,
 * line endings and nested `namespace:` keys (Subflow tasks, triggers) stay as they are. The
 * result is parsed again and must be the same document apart from its namespace.
 */
export function rewriteNamespace(
  text: string,
  parsed: ParsedFlowSource,
  namespace: string
): string {
  const source = stripBom(text)
  const cached = analyses.get(parsed)
  const analysis = cached?.source === source ? cached : analyzeFlowSource(source)
  const rewritten = analysis.namespaceValue
    ? replaceNamespaceValue(source, analysis.namespaceValue, namespace)
    : insertNamespace(analysis, namespace)
  if (rewritten === source && analysis.document.namespace === namespace) {
    // Most files already name their namespace: the text is the document just parsed, untouched.
    rewrittenSources.set(source, { source, parsed: copyParsed(analysis.parsed) })
    return source
  }
  const parsedRewrite = verifyRewrite(analysis, rewritten, namespace)
  rewrittenSources.set(rewritten, { source: rewritten, parsed: parsedRewrite })
  return rewritten
}

/**
 * `text`, or the identical string `rewriteNamespace` returned: thousands of unchanged flows read
 * back from the server then take no memory of their own.
 */
export function sharedSource(text: string): string {
  return rewrittenSources.get(text)?.source ?? text
}

/** A copy that is no key of `analyses`, so that remembering it keeps no parse alive. */
function copyParsed(parsed: ParsedFlowSource): ParsedFlowSource {
  return {
    ...parsed,
    ...(parsed.namespaceSpan ? { namespaceSpan: { ...parsed.namespaceSpan } } : {})
  }
}

function analyzeFlowSource(source: string): FlowSourceAnalysis {
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
  let namespaceValue: FlowSourceAnalysis['namespaceValue']
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

/** The source offset of the first mapping or sequence that stands as a key, under `index`. */
function findCollectionKey(events: Event[], index: number): number | undefined {
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

interface RootEntry {
  key: ScalarEvent
  /** The first event of the value node. */
  value: Event
}

/** The scalar keys of the root mapping (events[1]) and the first event of each value. */
function rootEntries(events: Event[], source: string): Map<string, RootEntry> {
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

function isEmptyNode(event: Event | undefined): boolean {
  return event?.type === EVENT_ID.SCALAR && event.valueStart === -1 && event.tagStart === -1
}

/** A plain or quoted scalar: what a namespace can be replaced in, and what an id is written as. */
function isInlineScalar(event: Event): event is ScalarEvent {
  return (
    event.type === EVENT_ID.SCALAR &&
    event.style !== SCALAR_STYLE.LITERAL_BLOCK &&
    event.style !== SCALAR_STYLE.FOLDED_BLOCK
  )
}

function describeNode(event: Event): string {
  if (event.type === EVENT_ID.MAPPING) return 'a mapping'
  if (event.type === EVENT_ID.SEQUENCE) return 'a list'
  if (event.type === EVENT_ID.ALIAS) return 'an alias'
  return isInlineScalar(event) ? 'a single value' : 'a block scalar (`|` or `>`)'
}

function valueSpan(source: string, key: ScalarEvent, value: ScalarEvent): TextSpan {
  if (value.valueStart !== -1) return { start: value.valueStart, end: value.valueEnd }
  const afterColon = source.indexOf(':', key.valueEnd) + 1
  return { start: afterColon, end: afterColon }
}

/** The 1-based line of the first node from `index` on that has a position, if any. */
function lineOfFirstNode(source: string, events: Event[], index: number): number | undefined {
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

function replaceNamespaceValue(
  source: string,
  { event, span }: { event: ScalarEvent; span: TextSpan },
  namespace: string
): string {
  const quoted =
    event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED
  // A namespace never needs escaping inside quotes; an empty value needs a space after its colon.
  const replacement = quoted
    ? namespace
    : `${span.start === span.end ? ' ' : ''}${yamlString(namespace)}`
  return source.slice(0, span.start) + replacement + source.slice(span.end)
}

function insertNamespace(analysis: FlowSourceAnalysis, namespace: string): string {
  const { source, idKey, idValue } = analysis
  const entry = `namespace: ${yamlString(namespace)}`
  const quoted = idValue.style !== SCALAR_STYLE.PLAIN
  if (analysis.rootIsFlowStyle) {
    const afterId = idValue.valueEnd + (quoted ? 1 : 0)
    return `${source.slice(0, afterId)}, ${entry}${source.slice(afterId)}`
  }
  const idLineStart = source.lastIndexOf('\n', idKey.valueStart - 1) + 1
  const indentation = /^[ \t]*/.exec(source.slice(idLineStart, idKey.valueStart))?.[0] ?? ''
  const idLineEnd = source.indexOf('\n', idValue.valueEnd)
  if (idLineEnd === -1) return `${source}${lineBreakOf(source)}${indentation}${entry}`
  const lineBreak = source[idLineEnd - 1] === '\r' ? '\r\n' : '\n'
  return (
    source.slice(0, idLineEnd + 1) + indentation + entry + lineBreak + source.slice(idLineEnd + 1)
  )
}

function lineBreakOf(source: string): string {
  return source.includes('\r\n') ? '\r\n' : '\n'
}

/** Whether a text reads back as itself in plain YAML, by text; a sync has few namespaces. */
const plainReadsAsString = new Map<string, boolean>()

/** `text` as a YAML value that reads back as that string: plain when it can be, else quoted. */
function yamlString(text: string): string {
  return readsAsPlainString(text) ? text : JSON.stringify(text)
}

/** Whether `text`, written plain (unquoted), reads back as that very string in YAML. */
export function readsAsPlainString(text: string): boolean {
  let plain = plainReadsAsString.get(text)
  if (plain === undefined) {
    plain = readsAsString(text)
    plainReadsAsString.set(text, plain)
  }
  return plain
}

/** Plain only when both readers agree: this one (YAML 1.2) and Kestra's (YAML 1.1, `012` is 10). */
function readsAsString(text: string): boolean {
  try {
    return load(text) === text && kestraScalarText(text) === text
  } catch {
    return false
  }
}

/** The rewritten text's own parse, once it is known to be the same document in the new namespace. */
function verifyRewrite(
  original: FlowSourceAnalysis,
  rewritten: string,
  namespace: string
): ParsedFlowSource {
  let result: FlowSourceAnalysis | undefined
  try {
    result = analyzeFlowSource(rewritten)
  } catch (error) {
    if (!(error instanceof FlowSourceError)) throw error
  }
  if (
    result === undefined ||
    result.document.namespace !== namespace ||
    !sameYamlValue(withoutNamespace(original.document), withoutNamespace(result.document))
  ) {
    throw new FlowSourceError(
      `The top-level \`namespace\` could not be rewritten safely to '${namespace}'; write it on one line as \`namespace: ${namespace}\`, or remove it.`,
      original.parsed.namespaceLine ?? original.parsed.idLine
    )
  }
  return result.parsed
}

function withoutNamespace(document: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...document }
  delete copy.namespace
  return copy
}
