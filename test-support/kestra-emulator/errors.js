// @ts-check
// Error bodies in the two shapes Kestra has used (§10): Micronaut JsonError up to 2.0, RFC 9457
// problem+json from 2.1. Handlers throw ApiError; index.js renders it for the emulated version.
import { sendJson } from './respond.js'

const PROBLEM_BASE = 'https://kestra.io/docs/api-reference/problems/'

// Titles from the problem catalog (docs api-reference/problems).
/** @type {Record<string, string>} */
const PROBLEM_TITLES = {
  'bad-request': 'Bad request',
  'invalid-query-filters': 'Invalid query filters',
  'invalid-argument': 'Invalid argument',
  'validation-failed': 'Validation failed',
  'invalid-entity': 'Invalid entity',
  unauthenticated: 'Authentication required',
  'not-found': 'Resource not found',
  conflict: 'Conflict',
  'entity-already-exists': 'Entity already exists',
  'unsupported-media-type': 'Unsupported media type',
  'internal-error': 'Internal server error'
}

/** @type {Record<number, string>} */
const DEFAULT_PROBLEM_TYPE = {
  400: 'bad-request',
  401: 'unauthenticated',
  404: 'not-found',
  409: 'conflict',
  415: 'unsupported-media-type',
  422: 'invalid-entity',
  500: 'internal-error'
}

/** @typedef {{ message: string, path: string }} FieldError */

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} reason JsonError prefix (Micronaut reason, e.g. `Invalid entity`)
   * @param {string} [detail] the exception message appended after `reason: `
   * @param {{ errors?: FieldError[], problemType?: string, problemDetail?: string }} [options]
   */
  constructor(status, reason, detail, options = {}) {
    super(detail ? `${reason}: ${detail}` : reason)
    this.status = status
    this.reason = reason
    this.detail = detail
    this.errors = options.errors ?? []
    this.problemType = options.problemType ?? DEFAULT_PROBLEM_TYPE[status] ?? 'bad-request'
    this.problemDetail = options.problemDetail
  }
}

/**
 * Micronaut's 404 for a missing route or a controller returning null: message `Not Found`.
 * @param {string} [problemDetail] the occurrence-specific detail of the problem+json form
 */
export function notFound(problemDetail) {
  return new ApiError(404, 'Not Found', undefined, { problemDetail })
}

/**
 * @param {string} namespace
 * @param {string} id
 */
export function flowNotFound(namespace, id) {
  return notFound(`Flow '${id}' not found in namespace '${namespace}'.`)
}

/**
 * A ConstraintViolationException rendered the way ErrorController does (422 `Invalid entity: ...`).
 * @param {FieldError[]} violations
 * @param {string} [message] the exception message when it is not the joined violations
 * @param {string} [problemType] `invalid-entity` for deserialization failures
 */
export function invalidEntity(
  violations,
  message = joinViolations(violations),
  problemType = 'validation-failed'
) {
  return new ApiError(422, 'Invalid entity', message, { errors: violations, problemType })
}

/**
 * `path: message, path: message`, as jakarta's ConstraintViolationException builds its message.
 * @param {FieldError[]} violations
 */
export function joinViolations(violations) {
  return violations.map(v => (v.path ? `${v.path}: ${v.message}` : v.message)).join(', ')
}

/**
 * `tasks[0].id` → `/tasks/0/id` for the problem+json `pointer`.
 * @param {string} path
 */
function pointerOf(path) {
  return (
    '/' +
    path
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .join('/')
  )
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {ApiError} error
 * @param {{ path: string, query: string }} request
 * @param {boolean} problemJson
 */
export function sendError(res, error, request, problemJson) {
  if (problemJson) {
    /** @type {Record<string, unknown>} */
    const body = {
      type: PROBLEM_BASE + error.problemType,
      title: PROBLEM_TITLES[error.problemType] ?? error.reason,
      status: error.status,
      detail: error.problemDetail ?? error.detail ?? error.reason,
      instance: request.path
    }
    if (error.errors.length > 0) {
      body.errors = error.errors.map(e => ({
        detail: e.message,
        ...(e.path ? { pointer: pointerOf(e.path), path: e.path } : {})
      }))
    }
    sendJson(res, error.status, body, 'application/problem+json')
    return
  }
  const href = request.query ? `${request.path}?${request.query}` : request.path
  /** @type {Record<string, unknown>} */
  const body = { message: error.message, _links: { self: { href, templated: false } } }
  if (error.errors.length > 0) body._embedded = { errors: error.errors }
  sendJson(res, error.status, body)
}
