import { readFile } from 'node:fs/promises'
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

/** Reads one flow file and sets its namespace; a bad file gives a problem, never an exception. */
export async function readFlowFile(
  gitPath: string,
  absolutePath: string,
  namespace: string
): Promise<FlowFileResult> {
  let bytes: Buffer
  try {
    bytes = await readFile(absolutePath)
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
    const added = lineCount(source) > lineCount(text)
    return {
      flow: {
        ...key,
        gitPath,
        source,
        idLine: parsed.idLine,
        ...(added ? { namespaceLineAdded: true } : {})
      }
    }
  } catch (error) {
    return { problem: { ...problemFrom(error, gitPath), key } }
  }
}

function lineCount(text: string): number {
  return text.split('\n').length
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
