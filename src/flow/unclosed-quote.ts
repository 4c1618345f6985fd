import { parseEvents, YAMLException } from 'js-yaml'

/**
 * What js-yaml says when a quoted value runs on past the line its author meant it to end on: it
 * reads the next lines as more of the value, and fails further down, where they are not indented
 * as a value's continuation, or at the end of the file.
 */
const RUNAWAY_QUOTE =
  /^(?:deficient indentation|unexpected end of the (?:stream|document) within a (?:double|single) quoted scalar)$/
const OPEN_AT_END = /^unexpected end of the stream within a (double|single) quoted scalar$/
/** How far back the start of a quoted value is looked for; past it, the error is left as it is. */
const MAX_LINES_BACK = 200

export interface UnclosedQuote {
  /** 1-based line where the quoted value starts. */
  line: number
  quote: '"' | "'"
}

/**
 * The line where a quote that is never closed opens, when the parser's error is the symptom of
 * one; undefined otherwise. The parser itself tells: the text up to the line before the failure
 * ends inside a quoted value, and going back line by line, the first line whose text no longer
 * does is the line before the one where that value starts.
 */
export function findUnclosedQuote(source: string, error: YAMLException): UnclosedQuote | undefined {
  if (!error.mark || !RUNAWAY_QUOTE.test(error.reason)) return undefined
  const lineEnds: number[] = []
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) {
    lineEnds.push(index)
  }
  lineEnds.push(source.length)
  // 0-based: the whole text when it ends inside the value, else up to the line before the failure.
  const last = OPEN_AT_END.test(error.reason) ? lineEnds.length - 1 : error.mark.line - 1
  let found: UnclosedQuote | undefined
  for (let line = last; line >= 0; line--) {
    if (line <= last - MAX_LINES_BACK) return undefined
    const quote = quoteOpenAtEnd(source.slice(0, lineEnds[line]))
    if (!quote) return found
    found = { line: line + 1, quote }
  }
  return found
}

/** The quote of the quoted value that `text` ends inside, if it ends inside one. */
function quoteOpenAtEnd(text: string): UnclosedQuote['quote'] | undefined {
  try {
    parseEvents(text, {})
    return undefined
  } catch (error) {
    const kind = error instanceof YAMLException ? OPEN_AT_END.exec(error.reason)?.[1] : undefined
    return kind === 'double' ? '"' : kind === 'single' ? "'" : undefined
  }
}
