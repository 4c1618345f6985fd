// @ts-check
// The per-request context handed to interceptors and handlers, and small request helpers.
import { ApiError } from './errors.js'

/**
 * @typedef {object} RequestContext
 * @property {import('node:http').IncomingMessage} req
 * @property {import('node:http').ServerResponse} res
 * @property {string} method
 * @property {string} path         raw pathname as received
 * @property {string} query        raw query string, without `?`
 * @property {URLSearchParams} params  decoded query parameters
 * @property {string} body         request body as UTF-8 text
 * @property {Buffer} bytes        request body as received
 *
 * @typedef {object} RouteInfo what the router resolved for an API route
 * @property {import('./versions.js').VersionProfile} profile
 * @property {import('./store.js').FlowStore} store
 * @property {string} tenant
 * @property {string} namespace  `{namespace}` path variable ('' when the route has none)
 * @property {string} id         `{id}` path variable ('' when the route has none)
 *
 * @typedef {RequestContext & RouteInfo} ApiRequest
 */

/**
 * Kestra's write/validate routes consume `application/x-yaml` only; anything else (JSON included) is
 * refused with 415 rather than being read as YAML.
 * @param {RequestContext} ctx
 */
export function requireYaml(ctx) {
  const contentType = ctx.req.headers['content-type'] ?? ''
  if (contentType.split(';')[0].trim().toLowerCase() === 'application/x-yaml') return
  throw new ApiError(
    415,
    'Unsupported Media Type',
    `Content Type [${contentType}] not allowed. Allowed types: [application/x-yaml]`
  )
}

/**
 * Micronaut boolean query value: only `true` (any case) is true.
 * @param {URLSearchParams} params
 * @param {string} name
 */
export function booleanParam(params, name) {
  return params.get(name)?.toLowerCase() === 'true'
}
