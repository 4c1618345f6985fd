import { load } from 'js-yaml'
import { kestraScalarText } from './yaml11.js'

/**
 * Answers of `readsAsString`, by text. Asked for each flow, of the few namespaces of a run; a
 * YAML parse each time would cost more than the rest of the rewrite. The answers depend on the
 * text alone, so what is kept never changes a result; beyond the bound it starts again.
 */
const answers = new Map<string, boolean>()
const MAX_ANSWERS = 1000
const LOWER_CASE_WORD = /^[a-z][a-z0-9._-]*$/

/** Whether `text`, written plain (unquoted), reads back as that very string in YAML. */
export function readsAsPlainString(text: string): boolean {
  // A word with a lower-case letter first, as namespaces are: YAML 1.2 reads none as other than
  // a string but null, true and false; YAML 1.1 (Kestra's reader) adds yes, no, on, off.
  if (LOWER_CASE_WORD.test(text)) {
    return text !== 'true' && text !== 'false' && kestraScalarText(text) === text
  }
  let plain = answers.get(text)
  if (plain === undefined) {
    plain = readsAsString(text)
    if (answers.size >= MAX_ANSWERS) answers.clear()
    answers.set(text, plain)
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
