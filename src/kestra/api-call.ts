import type { FlowKey } from '../flow/flow-key.js'
import { KestraApiError } from './api-error.js'
import type { HttpRequest, HttpResponse } from './http-transport.js'

/** One call to the API, described by what differs between calls. */
export interface ApiCall {
  method: HttpRequest['method']
  /** Path below `/api/v1` (and below the tenant when the server has tenants). */
  path: string
  query?: URLSearchParams
  /** A YAML body, sent as `application/x-yaml`. */
  yaml?: string
  /** Any other body, bytes and their media type (a multipart upload). */
  body?: { contentType: string; bytes: Buffer }
  /** The media type asked for; JSON unless said. Kestra routes on it: see the export. */
  accept?: string
  /**
   * Once an attempt's answer was lost, called after each failure: the answer the lost attempt
   * would have given when its work is found done (a deletion answered 404), or undefined to go on
   * with the retries. A call that is not idempotent (a create) must confirm here that its work is
   * not done, since it is sent again otherwise.
   */
  recover?: (failure: KestraApiError) => Promise<HttpResponse | undefined>
}

/** Sends a call and returns a 2xx answer; any other answer is thrown as a KestraApiError. */
export type Send = (call: ApiCall) => Promise<HttpResponse>

export function flowPath(key: FlowKey): string {
  return `/flows/${encodeURIComponent(key.namespace)}/${encodeURIComponent(key.id)}`
}

export function parseJson<T = Record<string, unknown>>(response: HttpResponse, what: string): T {
  try {
    return JSON.parse(response.body.toString('utf8')) as T
  } catch {
    throw new KestraApiError(
      `Kestra's answer to ${what} is not JSON (${response.headers['content-type'] ?? 'no content type'}): is 'kestra-url' the Kestra server itself, not a proxy page?`,
      response.status
    )
  }
}
