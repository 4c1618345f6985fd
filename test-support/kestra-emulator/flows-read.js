// @ts-check
// Read routes: search, list a namespace, one flow, its revisions, ZIP export (§4, §5).
import { flowNotFound } from './errors.js'
import { exportZip } from './export-zip.js'
import { flowJson } from './flow-json.js'
import { booleanParam } from './request.js'
import { sendFile, sendJson, sendJsonText } from './respond.js'
import { applyFilters, applySort, parseFilters, parsePaging } from './search.js'

/** @typedef {import('./request.js').ApiRequest} ApiRequest */

/**
 * The last answer of each scope-wide read (search, export) per query, kept until the next write:
 * rebuilding a body of 10,000 flows for every request would make a benchmark time the emulator.
 * @type {WeakMap<import('./store.js').FlowStore, Map<string, { generation: number, body: Uint8Array | string }>>}
 */
const answers = new WeakMap()

/**
 * @template {Uint8Array | string} T
 * @param {ApiRequest} r
 * @param {string} route
 * @param {() => T} compute
 * @returns {T}
 */
function remembered(r, route, compute) {
  let byQuery = answers.get(r.store)
  if (!byQuery) answers.set(r.store, (byQuery = new Map()))
  const key = `${route} ${r.tenant} ${r.query}`
  const known = byQuery.get(key)
  if (known?.generation === r.store.generation) return /** @type {T} */ (known.body)
  const body = compute()
  byQuery.set(key, { generation: r.store.generation, body })
  return body
}

/**
 * `GET flows/search` → `{results: [Flow], total}`, latest non-deleted revisions only.
 * @param {ApiRequest} r
 */
export function searchFlows(r) {
  const { page, size } = parsePaging(r.params, r.profile)
  const filters = parseFilters(r.params, r.profile)
  const body = remembered(r, 'search', () => {
    const matching = applySort(applyFilters(r.store.list(r.tenant), filters), r.params)
    const results = matching
      .slice((page - 1) * size, page * size)
      .map(flow => flowJson(flow, r.profile))
    return JSON.stringify({ results, total: matching.length })
  })
  sendJsonText(r.res, 200, body)
}

/**
 * `GET flows/{namespace}` → array of Flow of exactly that namespace (no children, unpaged).
 * @param {ApiRequest} r
 */
export function listNamespace(r) {
  const flows = r.store.list(r.tenant).filter(flow => flow.namespace === r.namespace)
  sendJson(
    r.res,
    200,
    flows.map(flow => flowJson(flow, r.profile))
  )
}

/**
 * `GET flows/{namespace}/{id}?source=&revision=&allowDeleted=`
 * @param {ApiRequest} r
 */
export function getFlow(r) {
  const allowDeleted = booleanParam(r.params, 'allowDeleted')
  const revision = r.params.get('revision')
  const flow = revision
    ? r.store.revisions(r.tenant, r.namespace, r.id).find(f => f.revision === Number(revision))
    : r.store.latest(r.tenant, r.namespace, r.id, { allowDeleted })
  if (!flow || (flow.deleted && !allowDeleted)) throw flowNotFound(r.namespace, r.id)
  sendJson(r.res, 200, flowJson(flow, r.profile, { withSource: booleanParam(r.params, 'source') }))
}

/**
 * `GET flows/{namespace}/{id}/revisions` → FlowWithSource of each revision. Deleted markers are
 * listed before 1.2 (0.20.7, 1.0.3); from 1.2 only with `allowDelete=true` (1.3.0).
 * @param {ApiRequest} r
 */
export function listRevisions(r) {
  const withDeleted = !r.profile.revisionsAllowDelete || booleanParam(r.params, 'allowDelete')
  const revisions = r.store
    .revisions(r.tenant, r.namespace, r.id)
    .filter(flow => withDeleted || !flow.deleted)
  sendJson(
    r.res,
    200,
    revisions.map(flow => flowJson(flow, r.profile, { withSource: true }))
  )
}

/**
 * `GET flows/export/by-query` → ZIP of the matching flows; no filter = the whole tenant.
 * @param {ApiRequest} r
 */
export function exportByQuery(r) {
  const filters = parseFilters(r.params, r.profile)
  const zip = remembered(r, 'export', () =>
    exportZip(applyFilters(r.store.list(r.tenant), filters), r.profile)
  )
  sendFile(r.res, zip, 'flows.zip')
}
