// @ts-check
// Read routes: search, list a namespace, one flow, its revisions, ZIP export (§4, §5).
import { flowNotFound } from './errors.js'
import { exportZip } from './export-zip.js'
import { flowJson } from './flow-json.js'
import { booleanParam } from './request.js'
import { sendFile, sendJson } from './respond.js'
import { applyFilters, applySort, parseFilters, parsePaging } from './search.js'

/** @typedef {import('./request.js').ApiRequest} ApiRequest */

/**
 * `GET flows/search` → `{results: [Flow], total}`, latest non-deleted revisions only.
 * @param {ApiRequest} r
 */
export function searchFlows(r) {
  const { page, size } = parsePaging(r.params)
  const matching = applySort(
    applyFilters(r.store.list(r.tenant), parseFilters(r.params, r.profile)),
    r.params
  )
  const results = matching
    .slice((page - 1) * size, page * size)
    .map(flow => flowJson(flow, r.profile))
  sendJson(r.res, 200, { results, total: matching.length })
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
 * `GET flows/{namespace}/{id}/revisions` → FlowWithSource of each non-deleted revision.
 * @param {ApiRequest} r
 */
export function listRevisions(r) {
  const revisions = r.store.revisions(r.tenant, r.namespace, r.id).filter(flow => !flow.deleted)
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
  const flows = applyFilters(r.store.list(r.tenant), parseFilters(r.params, r.profile))
  sendFile(r.res, exportZip(flows, r.profile), 'flows.zip')
}
