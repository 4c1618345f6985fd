import { readFileSync } from 'node:fs'
import type { FlowKey } from '../flow/flow-key.js'
import { flowIdProblem } from '../flow/flow-identifiers.js'
import {
  FlowSourceError,
  parseFlowSource,
  rewriteNamespace,
  type ParsedFlowSource
} from '../flow/flow-source.js'
import { fsErrorCode } from './fs-error.js'
import type { LocalFlow, LocalProblem } from './local-flow.js'

export type FlowFileResult = { flow: LocalFlow } | { problem: LocalProblem }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads one flow file and sets its namespace; a bad file gives a problem, never an exception.
 * Synchronous on purpose: for thousands of small files, one `readFileSync` each is several times
 * faster than the thread pool's open, stat, read and close, each a hop of its own.
 */
export function readFlowFile(
  gitPath: string,
  absolutePath: string,
  namespace: string
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
  const text = decodeText(bytes)
  if (text === undefined) {
    return {
      problem: {
        gitPath,
        message:
          'Not a text file: a flow file must be UTF-8 text, and this one has NUL bytes or invalid UTF-8.'
      }
    }
  }
  return flowFromText(gitPath, text, namespace)
}

/** The flow in `text`, with its top-level namespace set to `namespace`. */
function flowFromText(gitPath: string, text: string, namespace: string): FlowFileResult {
  let parsed: ParsedFlowSource
  try {
    parsed = parseFlowSource(text)
  } catch (error) {
    return { problem: problemFrom(error, gitPath) }
  }
  const key: FlowKey = { namespace, id: parsed.id }
  const idProblem = flowIdProblem(parsed.id)
  if (idProblem) {
    return {
      problem: { gitPath, line: parsed.idLine, message: `Invalid flow id: ${idProblem}.`, key }
    }
  }
  try {
    const source = rewriteNamespace(text, parsed, namespace)
    return { flow: { ...key, gitPath, source, idLine: parsed.idLine } }
  } catch (error) {
    return { problem: { ...problemFrom(error, gitPath), key } }
  }
}

/** `undefined` for bytes that are not UTF-8 text; the BOM, if any, is dropped. */
function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
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
