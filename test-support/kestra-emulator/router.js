// @ts-check
// Path → handler, for `flows/…` and `namespaces/{namespace}/files…` (namespace-files.js). Fixed
// routes are listed before `{namespace}`/`{id}` ones so that, as in Micronaut, `flows/search` or
// `flows/export/by-query` win over a namespace or flow of that name.
// Bulk and namespace-update routes (`POST flows/bulk`, `POST flows/{namespace}`) are deliberately
// absent: they answer 404, and tests assert through `emu.requests` that the action never calls them.
import { sendConfigs, sendLoginConfigs } from './configs.js'
import { ApiError, notFound } from './errors.js'
import { exportByQuery, getFlow, listNamespace, listRevisions, searchFlows } from './flows-read.js'
import { validateFlows } from './flows-validate.js'
import { createFlow, deleteFlow, updateFlow } from './flows-write.js'
import { NAMESPACE_FILE_ROUTES } from './namespace-files.js'

/**
 * @typedef {import('./request.js').RequestContext} RequestContext
 * @typedef {import('./request.js').ApiRequest} ApiRequest
 * @typedef {object} ServerState
 * @property {import('./versions.js').VersionProfile} profile
 * @property {import('./store.js').FlowStore} store
 * @property {import('./namespace-files-store.js').NamespaceFiles} files
 * @property {string[]} tenants  EE: the tenants that exist
 * @property {string} uuid
 * @property {string} baseUrl
 * @property {boolean} authConfigured  whether the server has credentials configured
 */

const API_PREFIX = '/api/v1/'

/** @type {Array<[string, string[], (r: ApiRequest) => void, string?]>} method, path under flows/, handler, produces (default JSON) */
const FLOW_ROUTES = [
  ['POST', [], createFlow],
  ['GET', ['search'], searchFlows],
  // `produces = APPLICATION_OCTET_STREAM` in FlowController: a client accepting only JSON does not
  // reach it (Micronaut drops routes whose produced type the Accept header refuses), and falls
  // through to GET flows/{namespace}/{id} with namespace `export`: a 404.
  ['GET', ['export', 'by-query'], exportByQuery, 'application/octet-stream'],
  ['POST', ['validate'], validateFlows],
  ['GET', [':namespace'], listNamespace],
  ['GET', [':namespace', ':id'], getFlow],
  ['PUT', [':namespace', ':id'], updateFlow],
  ['DELETE', [':namespace', ':id'], deleteFlow],
  ['GET', [':namespace', ':id', 'revisions'], listRevisions]
]

/**
 * Whether an Accept header takes a media type (absent or wildcards take anything).
 * @param {string | undefined} accept
 * @param {string} type
 */
function accepts(accept, type) {
  if (!accept) return true
  const [family] = type.split('/')
  return accept
    .split(',')
    .map(part => (part.split(';')[0] ?? '').trim().toLowerCase())
    .some(range => range === '*/*' || range === type || range === `${family}/*`)
}

/**
 * @param {string} method
 * @param {string[]} rest path segments after `flows`
 * @param {string | undefined} accept the request's Accept header
 */
function matchFlowRoute(method, rest, accept) {
  for (const [routeMethod, pattern, handler, produces = 'application/json'] of FLOW_ROUTES) {
    if (routeMethod !== method || pattern.length !== rest.length) continue
    if (!accepts(accept, produces)) continue
    /** @type {Record<string, string>} */
    const vars = {}
    const matches = pattern.every((part, i) => {
      if (part.startsWith(':')) vars[part.slice(1)] = rest[i]
      return part.startsWith(':') ? rest[i] !== '' : part === rest[i]
    })
    if (matches) return { handler, namespace: vars.namespace ?? '', id: vars.id ?? '' }
  }
  return undefined
}

/**
 * §2: ≥0.23 serves `/api/v1/{tenant}/<controller>/...` and aliases tenant-less paths to `main`;
 * before 0.23 only tenant-less paths exist (`/api/v1/main/flows` is no route).
 * @param {string[]} segments path segments after /api/v1/
 * @param {ServerState} server
 * @returns {{ tenant: string, controller: string, rest: string[] } | undefined}
 */
function resolveTenant(segments, server) {
  const controllers = ['flows', 'namespaces']
  if (controllers.includes(segments[0] ?? '')) {
    return { tenant: 'main', controller: segments[0] ?? '', rest: segments.slice(1) }
  }
  if (server.profile.tenantInPath && controllers.includes(segments[1] ?? '')) {
    return { tenant: segments[0] ?? '', controller: segments[1] ?? '', rest: segments.slice(2) }
  }
  return undefined
}

/**
 * `namespaces/{namespace}/files...`: the route and its namespace.
 * @param {string} method
 * @param {string[]} rest path segments after `namespaces`
 * @param {string | undefined} accept
 */
function matchNamespaceRoute(method, rest, accept) {
  const [namespace, ...under] = rest
  if (!namespace) return undefined
  for (const [
    routeMethod,
    pattern,
    handler,
    produces = 'application/json'
  ] of NAMESPACE_FILE_ROUTES) {
    if (routeMethod !== method || pattern.join('/') !== under.join('/')) continue
    if (accepts(accept, produces)) return { handler, namespace }
  }
  return undefined
}

/**
 * OSS: TenantValidationFilter → 400 for any tenant but `main`. EE: an unknown tenant is 404 (as the
 * tenant-aware filter of the newest line answers `Tenant not found`).
 * @param {string} tenant
 * @param {ServerState} server
 */
function checkTenant(tenant, server) {
  if (server.profile.edition === 'OSS') {
    if (tenant !== 'main') {
      throw new ApiError(400, 'Bad Request', "Tenant must be 'main' for OSS version")
    }
  } else if (!server.tenants.includes(tenant)) {
    throw notFound(`Tenant not found: '${tenant}'`)
  }
}

/** @param {string} segment */
function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new ApiError(400, 'Bad Request', `Malformed path segment ${segment}`)
  }
}

/**
 * @param {RequestContext} ctx
 * @param {ServerState} server
 */
export function route(ctx, server) {
  if (!ctx.path.startsWith(API_PREFIX)) throw notFound()
  const segments = ctx.path.slice(API_PREFIX.length).split('/').map(decodeSegment)
  // Before 0.23 the route is `{/tenant}/configs`: any one segment before it is taken.
  const configs =
    segments.join('/') === 'configs' ||
    (server.profile.configsAnyTenant && segments.length === 2 && segments[1] === 'configs')
  if (ctx.method === 'GET' && configs) {
    sendConfigs(ctx, server)
    return
  }
  if (
    ctx.method === 'GET' &&
    segments.join('/') === 'configs/login' &&
    server.profile.configsNeedAuth
  ) {
    sendLoginConfigs(ctx, server.authConfigured)
    return
  }
  const resolved = resolveTenant(segments, server)
  if (resolved?.controller === 'namespaces') {
    const files = matchNamespaceRoute(ctx.method, resolved.rest, ctx.req.headers.accept)
    if (!files) throw notFound()
    checkTenant(resolved.tenant, server)
    const { tenant } = resolved
    files.handler({
      ...ctx,
      profile: server.profile,
      store: server.store,
      tenant,
      namespace: files.namespace,
      files: server.files.of(tenant, files.namespace),
      childrenElsewhere: parentPath =>
        server.files.childrenElsewhere(tenant, files.namespace, parentPath)
    })
    return
  }
  const match = resolved && matchFlowRoute(ctx.method, resolved.rest, ctx.req.headers.accept)
  if (!resolved || !match) throw notFound()
  checkTenant(resolved.tenant, server)
  match.handler({
    ...ctx,
    profile: server.profile,
    store: server.store,
    tenant: resolved.tenant,
    namespace: match.namespace,
    id: match.id
  })
}
