import { setTimeout as sleep } from 'node:timers/promises'
import type { ApiCall } from './api-call.js'
import { authorizationHeader, type Credentials } from './credentials.js'
import { KestraApiError, serverErrorMessage } from './api-error.js'
import { createTransport, TransportError, type HttpResponse } from './http-transport.js'
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  retryAfterMs,
  type RetryPolicy
} from './retry-policy.js'

/** Requests to one server: authenticated, timed out, their failures explained, and retried. */
export interface Requester {
  /** The 2xx answer to `call`, after the retries that are safe for it; a lasting failure throws. */
  request(url: URL, call: ApiCall): Promise<HttpResponse>
  /** Ends the requests: none is sent or retried after. */
  close(): void
}

export interface RequesterOptions {
  credentials: Credentials
  /** Named in the hints of a refusal about the tenant. */
  tenant: string
  timeoutMs: number
  /** Requests in flight at once, for reads of many flows, validations and writes. */
  concurrency: number
  /** How failures that may pass are retried; the default policy unless given (tests shorten it). */
  retry?: RetryPolicy
  /** Told of each retry, for the log. */
  onRetry?: (message: string) => void
}

const VALIDATE_PATH = '/flows/validate'
const NAMESPACE_FILES_PATH = /^\/namespaces\/[^/]+\/files/

export function createRequester(options: RequesterOptions): Requester {
  const transport = createTransport({
    timeoutMs: options.timeoutMs,
    maxSockets: options.concurrency
  })
  const authorization = authorizationHeader(options.credentials)

  const policy = options.retry ?? DEFAULT_RETRY_POLICY
  const tellRetry = options.onRetry ?? (() => undefined)
  // A sync that stopped (a failed batch, say) closes the client: the calls still waiting to be
  // retried end there, rather than go on after the run.
  const closing = new AbortController()

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
          ...(call.yaml === undefined ? {} : { 'Content-Type': 'application/x-yaml' }),
          ...(call.body === undefined ? {} : { 'Content-Type': call.body.contentType })
        },
        body: call.body?.bytes ?? call.yaml
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
  const retryDelay = (failure: KestraApiError, attemptsMade: number): number | undefined => {
    if (!failure.retry || attemptsMade >= policy.attempts) return undefined
    const wait = failure.retry.afterMs ?? backoffDelayMs(policy, attemptsMade)
    return wait <= policy.maxDelayMs ? wait : undefined
  }

  const retryOrThrow = async (failure: KestraApiError, attemptsMade: number): Promise<void> => {
    const wait = retryDelay(failure, attemptsMade)
    const asked = failure.retry?.afterMs
    if (wait === undefined && attemptsMade < policy.attempts && asked !== undefined) {
      throw new KestraApiError(
        `${failure.message} It asks to retry after ${Math.ceil(asked / 1000)} s, longer than the action waits (${policy.maxDelayMs / 1000} s): run it again later.`,
        failure.status
      )
    }
    if (wait === undefined || closing.signal.aborted) throw afterAttempts(failure, attemptsMade)
    tellRetry(
      `${failure.message} Retry ${attemptsMade} of ${policy.attempts - 1} in ${(wait / 1000).toFixed(1)} s.`
    )
    try {
      await sleep(wait, undefined, { signal: closing.signal })
    } catch {
      throw afterAttempts(failure, attemptsMade)
    }
  }

  /**
   * Reads, validations, updates and deletions are sent again as they are: twice, they leave the
   * server as once (an update with the same source keeps its revision). After a lost answer,
   * `recover` may find the work done, and a create must find it not done before it is sent again.
   */
  const request = async (url: URL, call: ApiCall): Promise<HttpResponse> => {
    let answerLost = false
    for (let attemptsMade = 1; ; attemptsMade++) {
      if (closing.signal.aborted) {
        throw new KestraApiError(`The sync stopped before ${call.method} ${url.pathname}.`, 0)
      }
      const outcome = await attempt(url, call)
      if (!(outcome instanceof KestraApiError)) return outcome
      answerLost ||= outcome.retry !== undefined && !outcome.retry.neverApplied
      const recovered = answerLost ? await call.recover?.(outcome) : undefined
      if (recovered) return recovered
      await retryOrThrow(outcome, attemptsMade)
    }
  }

  return {
    request,
    close: () => {
      closing.abort()
      transport.close()
    }
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
  options: RequesterOptions
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
      return NAMESPACE_FILES_PATH.test(call.path)
        ? 'Check the namespace file: the server refuses its path or content.'
        : 'Check the flow: the server refuses it as it is.'
    default:
      return ''
  }
}
