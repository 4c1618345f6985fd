// @ts-check
// One request reads the same flow text several times (validate, then store, then answer with the
// flow): what is read of the latest texts is kept, so that each is read once. A result is shared
// by every reader of its text: none of them changes it.
import { load } from 'js-yaml'

const KEPT = 256

/**
 * `read`, answering for the same text with the same result while the text is among the latest.
 * A text it throws on throws each time.
 * @template T
 * @param {(source: string) => T} read
 * @returns {(source: string) => T}
 */
export function keptPerText(read) {
  /** @type {Map<string, T>} */
  const results = new Map()
  return source => {
    if (results.has(source)) return /** @type {T} */ (results.get(source))
    const result = read(source)
    if (results.size >= KEPT) results.delete(results.keys().next().value ?? '')
    results.set(source, result)
    return result
  }
}

/** `load(source)` of js-yaml, parsed once while the text is among the latest. */
export const parsedSource = keptPerText(source => load(source))
