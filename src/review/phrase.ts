/**
 * Text for a reader, with the names in it marked: the report shows each name as code and escapes
 * the rest, so that nothing a flow holds can break the Markdown it lands in.
 */
export type Phrase = ReadonlyArray<string | { code: string }>

/** A name (a flow, a task id, a cron) within a phrase. */
export function name(text: string): { code: string } {
  return { code: text }
}

/** The phrase's text, names as they are: for the log, which renders nothing. */
export function plainText(phrase: Phrase): string {
  return phrase.map(part => (typeof part === 'string' ? part : part.code)).join('')
}
