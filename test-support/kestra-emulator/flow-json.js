// @ts-check
// JSON views of stored flows: Flow (no source) and FlowWithSource (§5). Parsed fields come from the
// stored YAML; revision/disabled/deleted come from the stored revision, as the server's model does.
import { parsedSource } from './parsed-source.js'
import { sourceWithoutRevision } from './source-text.js'

/**
 * @typedef {import('./store.js').StoredFlow} StoredFlow
 * @typedef {import('./versions.js').VersionProfile} VersionProfile
 */

/** @type {WeakMap<StoredFlow, Record<string, unknown>>} parsed YAML per stored revision */
const parsedCache = new WeakMap()

/**
 * Stored sources always parse to a mapping: writes validate them and `store.seed` checks them.
 * @param {StoredFlow} stored
 */
function parsedDoc(stored) {
  let doc = parsedCache.get(stored)
  if (!doc) {
    doc = /** @type {Record<string, unknown>} */ (parsedSource(stored.source))
    parsedCache.set(stored, doc)
  }
  return doc
}

// Labels given as a map are serialized as a list of {key, value} (ListOrMapOfLabelSerializer).
/** @param {unknown} labels */
function labelList(labels) {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return labels
  return Object.entries(labels).map(([key, value]) => ({ key, value: String(value) }))
}

const MODEL_FIELDS = new Set(['id', 'namespace', 'revision', 'disabled', 'deleted', 'updated'])

/**
 * `written`: the answer of the create or PUT that wrote this revision, which is the flow as parsed
 * from the request; any other answer is the flow read back from the repository, which from 1.0
 * has `triggers: []` when it has none, and from 1.3 its `updated` instant (not on a deleted marker).
 * @param {StoredFlow} stored
 * @param {VersionProfile} profile
 * `id`: the id the written answer shows, when it is not the stored one (yaml11.js).
 * @param {{ withSource?: boolean, draft?: boolean, written?: boolean, id?: string }} [options]
 */
export function flowJson(stored, profile, options = {}) {
  /** @type {Record<string, unknown>} */
  const body = {
    id: options.id ?? stored.id,
    namespace: stored.namespace,
    revision: stored.revision
  }
  const doc = parsedDoc(stored)
  for (const [key, value] of Object.entries(doc)) {
    if (!MODEL_FIELDS.has(key)) body[key] = key === 'labels' ? labelList(value) : value
  }
  body.disabled = stored.disabled
  body.deleted = stored.deleted
  if (!options.written) {
    if (profile.readAnswerTriggers && doc.triggers === undefined) body.triggers = []
    if (profile.readAnswerUpdated && !stored.deleted) body.updated = stored.updated
  }
  if (profile.draftParam) {
    body.draft = options.draft ?? false
    body.updated = stored.updated
  }
  if (options.withSource) {
    body.source = profile.rawSourceOnRead ? stored.source : sourceWithoutRevision(stored.source)
  }
  return body
}
