import { createRequester, type Requester, type RequesterOptions } from './api-requester.js'
import { detectServer } from './detect-server.js'
import type { ServerInfo } from './server-version.js'

export interface ConnectionOptions extends RequesterOptions {
  /** The server's base URL, without `/api/v1`. */
  kestraUrl: URL
}

/** A server whose version is known, and the requester that asked it. */
export interface ServerConnection {
  requester: Requester
  server: ServerInfo
  /** `<kestra-url>/api/v1`. */
  apiRoot: string
}

/**
 * Asks the server's version: the first request of a run, the paths and query syntax depend on it.
 * Kept apart from the client, which needs YAML and ZIP code, so that the action can send it before
 * the rest of itself is loaded. `abandon` ends it (its request, and any retry) and rejects.
 */
export async function openConnection(
  options: ConnectionOptions,
  abandon?: AbortSignal
): Promise<ServerConnection> {
  const requester = createRequester(options)
  abandon?.addEventListener('abort', () => requester.close(), { once: true })
  const apiRoot = `${options.kestraUrl.href.replace(/\/$/, '')}/api/v1`
  try {
    const server = await detectServer(
      url => requester.request(url, { method: 'GET', path: url.pathname }),
      apiRoot,
      options.tenant
    )
    return { requester, server, apiRoot }
  } catch (error) {
    requester.close()
    throw error
  }
}
