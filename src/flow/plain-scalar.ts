import { load } from 'js-yaml'
import { kestraScalarText } from './yaml11.js'

/**
 * Answers of `readsAsString`, by text. Asked for each flow, of the few namespaces of a run; a
 * YAML parse each time would cost more than the rest of the rewrite. The answers depend on the
 * text alone, so what is kept never changes a result; beyond the bound it starts again.
 */
const answers = new Map<string, boolean>()
const MAX_ANSWERS = 1000

/** Whether `text`, written plain (unquoted), reads back as that very string in YAML. */
export function readsAsPlainString(text: string): boolean {
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
