/**
 * When and how long to wait before asking again. A bounded number of attempts with exponential
 * backoff and jitter (so that many runners do not retry in step), and the server's `Retry-After`.
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  attempts: number
  /** Wait before the first retry; it doubles at each retry, and the jitter takes up to half off. */
  baseDelayMs: number
  /** The longest wait: a longer `Retry-After` is not waited for. */
  maxDelayMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000
}

/** Answers that say "not now": rate limiting, a passing server error, a gateway without Kestra. */
const RETRYABLE_STATUSES = [429, 500, 502, 503, 504]

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.includes(status)
}

/** The wait before retry number `retry` (1 for the first retry). */
export function backoffDelayMs(
  policy: RetryPolicy,
  retry: number,
  random: () => number = Math.random
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** `Retry-After` in milliseconds, from delay-seconds or an HTTP date; undefined when unreadable. */
export function retryAfterMs(
  header: string | undefined,
  now: number = Date.now()
): number | undefined {
  const value = header?.trim()
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
