// @ts-check
// Write routes: create, update, delete (§6, §8, §9).
import { ApiError, flowNotFound, invalidEntity, missingBody } from './errors.js'
import { flowJson } from './flow-json.js'
import { booleanParam, requireYaml } from './request.js'
import { sendEmpty, sendJson } from './respond.js'
import { sourceWithoutRevision } from './source-text.js'
import { subflowViolation } from './subflows.js'
import { validateFlowSource } from './validate.js'

/**
 * @typedef {import('./request.js').ApiRequest} ApiRequest
 * @typedef {import('./validate.js').ParsedFlow} ParsedFlow
 * @typedef {import('./validate.js').Violation} Violation
 * @typedef {import('./store.js').StoredFlow} StoredFlow
 */

/**
 * Body → valid flow, or the 422 the ErrorController renders for a ConstraintViolationException.
 * @param {ApiRequest} r
 * @param {(parsed: ParsedFlow) => Violation | undefined} [afterParse] a check the route runs between
 *   parsing and the model validation
 * @returns {ParsedFlow & { id: string, namespace: string }}
 */
function validBody(r, afterParse) {
  requireYaml(r)
  if (r.body === '' && !r.profile.problemJson) throw missingBody('flow')
  if (r.body.trim() === '') {
    throw new ApiError(422, 'Illegal argument', 'Cannot create flow with null or blank source', {
      problemType: 'invalid-argument'
    })
  }
  const { flow, violation } = validateFlowSource(r.body, r.profile, 'write')
  if (violation?.parse) throw invalidEntity(violation.errors, violation.message, 'invalid-entity')
  // Past the parse failures there is a parsed flow.
  const parsed = /** @type {ParsedFlow} */ (flow)
  const cast = parsed.namespaceClass
  if (cast && cast !== 'String') {
    const java = cast === 'BigInteger' ? 'java.math.BigInteger' : `java.lang.${cast}`
    throw new ApiError(
      500,
      'Internal server error',
      `class ${java} cannot be cast to class java.lang.String (${java} and java.lang.String are in module java.base of loader 'bootstrap')`
    )
  }
  // 1.0's FlowValidator looks a null id up in an immutable list, which throws.
  if (parsed.id === undefined && r.profile.nullIdCrash) {
    throw new ApiError(
      500,
      'Internal server error',
      'HV000028: Unexpected exception during isValid call.'
    )
  }
  const early = afterParse?.(parsed)
  if (early) throw invalidEntity(early.errors, early.message)
  if (violation) throw invalidEntity(violation.errors, violation.message)
  // No violation implies a parsed flow with a valid id and namespace.
  return /** @type {ParsedFlow & { id: string, namespace: string }} */ (flow)
}

/**
 * `draft` is a 2.0 query parameter; earlier versions ignore it.
 * @param {ApiRequest} r
 */
function draftOf(r) {
  return r.profile.draftParam ? booleanParam(r.params, 'draft') : undefined
}

/**
 * `POST flows` — one flow per body (no splitting); revision 1, or last + 1 after a deletion.
 * No version checks subflows here (FlowController.create never called checkValidSubflows).
 * @param {ApiRequest} r
 */
export function createFlow(r) {
  const flow = validBody(r)
  if (r.store.latest(r.tenant, flow.namespace, flow.id)) {
    if (r.profile.createConflict) {
      throw new ApiError(409, 'Conflict', 'Flow id already exists', {
        problemType: 'entity-already-exists',
        problemDetail: `A flow with id '${flow.id}' already exists in namespace '${flow.namespace}'.`
      })
    }
    throw invalidEntity([{ path: 'flow.id', message: 'Flow id already exists' }])
  }
  const stored = r.store.append(r.tenant, flow, r.body)
  const options = { withSource: true, draft: draftOf(r), written: true, id: flow.answerId }
  sendJson(r.res, 200, flowJson(stored, r.profile, options))
}

/**
 * §8: 1.x FlowInterface.isSameWithSource (same deleted/disabled, same source once the first
 * `revision:` line is removed from both); 0.x FlowWithSource.equals compares the stored source with
 * the incoming one stripped, so a file that itself carries `revision:` never matches there.
 * @param {StoredFlow} latest
 * @param {ParsedFlow} incoming
 * @param {string} source
 * @param {boolean} isSameWithSource
 */
function isUnchanged(latest, incoming, source, isSameWithSource) {
  if (latest.disabled !== incoming.disabled || latest.deleted) return false
  return isSameWithSource
    ? sourceWithoutRevision(latest.source) === sourceWithoutRevision(source)
    : latest.source === sourceWithoutRevision(source)
}

/**
 * `PUT flows/{namespace}/{id}` — 404 when absent or deleted; a no-op keeps the revision.
 * 0.21.0–0.21.4 refuse a call to a missing subflow (subflows.js) between parsing and the model
 * validation, as FlowController.update did; later versions call the check and ignore its result.
 * @param {ApiRequest} r
 */
export function updateFlow(r) {
  const latest = r.store.latest(r.tenant, r.namespace, r.id)
  if (!latest) throw flowNotFound(r.namespace, r.id)
  const flow = validBody(r, parsed => subflowViolation(parsed, r))
  /** @type {import('./errors.js').FieldError[]} */
  const illegal = []
  // The id as YAML 1.1 reads it (0.20.7 too): `id: off` never matches the flow `off` it created.
  if (flow.typedId !== r.id) illegal.push({ path: 'flow.id', message: 'Illegal flow id update' })
  if (flow.namespace !== r.namespace) {
    illegal.push({ path: 'flow.namespace', message: 'Illegal namespace update' })
  }
  if (illegal.length > 0) throw invalidEntity(illegal)
  const unchanged = isUnchanged(latest, flow, r.body, r.profile.sameSourceRule)
  const stored = unchanged ? latest : r.store.append(r.tenant, flow, r.body)
  const options = { withSource: true, draft: draftOf(r), written: !unchanged }
  sendJson(r.res, 200, flowJson(stored, r.profile, options))
}

/**
 * `DELETE flows/{namespace}/{id}` → 204; soft delete (marker revision = last + 1).
 * @param {ApiRequest} r
 */
export function deleteFlow(r) {
  if (!r.store.softDelete(r.tenant, r.namespace, r.id)) {
    throw flowNotFound(r.namespace, r.id)
  }
  sendEmpty(r.res, 204)
}

/**
 * FlowService.importFlow, behind the namespace files' `_flows/` uploads: creates the flow, or
 * writes a revision of the one of that id (a deleted one is brought back). Before 0.23 the flow is
 * validated as a create is; from 0.23 (GenericFlow) only its YAML must read: 1.0.3 and 1.3.0 store
 * a flow with `tasks: []`.
 * @param {Pick<ApiRequest, 'profile' | 'store' | 'tenant'>} r
 * @param {string} source
 */
export function importFlow(r, source) {
  const { flow, violation } = validateFlowSource(source, r.profile)
  if (
    violation &&
    (violation.parse || !r.profile.genericFlowParsing || !flow?.id || !flow.namespace)
  ) {
    throw invalidEntity(
      violation.errors,
      violation.message,
      violation.parse ? 'invalid-entity' : undefined
    )
  }
  const parsed = /** @type {ParsedFlow & { id: string, namespace: string }} */ (flow)
  const latest = r.store.latest(r.tenant, parsed.namespace, parsed.id, { allowDeleted: true })
  if (latest && isUnchanged(latest, parsed, source, r.profile.sameSourceRule)) return latest
  return r.store.append(r.tenant, parsed, source)
}
