// @ts-check
// The emulator's request log, counted by method and route (`PUT flows/{namespace}/{id}`), so that
// thousands of per-flow calls read as one line.

const FIXED_FLOW_ROUTES = new Set(['search', 'export/by-query', 'validate', 'import', 'bulk'])

/**
 * `GET /api/v1/main/flows/a.b/x` -> `GET flows/{namespace}/{id}`.
 * @param {{ method: string, path: string }} request
 */
export function routeOf({ method, path }) {
  const match = /^\/api\/v1\/(?:[^/]+\/)?flows(?:\/(.*))?$/.exec(path)
  if (!match) return `${method} ${path.replace(/^\/api\/v1\//, '')}`
  const rest = match[1] ?? ''
  if (rest === '' || FIXED_FLOW_ROUTES.has(rest)) return `${method} flows${rest ? `/${rest}` : ''}`
  const segments = rest.split('/').length
  const shape = ['flows/{namespace}', 'flows/{namespace}/{id}'][segments - 1] ?? `flows/${rest}`
  return `${method} ${shape}`
}

/**
 * @param {ReadonlyArray<{ method: string, path: string }>} requests
 * @returns {{ total: number, byRoute: Record<string, number> }}
 */
export function countRequests(requests) {
  /** @type {Record<string, number>} */
  const byRoute = {}
  for (const request of requests) {
    const route = routeOf(request)
    byRoute[route] = (byRoute[route] ?? 0) + 1
  }
  return { total: requests.length, byRoute }
}
