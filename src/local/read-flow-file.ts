import { readFileSync } from 'node:fs'
import type { FlowKey } from '../flow/flow-key.js'
import { flowIdProblem, unquotedIdProblem } from '../flow/flow-identifiers.js'
import { nonMappingListItem } from '../flow/list-items.js'
import { FlowSourceError, readFlowSource, type FlowSource } from '../flow/flow-source.js'
import { scanFlowSource } from '../flow/flow-scan.js'
import { rewriteNamespace, writeNamespace } from '../flow/namespace-rewrite.js'
import { fsErrorCode } from './fs-error.js'
import type { LocalFlow } from '../flow/local-flow.js'
import type { LocalProblem } from './local-flows.js'

export type FlowFileResult =
  | {
      flow: LocalFlow
      /** The file's text, when the flow was keyed by the scan alone, its YAML not parsed. */
      unparsedText?: string
    }
  | { problem: LocalProblem }

/**
 * 'always': the whole text is parsed. 'unless-scanned': a text whose `id` and `namespace` the
 * strict scan reads with certainty is keyed and rewritten without a parse; the caller then
 * confirms it by the server's text, or reads it again with 'always'.
 */
export type ParseMode = 'always' | 'unless-scanned'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads one flow file and sets its namespace; a bad file gives a problem, never an exception.
 * Synchronous on purpose: for thousands of small files, one `readFileSync` each is several times
 * faster than the thread pool's open, stat, read and close, each a hop of its own.
 */
export function readFlowFile(
  gitPath: string,
  absolutePath: string,
  namespace: string,
  parse: ParseMode = 'always'
): FlowFileResult {
  let bytes: Buffer
  try {
    bytes = readFileSync(absolutePath)
  } catch (error) {
    return {
      problem: {
        gitPath,
        message: `The file cannot be read (${fsErrorCode(error) ?? String(error)}).`
      }
    }
  }
  const decoded = decodeText(bytes)
  if ('problem' in decoded) return { problem: { gitPath, ...decoded.problem } }
  const scanned =
    parse === 'unless-scanned' ? flowFromScan(gitPath, decoded.text, namespace) : undefined
  return scanned
    ? { flow: scanned, unparsedText: decoded.text }
    : flowFromText(gitPath, decoded.text, namespace)
}

/**
 * The flow in `text` as the scan reads it, when it is sure and the id is a valid one; else
 * undefined, and the text is parsed. Proven equal to `flowFromText` on every text that parses
 * (__tests__/flow/flow-scan.test.ts).
 */
export function flowFromScan(
  gitPath: string,
  text: string,
  namespace: string
): LocalFlow | undefined {
  const scanned = scanFlowSource(text)
  if (!scanned || flowIdProblem(scanned.id)) return undefined
  const source = writeNamespace(scanned.source, scanned.site, namespace)
  return localFlow({ namespace, id: scanned.id }, gitPath, text, source, scanned.idLine)
}

/** The flow in `text`, with its top-level namespace set to `namespace`. */
export function flowFromText(gitPath: string, text: string, namespace: string): FlowFileResult {
  let flow: FlowSource
  try {
    flow = readFlowSource(text)
  } catch (error) {
    return { problem: problemFrom(error, gitPath) }
  }
  const { parsed } = flow
  const key: FlowKey = { namespace, id: parsed.id }
  const idProblem =
    flowIdProblem(parsed.id) ?? (parsed.idPlain ? unquotedIdProblem(parsed.id) : undefined)
  if (idProblem) {
    return {
      problem: { gitPath, line: parsed.idLine, message: `Invalid flow id: ${idProblem}.`, key }
    }
  }
  const itemProblem = nonMappingListItem(flow.document, text)
  if (itemProblem) return { problem: { gitPath, ...itemProblem, key } }
  try {
    const source = rewriteNamespace(flow, namespace)
    return { flow: localFlow(key, gitPath, text, source, parsed.idLine) }
  } catch (error) {
    return { problem: { ...problemFrom(error, gitPath), key } }
  }
}

function localFlow(
  key: FlowKey,
  gitPath: string,
  text: string,
  source: string,
  idLine: number
): LocalFlow {
  // The rewrite gives back the very text when the file names its namespace already.
  const added = source !== text && lineCount(source) > lineCount(text)
  return { ...key, gitPath, source, idLine, ...(added ? { namespaceLineAdded: true } : {}) }
}

/** Counted without a string per line: this runs on every file whose namespace is rewritten. */
function lineCount(text: string): number {
  let count = 1
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++
  return count
}

/** The UTF-8 text of a file (BOM dropped), or why it is not UTF-8 text and what to do. */
function decodeText(
  bytes: Uint8Array
): { text: string } | { problem: { line?: number; message: string } } {
  // UTF-16 (Windows' "Unicode") has a BOM of its own and NUL bytes in every ASCII character.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: { message: 'The file is UTF-16 text; save it as UTF-8.' } }
  }
  if (bytes.includes(0)) {
    return {
      problem: {
        message:
          'Not a text file (it holds NUL bytes): a flow file is UTF-8 text. Move it out of the folder, or list it in .kestraignore.'
      }
    }
  }
  try {
    return { text: utf8.decode(bytes) }
  } catch {
    return {
      problem: {
        line: firstLineNotUtf8(bytes),
        message:
          'The file is not UTF-8 text (saved as Latin-1 or Windows-1252?): this line has bytes that are not UTF-8. Save the file as UTF-8.'
      }
    }
  }
}

/** The 1-based line of the first bytes that are not UTF-8; a line feed never is part of a character. */
function firstLineNotUtf8(bytes: Uint8Array): number {
  let start = 0
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start)
    try {
      utf8.decode(bytes.subarray(start, end === -1 ? bytes.length : end))
    } catch {
      return line
    }
    if (end === -1) return line
    start = end + 1
  }
}

function problemFrom(error: unknown, gitPath: string): LocalProblem {
  if (error instanceof FlowSourceError) {
    return error.line === undefined
      ? { gitPath, message: error.message }
      : { gitPath, line: error.line, message: error.message }
  }
  // The parser may fail in ways it does not describe as YAML errors; one bad file must not stop the read.
  return {
    gitPath,
    message: `The file cannot be parsed: ${error instanceof Error ? error.message : String(error)}`
  }
}
