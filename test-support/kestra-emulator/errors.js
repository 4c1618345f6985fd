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

/**
 * A violation; `subject` is the id of the task or input it is about, which the message shows in
 * place of its `tasks[N]`/`inputs[N]` (KestraConstraintViolationException).
 * @typedef {{ message: string, path: string, subject?: string }} FieldError
 */

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
 * Micronaut's answer to a request without its required body: 422 `Invalid route params`.
 * @param {string} name the controller's body parameter (`flow`, `flows`)
 */
export function missingBody(name) {
  return new ApiError(422, 'Invalid route params', `Required Body [${name}] not specified`, {
    problemType: 'invalid-argument'
  })
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
 * KestraConstraintViolationException's message: one `path: message` line per violation, each
 * ended by a newline (an empty path gives `: Invalid Flow: …`).
 * @param {FieldError[]} violations
 */
export function modelViolationMessage(violations) {
  return violations
    .map(v => {
      const path =
        v.subject === undefined ? v.path : v.path.replace(/(?:tasks|inputs)\[\d+\]/g, v.subject)
      return `${path}: ${v.message}\n`
    })
    .join('')
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
  sendJson(res, error.status, jsonError(error, request))
}

/**
 * Micronaut 4's JsonError, every field written as the servers checked (0.20.7, 1.0.3, 1.3.0) do:
 * `logref`/`path` null, a `self` link with its null attributes, `_embedded` always present.
 * @param {ApiError} error
 * @param {{ path: string, query: string }} request
 */
function jsonError(error, request) {
  const href = request.query ? `${request.path}?${request.query}` : request.path
  const self = {
    href,
    templated: false,
    profile: null,
    deprecation: null,
    title: null,
    hreflang: null,
    type: null,
    name: null
  }
  const errors = error.errors.map(e => ({
    message: e.message,
    logref: null,
    path: e.path,
    _links: {},
    _embedded: {}
  }))
  return {
    message: error.message,
    logref: null,
    path: null,
    _links: { self },
    _embedded: errors.length > 0 ? { errors } : {}
  }
}
