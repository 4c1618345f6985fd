import type { FlowKey } from '../flow/flow-key.js'
import { basicAuthToken, type Credentials } from '../settings.js'
import { KestraApiError, serverErrorMessage } from './api-error.js'
import { flowPath, type ApiCall, type Send } from './api-call.js'
import { createTransport, TransportError, type HttpResponse } from './http-transport.js'
import { detectServer } from './detect-server.js'
import type { ServerInfo } from './server-version.js'
import { listFlowsWithSources, type NamespaceScope, type ServerFlow } from './list-flows.js'
import { validateInBatches, type FlowValidation } from './validate-flows.js'

/** What the server tells of a flow it stored. */
export interface SavedFlow {
  revision?: number
}

/** The Kestra REST API as the sync uses it; one instance talks to one server and tenant. */
export interface KestraClient {
  readonly server: ServerInfo
  /** Latest non-deleted flows of the scope, with their stored sources. */
  listFlows(scope: NamespaceScope): Promise<ServerFlow[]>
  /** Server-side validation of each source, in the same order; never writes. */
  validateFlows(sources: string[]): Promise<FlowValidation[]>
  createFlow(source: string): Promise<SavedFlow>
  updateFlow(key: FlowKey, source: string): Promise<SavedFlow>
  deleteFlow(key: FlowKey): Promise<void>
  close(): void
}

export interface ClientOptions {
  kestraUrl: URL
  credentials: Credentials
  tenant: string
  timeoutMs: number
  /** Requests in flight at once, for reads of many flows, validations and writes. */
  concurrency: number
}

/** Reads the server's version first: the paths and query syntax depend on it. */
export async function connectKestra(options: ClientOptions): Promise<KestraClient> {
  const transport = createTransport({
    timeoutMs: options.timeoutMs,
    maxSockets: options.concurrency
  })
  const authorization = authorizationHeader(options.credentials)
  const apiRoot = `${options.kestraUrl.href.replace(/\/$/, '')}/api/v1`

  const request = async (url: URL, call: ApiCall): Promise<HttpResponse> => {
    const describe = `${call.method} ${url.pathname}`
    let response: HttpResponse
    try {
      response = await transport.send({
        method: call.method,
        url,
        headers: {
          Accept: call.accept ?? 'application/json',
          ...authorization,
          ...(call.yaml === undefined ? {} : { 'Content-Type': 'application/x-yaml' })
        },
        body: call.yaml
      })
    } catch (error) {
      if (error instanceof TransportError) throw unanswered(error, url, describe, call.method)
      throw error
    }
    if (response.status >= 200 && response.status < 300) {
      return response
    }
    const serverMessage = serverErrorMessage(response.body, response.headers['content-type'])
    const advice =
      response.status >= 300 && response.status < 400
        ? redirectHint(response.headers.location)
        : hint(response.status, serverMessage, options)
    throw new KestraApiError(
      `Kestra answered ${response.status} to ${describe}${serverMessage ? `: ${serverMessage}` : ''}. ${advice}`.trim(),
      response.status
    )
  }

  let server: ServerInfo
  try {
    server = await detectServer(
      url => request(url, { method: 'GET', path: url.pathname }),
      apiRoot,
      options.tenant
    )
  } catch (error) {
    transport.close()
    throw error
  }

  const base = server.tenantInPath ? `${apiRoot}/${encodeURIComponent(options.tenant)}` : apiRoot
  const send: Send = call => {
    const url = new URL(`${base}${call.path}`)
    if (call.query) url.search = call.query.toString()
    return request(url, call)
  }

  // A synced flow is live, never left as a draft.
  const publish = (): URLSearchParams | undefined =>
    server.flowDrafts ? new URLSearchParams({ draft: 'false' }) : undefined

  return {
    server,
    listFlows: scope => listFlowsWithSources(send, server, scope, options.concurrency),
    validateFlows: sources => validateInBatches(send, sources, options.concurrency),
    createFlow: async source =>
      savedFlow(await send({ method: 'POST', path: '/flows', query: publish(), yaml: source })),
    updateFlow: async (key, source) =>
      savedFlow(await send({ method: 'PUT', path: flowPath(key), query: publish(), yaml: source })),
    deleteFlow: async key => {
      await send({ method: 'DELETE', path: flowPath(key) })
    },
    close: () => transport.close()
  }
}

/** The revision the server gave the flow; a write that answered 2xx succeeded even if the body is odd. */
function savedFlow(response: HttpResponse): SavedFlow {
  try {
    const body = JSON.parse(response.body.toString('utf8')) as { revision?: unknown }
    return typeof body.revision === 'number' ? { revision: body.revision } : {}
  } catch {
    return {}
  }
}

function authorizationHeader(credentials: Credentials): Record<string, string> {
  switch (credentials.kind) {
    case 'basic':
      return { Authorization: `Basic ${basicAuthToken(credentials)}` }
    case 'bearer':
      return { Authorization: `Bearer ${credentials.token}` }
    case 'none':
      return {}
  }
}

/**
 * A request without an answer. A write may still have been applied (the answer was lost, not the
 * request), and the user must know it: a new run compares again and finishes the job.
 */
function unanswered(
  error: TransportError,
  url: URL,
  describe: string,
  method: string
): KestraApiError {
  const isRead = method === 'GET' || url.pathname.endsWith('/flows/validate')
  if (isRead || error.neverSent) {
    return new KestraApiError(
      `Could not reach Kestra at ${url.origin} (${describe}): ${error.message}.`,
      0
    )
  }
  return new KestraApiError(
    `No answer from Kestra to ${describe} (${error.message}): the write may or may not have been applied; a new run compares again and finishes the sync.`,
    0
  )
}

/**
 * Writes are not replayed across a redirect, so the user is told where the server is: the API at
 * another address (http to https, say) can be used as is; anything else (a login page) cannot.
 */
function redirectHint(location: string | undefined): string {
  const api = location?.match(/^(https?:\/\/[^?#]*?)\/api\/v1(\/|$)/)
  if (api) return `It redirects to ${api[1]}: use that address as 'kestra-url'.`
  return `It redirects${location ? ` to ${location}` : ''}: check the input 'kestra-url'.`
}

/** What to check, for the statuses a user can fix. */
function hint(status: number, serverMessage: string | undefined, options: ClientOptions): string {
  switch (status) {
    case 401:
      return options.credentials.kind === 'none'
        ? "The server requires authentication: set 'username' and 'password', or 'api-token'."
        : options.credentials.kind === 'basic'
          ? "Check 'username' and 'password' (Kestra 0.24+ wants the email and password of a user)."
          : "Check 'api-token': it may be wrong, expired or revoked."
    case 403:
      return "The credentials are valid but not allowed to do this: check the user's or token's permissions on the tenant and namespace."
    case 400:
    case 404:
      return /tenant/i.test(serverMessage ?? '')
        ? `Check the input 'tenant' (now '${options.tenant}'; Kestra OSS only has 'main').`
        : ''
    default:
      return ''
  }
}
