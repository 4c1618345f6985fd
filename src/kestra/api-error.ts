import { UserFacingError } from '../errors.js'

/**
 * A Kestra answer that is not a success (status 0: no answer at all). Its message says what was
 * asked, what the server said and what to check, so it is shown as is.
 */
export class KestraApiError extends UserFacingError {
  constructor(
    message: string,
    readonly status: number,
    /** What may make a retry worth it; absent for a failure that would repeat. */
    readonly retry?: RetryHint
  ) {
    super(message)
    this.name = 'KestraApiError'
  }
}

/** A failure that may pass: an overloaded or restarting server, a lost connection. */
export interface RetryHint {
  /** True when the server cannot have acted on the request: it never reached Kestra, or a 429. */
  neverApplied: boolean
  /** The wait the server asked for with `Retry-After`. */
  afterMs?: number
}

/**
 * The server's message from either error format: Micronaut's JsonError (`message`,
 * `_embedded.errors[].message`) up to 2.0, RFC 9457 problem+json (`detail`, `errors[].detail`) after.
 */
export function serverErrorMessage(
  body: Buffer,
  contentType: string | undefined
): string | undefined {
  const text = body.toString('utf8').trim()
  if (!text) return undefined
  if (contentType?.includes('html') || /^<(!doctype|html)/i.test(text)) return htmlPage(text)
  if (!contentType?.includes('json')) return `non-JSON answer: ${brief(text)}`
  try {
    const parsed = JSON.parse(text) as {
      message?: unknown
      detail?: unknown
      title?: unknown
      errors?: Array<{ detail?: unknown; message?: unknown; path?: unknown }>
      _embedded?: { errors?: Array<{ detail?: unknown; message?: unknown; path?: unknown }> }
    }
    const main = firstString(parsed.detail, parsed.message, parsed.title)
    const details = (parsed.errors ?? parsed._embedded?.errors ?? [])
      .map(error => firstString(error.detail, error.message))
      .filter((detail): detail is string => detail !== undefined && !(main ?? '').includes(detail))
    return brief([main, ...details].filter(Boolean).join('; ')) || undefined
  } catch {
    return brief(text)
  }
}

/** An error page from whatever stands in front of Kestra: its title says enough. */
function htmlPage(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim()
  return `an HTML page${title ? ` titled '${brief(title)}'` : ''}, not Kestra's JSON: a proxy or gateway in front of Kestra answered`
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.length > 0)
}

/** One line, short: a server may put a whole stack trace in its message. */
function brief(text: string): string {
  const [firstLine = ''] = text.trim().split(/\r?\n/)
  return firstLine.length > MAX_MESSAGE ? `${firstLine.slice(0, MAX_MESSAGE)}…` : firstLine
}

const MAX_MESSAGE = 300
