import { parseJson } from './api-call.js'
import { KestraApiError } from './api-error.js'
import type { HttpResponse } from './http-transport.js'
import { describeServer, type ServerInfo } from './server-version.js'

/** Sends a GET to an absolute API URL; a non-2xx answer is thrown as a KestraApiError. */
export type Get = (url: URL) => Promise<HttpResponse>

/**
 * The server's version and API shape, from `GET /api/v1/configs`. A server without that endpoint
 * (a gateway exposing only the flow API, say) is recognised by its flow search instead, with and
 * then without a tenant in the path; it is then taken for a current version.
 */
export async function detectServer(get: Get, apiRoot: string, tenant: string): Promise<ServerInfo> {
  try {
    const configs = parseJson<unknown>(
      await get(new URL(`${apiRoot}/configs`)),
      'GET /api/v1/configs'
    )
    return describeServer(typeof configs === 'object' && configs !== null ? configs : {})
  } catch (error) {
    if (!(error instanceof KestraApiError) || error.status !== 404) throw error
  }
  for (const tenantInPath of [true, false]) {
    const root = tenantInPath ? `${apiRoot}/${encodeURIComponent(tenant)}` : apiRoot
    try {
      const search = parseJson<unknown>(
        await get(new URL(`${root}/flows/search?size=1`)),
        'GET flows/search'
      )
      const results =
        typeof search === 'object' && search !== null && 'results' in search
          ? search.results
          : undefined
      if (Array.isArray(results)) return { ...describeServer({}), tenantInPath }
    } catch (error) {
      if (!(error instanceof KestraApiError) || error.status !== 404) throw error
    }
  }
  throw new KestraApiError(
    `No Kestra API at ${apiRoot.replace(/\/api\/v1$/, '/')} (GET /api/v1/configs answered 404): check the input 'kestra-url'.`,
    404
  )
}
