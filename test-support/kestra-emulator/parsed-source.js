// @ts-check
// One request reads the same flow text several times (validate, then store, then answer with the
// flow): the documents of the latest texts are kept, so that each is parsed once. A document is
// shared by every reader of its text: none of them changes it.
import { load } from 'js-yaml'

const KEPT = 256

/** @type {Map<string, unknown>} */
const documents = new Map()

/**
 * `load(source)` of js-yaml, the same document for the same text while it is among the latest.
 * A text that does not parse throws each time.
 * @param {string} source
 * @returns {unknown}
 */
export function parsedSource(source) {
  if (documents.has(source)) return documents.get(source)
  const document = load(source)
  if (documents.size >= KEPT) documents.delete(documents.keys().next().value ?? '')
  documents.set(source, document)
  return document
}
