/**
 * A strict scan of a flow's text for its top-level `id` and `namespace`, without a YAML parse.
 * It answers only for the plainest layout (a block mapping at column 0 whose keys are simple
 * words, each value closed on its own line) and gives up on anything else, which is then parsed.
 * Pure: no I/O.
 */
import { kestraScalarText } from './yaml11.js'
import { stripBom, type TextSpan } from './yaml-events.js'
import type { NamespaceSite } from './namespace-rewrite.js'

export interface ScannedFlow {
  /** The text without its BOM. */
  source: string
  id: string
  /** 1-based line of the top-level `id:` key. */
  idLine: number
  /** Where the namespace rewrite writes, as the full parse would find it. */
  site: NamespaceSite
}

/** A top-level key: a simple word at column 0, then a colon and a space or the end of the line. */
const KEY_LINE = /([A-Za-z_][A-Za-z0-9_-]*):(?=[ \t\r\n]|$)/y
/** An id or namespace written plain that every reader takes for that very text. */
const SIMPLE_PLAIN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
const BLOCK_SCALAR_HEADER = /^[|>][1-9+-]{0,2}[ \t]*(?:#.*)?$/
/** What a plain value may not start with: indicators, and anchors, tags and aliases. */
const NOT_PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`]/

/**
 * The top-level `id` and `namespace` of `text` as the full parse (readFlowSource) reads them, or
 * undefined when the scan cannot be sure: then the text must be parsed. Its answer is trusted
 * only where the server stores the rewritten text as is, which Kestra's own parser accepted.
 */
export function scanFlowSource(text: string): ScannedFlow | undefined {
  const source = stripBom(text)
  // A lone CR ends a line in YAML; the scan counts lines by LF alone.
  if (source.includes('\r') && /\r(?!\n)/.test(source)) return undefined
  const seen = new Set<string>()
  let id: { value: Value; line: number; lineStart: number } | undefined
  let namespace: Value | undefined
  let previous: { key: string; value: Value | undefined } | undefined
  let sawKey = false
  // Offsets rather than a string per line: the scan runs on every file of the folder.
  for (let lineStart = 0, line = 1; ; line++) {
    const newline = source.indexOf('\n', lineStart)
    let lineEnd = newline === -1 ? source.length : newline
    if (source.charCodeAt(lineEnd - 1) === CR && lineEnd > lineStart) lineEnd--
    let first = lineStart
    while (first < lineEnd && isBlank(source.charCodeAt(first))) first++
    if (first === lineEnd) {
      // A blank line.
    } else if (first > lineStart) {
      // Inside the value of the key above: never an id's or a namespace's continuation.
      if (source.charCodeAt(lineStart) !== SPACE) return undefined
      if (!sawKey && source.charCodeAt(first) !== HASH) return undefined
      if (previous && (previous.key === 'id' || previous.key === 'namespace')) return undefined
    } else if (source.charCodeAt(lineStart) !== HASH) {
      KEY_LINE.lastIndex = lineStart
      const key = KEY_LINE.exec(source)?.[1]
      if (key === undefined || seen.has(key)) return undefined
      seen.add(key)
      sawKey = true
      const value = readValue(source, lineStart + key.length + 1, lineEnd)
      if (value === 'unsure') return undefined
      if (key === 'id' || key === 'namespace') {
        if (!value || value.kind === 'other') return undefined
        if (key === 'id') id = { value, line, lineStart }
        else namespace = value
      }
      previous = { key, value }
    }
    if (newline === -1) break
    lineStart = newline + 1
  }
  if (!id) return undefined
  const site: NamespaceSite = namespace
    ? { kind: 'value', span: namespace.span, quoted: namespace.kind === 'quoted' }
    : {
        kind: 'after-id',
        idKeyStart: id.lineStart,
        idValueEnd: id.value.span.end,
        idQuoted: id.value.kind === 'quoted',
        flowStyle: false
      }
  return { source, id: id.value.text, idLine: id.line, site }
}

const CR = 0x0d
const SPACE = 0x20
const HASH = 0x23

function isBlank(code: number): boolean {
  return code === SPACE || code === 0x09
}

type Value = { kind: 'plain' | 'quoted' | 'other'; text: string; span: TextSpan }

/**
 * The value on a key's line, from just after its colon: undefined when there is none (a block
 * below, or nothing), 'unsure' when it may run onto the next lines in a way the scan cannot follow.
 * Only plain words and quotes without escapes are read as an id or a namespace ('plain',
 * 'quoted'); any other value closed on its line is 'other'.
 */
function readValue(source: string, from: number, lineEnd: number): Value | undefined | 'unsure' {
  const rest = source.slice(from, lineEnd)
  const start = from + (rest.length - rest.trimStart().length)
  const value = source.slice(start, lineEnd)
  if (value === '' || value.startsWith('#')) return undefined
  const quote = value.charAt(0)
  if (quote === '"' || quote === "'") {
    const close = closingQuote(value, quote)
    if (close === -1 || !isLineEnd(value.slice(close + 1))) return 'unsure'
    const inner = value.slice(1, close)
    const simple = quote === '"' ? !inner.includes('\\') : !inner.includes("'")
    return {
      kind: simple && inner !== '' ? 'quoted' : 'other',
      text: inner,
      span: { start: start + 1, end: start + close }
    }
  }
  if (quote === '[' || quote === '{') {
    const close = closingBracket(value)
    if (close === -1 || !isLineEnd(value.slice(close + 1))) return 'unsure'
    return { kind: 'other', text: '', span: { start, end: start + close + 1 } }
  }
  if (quote === '|' || quote === '>') {
    return BLOCK_SCALAR_HEADER.test(value)
      ? { kind: 'other', text: '', span: { start, end: start } }
      : 'unsure'
  }
  if (NOT_PLAIN_START.test(value)) return 'unsure'
  // A plain value ends before ` #` (a comment) or at the end of the line, less trailing blanks.
  const comment = /[ \t]#/.exec(value)
  const text = (comment ? value.slice(0, comment.index) : value).trimEnd()
  const plain = SIMPLE_PLAIN.test(text) && kestraScalarText(text) === text
  return { kind: plain ? 'plain' : 'other', text, span: { start, end: start + text.length } }
}

function isLineEnd(text: string): boolean {
  return /^[ \t]*(?:#.*)?$/.test(text)
}

/** The index of the quote closing the one at 0, on this line; -1 when none. */
function closingQuote(value: string, quote: string): number {
  for (let index = 1; index < value.length; index++) {
    const char = value.charAt(index)
    if (quote === '"' && char === '\\') index++
    else if (char === quote) {
      if (quote === "'" && value.charAt(index + 1) === "'") index++
      else return index
    }
  }
  return -1
}

/** The index of the bracket closing the flow collection at 0, on this line; -1 when none. */
function closingBracket(value: string): number {
  let depth = 0
  for (let index = 0; index < value.length; index++) {
    const char = value.charAt(index)
    if (char === '"' || char === "'") {
      const close = closingQuote(value.slice(index), char)
      if (close === -1) return -1
      index += close
    } else if (char === '#' && /[ \t]/.test(value.charAt(index - 1))) return -1
    else if (char === '[' || char === '{') depth++
    else if (char === ']' || char === '}') {
      depth--
      if (depth === 0) return index
    }
  }
  return -1
}
