import type { FlowKey } from '../flow/flow-key.js'
import { basicAuthToken, type Credentials } from '../settings.js'
import { KestraApiError, serverErrorMessage } from './api-error.js'
import { flowPath, type ApiCall, type Send } from './api-call.js'
import { setTimeout as sleep } from 'node:timers/promises'
import { normalizeSource } from '../flow/normalize-source.js'
import { createTransport, TransportError, type HttpResponse } from './http-transport.js'
import { detectServer } from './detect-server.js'
import type { ServerInfo } from './server-version.js'
import {
  listFlowRevisions,
  listFlowsWithSources,
  readFlow,
  type FlowRevision,
  type NamespaceScope,
  type ServerFlow,
  type StoredFlow
} from './list-flows.js'
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  retryAfterMs,
  type RetryPolicy
} from './retry-policy.js'
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
  /** The same flows' revisions only: one request, to see what changed since `listFlows`. */
  listRevisions(scope: NamespaceScope): Promise<FlowRevision[]>
  /** Server-side validation of each source, in the same order; never writes. */
  validateFlows(sources: string[]): Promise<FlowValidation[]>
  /** Creates the flow `key` of `source`; a retry never makes a second revision. */
  createFlow(key: FlowKey, source: string): Promise<SavedFlow>
  updateFlow(key: FlowKey, source: string): Promise<SavedFlow>
  deleteFlow(key: FlowKey): Promise<void>
  close(): void
}

export interface ClientOptions {
  kestraUrl: URL
  credentials: Credentials
  tenant: string
  timeoutMs: number
  /** Requests in flight at once, for reads of many flows and for writes. */
  concurrency: number
  /** How failures that may pass are retried; the default policy unless given (tests shorten it). */
  retry?: RetryPolicy
  /** Told of each retry, for the log. */
  onRetry?: (message: string) => void
}

const VALIDATE_PATH = '/flows/validate'

/** What a deletion answers: the answer of an earlier attempt that did it, once that was lost. */
const DELETED: HttpResponse = { status: 204, headers: {}, body: Buffer.alloc(0) }

/** Reads the server's version first: the paths and query syntax depend on it. */
export async function connectKestra(options: ClientOptions): Promise<KestraClient> {
  const transport = createTransport({
    timeoutMs: options.timeoutMs,
    maxSockets: options.concurrency
  })
  const authorization = authorizationHeader(options.credentials)
  const apiRoot = `${options.kestraUrl.href.replace(/\/$/, '')}/api/v1`

  const policy = options.retry ?? DEFAULT_RETRY_POLICY
  const tellRetry = options.onRetry ?? (() => undefined)

  /** One attempt: the 2xx answer, or the failure as a KestraApiError saying whether to retry. */
  const attempt = async (url: URL, call: ApiCall): Promise<HttpResponse | KestraApiError> => {
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
      if (error instanceof TransportError) return unanswered(error, url, describe, call)
      throw error
    }
    if (response.status >= 200 && response.status < 300) return response
    const serverMessage = serverErrorMessage(response.body, response.headers['content-type'])
    const advice =
      response.status >= 300 && response.status < 400
        ? redirectHint(response.headers.location)
        : hint(response.status, serverMessage, call, options)
    return new KestraApiError(
      `Kestra answered ${response.status} to ${describe}${serverMessage ? `: ${serverMessage}` : ''}. ${advice}`.trim(),
      response.status,
      isRetryableStatus(response.status)
        ? {
            neverApplied: response.status === 429,
            afterMs: retryAfterMs(firstHeader(response.headers['retry-after']))
          }
        : undefined
    )
  }

  /**
   * The wait before trying `failure`'s call again, or undefined when it is not to be retried: a
   * lasting failure, the last attempt, or a server asking for a longer wait than the policy allows.
   */
  const retryDelay = (
    failure: KestraApiError,
    attemptsMade: number,
    repeatable: boolean
  ): number | undefined => {
    if (!failure.retry || attemptsMade >= policy.attempts) return undefined
    if (!repeatable && !failure.retry.neverApplied) return undefined
    const wait = failure.retry.afterMs ?? backoffDelayMs(policy, attemptsMade)
    return wait <= policy.maxDelayMs ? wait : undefined
  }

  const retryOrThrow = async (
    failure: KestraApiError,
    attemptsMade: number,
    repeatable: boolean
  ): Promise<void> => {
    const wait = retryDelay(failure, attemptsMade, repeatable)
    const asked = failure.retry?.afterMs
    if (wait === undefined && asked !== undefined && asked > policy.maxDelayMs) {
      throw new KestraApiError(
        `${failure.message} It asks to retry after ${Math.ceil(asked / 1000)} s, longer than the action waits (${policy.maxDelayMs / 1000} s): run it again later.`,
        failure.status
      )
    }
    if (wait === undefined) throw afterAttempts(failure, attemptsMade)
    tellRetry(
      `${failure.message} Retry ${attemptsMade} of ${policy.attempts - 1} in ${(wait / 1000).toFixed(1)} s.`
    )
    await sleep(wait)
  }

  /**
   * Reads, validations, updates and deletions are retried: sent twice they leave the server as sent
   * once (an update with the same source keeps its revision). A create is retried here only when it
   * cannot have been applied; `createFlow` handles the rest.
   */
  const request = async (url: URL, call: ApiCall): Promise<HttpResponse> => {
    const repeatable = call.method !== 'POST' || call.path === VALIDATE_PATH
    let answerLost = false
    for (let attemptsMade = 1; ; attemptsMade++) {
      const outcome = await attempt(url, call)
      if (!(outcome instanceof KestraApiError)) return outcome
      // A deletion whose answer was lost, then 404: the lost attempt did the deletion.
      if (call.method === 'DELETE' && outcome.status === 404 && answerLost) return DELETED
      answerLost ||= outcome.retry !== undefined && !outcome.retry.neverApplied
      await retryOrThrow(outcome, attemptsMade, repeatable)
    }
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

  const attemptCreate = async (source: string): Promise<SavedFlow | KestraApiError> => {
    const url = new URL(`${base}/flows`)
    url.search = publish()?.toString() ?? ''
    const outcome = await attempt(url, { method: 'POST', path: '/flows', yaml: source })
    return outcome instanceof KestraApiError ? outcome : savedFlow(outcome)
  }

  return {
    server,
    listFlows: scope => listFlowsWithSources(send, server, scope, options.concurrency),
    listRevisions: scope => listFlowRevisions(send, server, scope),
    validateFlows: sources => validateInBatches(send, sources),
    createFlow: async (key, source) => {
      for (let attemptsMade = 1; ; attemptsMade++) {
        const created = await attemptCreate(source)
        if (!(created instanceof KestraApiError)) return created
        if (!created.retry) throw created
        // The create may have been applied with its answer lost: it is sent again only once the
        // flow is confirmed absent, so that a retry never makes a second revision.
        const stored = created.retry.neverApplied ? undefined : await readFlow(send, key)
        if (stored) return createdMeanwhile(key, stored, source, created)
        await retryOrThrow(created, attemptsMade, true)
      }
    },
    updateFlow: async (key, source) =>
      savedFlow(await send({ method: 'PUT', path: flowPath(key), query: publish(), yaml: source })),
    deleteFlow: async key => {
      await send({ method: 'DELETE', path: flowPath(key) })
    },
    close: () => transport.close()
  }
}

/**
 * After a create whose answer was lost, the flow is on the server: with the source sent, the lost
 * create made it; with another one, someone else did, and it is not overwritten.
 */
function createdMeanwhile(
  key: FlowKey,
  stored: StoredFlow,
  source: string,
  failure: KestraApiError
): SavedFlow {
  if (normalizeSource(stored.source) === normalizeSource(source)) {
    return { revision: stored.revision }
  }
  throw new KestraApiError(
    `${failure.message} Meanwhile ${key.namespace}.${key.id} appeared on the server with another source (revision ${stored.revision}): it was not overwritten; a new run plans it as an update.`,
    409
  )
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
  call: ApiCall
): KestraApiError {
  const retry = error.permanent ? undefined : { neverApplied: error.neverSent }
  const isRead = call.method === 'GET' || call.path === VALIDATE_PATH
  if (isRead || error.neverSent) {
    return new KestraApiError(
      `Could not reach Kestra at ${url.origin} (${describe}): ${error.message}.`,
      0,
      retry
    )
  }
  return new KestraApiError(
    `No answer from Kestra to ${describe} (${error.message}): the write may or may not have been applied; a new run compares again and finishes the sync.`,
    0,
    retry
  )
}

/** The final failure of a call that was tried more than once says so. */
function afterAttempts(failure: KestraApiError, attemptsMade: number): KestraApiError {
  if (attemptsMade === 1) return failure
  return new KestraApiError(
    `${failure.message} Gave up after ${attemptsMade} attempts.`,
    failure.status
  )
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
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
function hint(
  status: number,
  serverMessage: string | undefined,
  call: ApiCall,
  options: ClientOptions
): string {
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
      if (/tenant/i.test(serverMessage ?? '')) {
        return `Check the input 'tenant' (now '${options.tenant}'; Kestra OSS only has 'main').`
      }
      if (status === 400) return ''
      return /^\/flows\/[^/]+\/[^/]+$/.test(call.path) && call.method !== 'GET'
        ? 'The flow is no longer on the server: it changed since the plan; a new run plans again.'
        : `Check 'kestra-url' (the server's base URL) and 'tenant' (now '${options.tenant}').`
    case 409:
    case 422:
      return 'Check the flow: the server refuses it as it is.'
    default:
      return ''
  }
}
