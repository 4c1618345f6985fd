// @ts-check
// Query filters, sorting and paging for `flows/search` and `flows/export/by-query` (§4).
// `filters[field][OP]=value` (≥0.21; ignored before) and the legacy flat `namespace=` (dot-aware
// prefix) and `q=` parameters, which the 1.3 controller still maps.
import { ApiError, invalidEntity } from './errors.js'

/**
 * @typedef {import('./store.js').StoredFlow} StoredFlow
 * @typedef {import('./versions.js').VersionProfile} VersionProfile
 * @typedef {{ field: string, op: string, values: string[] }} QueryFilter
 */

/** @type {Record<string, (actual: string, values: string[]) => boolean>} */
const STRING_OPS = {
  EQUALS: (a, [v]) => a === v,
  NOT_EQUALS: (a, [v]) => a !== v,
  CONTAINS: (a, [v]) => a.includes(v),
  STARTS_WITH: (a, [v]) => a.startsWith(v), // plain string prefix: `prod` matches `prodx`
  ENDS_WITH: (a, [v]) => a.endsWith(v),
  REGEX: (a, [v]) => new RegExp(v).test(a),
  IN: (a, values) => values.includes(a),
  NOT_IN: (a, values) => !values.includes(a)
}

/**
 * @param {(flow: StoredFlow) => string} pick
 * @returns {Record<string, (flow: StoredFlow, values: string[]) => boolean>}
 */
function stringOpsOn(pick) {
  return Object.fromEntries(
    Object.entries(STRING_OPS).map(([op, test]) => [op, (flow, values) => test(pick(flow), values)])
  )
}

/** @type {Record<string, Record<string, (flow: StoredFlow, values: string[]) => boolean>>} */
const FIELDS = {
  namespace: {
    ...stringOpsOn(flow => flow.namespace),
    // SQL `namespace = v OR namespace LIKE 'v.%'`: the namespace itself and its children only.
    PREFIX: (flow, [v]) => flow.namespace === v || flow.namespace.startsWith(`${v}.`)
  },
  flowId: stringOpsOn(flow => flow.id),
  // Full-text query on the flow identity, case-insensitive.
  q: {
    EQUALS: (flow, [v]) => `${flow.namespace} ${flow.id}`.toLowerCase().includes(v.toLowerCase())
  },
  // SYSTEM = flows of the system namespace (`systemNamespace` in /configs).
  scope: {
    EQUALS: (flow, [v]) => (flow.namespace === 'system') === (v.toUpperCase() === 'SYSTEM'),
    NOT_EQUALS: (flow, [v]) => (flow.namespace === 'system') !== (v.toUpperCase() === 'SYSTEM')
  }
}

const FILTER_KEY = /^filters\[([^\]]+)\]\[([^\]]+)\]$/

/**
 * @param {URLSearchParams} params
 * @param {VersionProfile} profile
 * @returns {QueryFilter[]}
 */
export function parseFilters(params, profile) {
  /** @type {QueryFilter[]} */
  const filters = []
  for (const [key, value] of params) {
    const match = FILTER_KEY.exec(key)
    if (match) {
      if (!profile.queryFilters) continue
      const [, field, op] = match
      if (!Object.hasOwn(FIELDS, field) || !Object.hasOwn(FIELDS[field], op)) {
        throw unsupportedFilter(field, op, profile)
      }
      filters.push({
        field,
        op,
        values: op === 'IN' || op === 'NOT_IN' ? value.split(',') : [value]
      })
    } else if (key.startsWith('filters[') && profile.queryFilters) {
      throw new ApiError(400, 'Invalid query filters', `Malformed filter ${key}`, {
        problemType: 'invalid-query-filters'
      })
    } else if ((key === 'namespace' || key === 'q' || key === 'scope') && value !== '') {
      filters.push({ field: key, op: key === 'namespace' ? 'PREFIX' : 'EQUALS', values: [value] })
    }
  }
  return filters
}

/**
 * 0.21 to 2.0: QueryFilter's parsing throws an IllegalArgumentException, a 422 (Java's
 * `No enum constant` for an unknown operation, as 1.0.3 and 1.3.0 answer; the list of fields of
 * an unknown-field message is the emulator's). The newest line answers 400 `invalid-query-filters`.
 * @param {string} field @param {string} op @param {VersionProfile} profile
 */
function unsupportedFilter(field, op, profile) {
  if (!profile.filterOpIllegal) {
    return new ApiError(400, 'Invalid query filters', `Unsupported filter ${field} ${op}`, {
      problemType: 'invalid-query-filters'
    })
  }
  const detail = Object.hasOwn(FIELDS, field)
    ? `No enum constant io.kestra.core.models.QueryFilter.Op.${op}`
    : `Unsupported field '${field}'. Expected one of: [${Object.keys(FIELDS).join(', ')}]`
  return new ApiError(422, 'Illegal argument', detail, { problemType: 'invalid-argument' })
}

/** @param {StoredFlow[]} flows @param {QueryFilter[]} filters */
export function applyFilters(flows, filters) {
  return flows.filter(flow => filters.every(f => FIELDS[f.field][f.op](flow, f.values)))
}

const SORTABLE = /** @type {const} */ (['id', 'namespace', 'revision', 'updated'])

/**
 * Applies `sort=field:asc|desc` parameters (unknown fields are ignored); the stable base order is
 * (namespace, id), as `store.list` returns it.
 * @param {StoredFlow[]} flows
 * @param {URLSearchParams} params
 */
export function applySort(flows, params) {
  const keys = params
    .getAll('sort')
    .map(s => s.split(':'))
    .filter(([field]) => /** @type {readonly string[]} */ (SORTABLE).includes(field))
    .map(([field, dir]) => ({
      field: /** @type {(typeof SORTABLE)[number]} */ (field),
      sign: dir?.toLowerCase() === 'desc' ? -1 : 1
    }))
  return [...flows].sort((a, b) => {
    for (const { field, sign } of keys) {
      if (a[field] !== b[field]) return a[field] < b[field] ? -sign : sign
    }
    return 0
  })
}

/**
 * `page` (1-based, default 1) and `size` (default 10), both @Min(1) in the controller, whose
 * method names the violation (`find` before 0.23, then `searchFlows`).
 * @param {URLSearchParams} params
 * @param {VersionProfile} profile
 */
export function parsePaging(params, profile) {
  /** @param {string} name @param {number} fallback */
  const read = (name, fallback) => {
    const raw = params.get(name)
    if (raw === null || raw === '') return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < 1) {
      throw invalidEntity([
        { path: `${profile.searchMethod}.${name}`, message: 'must be greater than or equal to 1' }
      ])
    }
    return value
  }
  return { page: read('page', 1), size: read('size', 10) }
}
