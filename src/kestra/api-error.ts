import { SyncError } from '../errors.js'

/**
 * A Kestra answer that is not a success (status 0: no answer at all), with the server's own words
 * when it gave any. Its message says what was asked and what to check, so it is shown as is.
 */
export class KestraApiError extends SyncError {
  constructor(
    message: string,
    readonly status: number,
    readonly serverMessage: string | undefined
  ) {
    super(message)
    this.name = 'KestraApiError'
  }
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
  if (!contentType?.includes('json')) return `non-JSON answer: ${oneLine(text).slice(0, 200)}`
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
    return [main, ...details].filter(Boolean).join('; ') || undefined
  } catch {
    return oneLine(text).slice(0, 200)
  }
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.length > 0)
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ')
}
