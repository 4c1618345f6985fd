// @ts-check
// Fault injection for the emulator: what a bad day between a runner and Kestra looks like. Each
// fault is matched per request (method and/or path) and fires a bounded number of times, so a test
// can say "the first search answers 503, then the server recovers".

/**
 * @typedef {object} FaultMatch
 * @property {string} [method]            e.g. 'PUT'; any method when absent
 * @property {string | RegExp} [path]     the exact path, or a pattern; any path when absent
 * @property {number} [times]             how many matching requests it hits (default: all)
 *
 * @typedef {{ status: number, body?: string, contentType?: string, retryAfter?: string }} StatusFault
 *   answers in place of Kestra (the request is not processed)
 * @typedef {{ reset: 'before' | 'after' }} ResetFault
 *   drops the connection without an answer: 'before' the server acts on the request, or 'after'
 *   it did (a write applied whose answer is lost)
 * @typedef {{ hang: true }} HangFault  accepts the request and never answers
 * @typedef {{ slowBodyMs: number }} SlowBodyFault
 *   the real answer, its head at once and its body only after this delay
 * @typedef {StatusFault | ResetFault | HangFault | SlowBodyFault} Fault
 *
 * @typedef {{ hits: number, remove: () => void }} InjectedFault
 */

/** A proxy's error page: HTML, not Kestra's JSON. */
export const PROXY_ERROR_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>'

/**
 * @param {{ use: (interceptor: import('./index.js').Interceptor) => () => void }} emulator
 * @param {FaultMatch} match
 * @param {Fault} fault
 * @returns {InjectedFault}
 */
export function injectFault(emulator, match, fault) {
  let hits = 0
  const remove = emulator.use((ctx, res) => {
    if (!matches(match, ctx) || hits >= (match.times ?? Infinity)) return false
    hits++
    return apply(fault, res)
  })
  return {
    get hits() {
      return hits
    },
    remove
  }
}

/**
 * @param {FaultMatch} match
 * @param {{ method: string, path: string }} ctx
 */
function matches(match, ctx) {
  if (match.method && match.method !== ctx.method) return false
  if (match.path === undefined) return true
  return typeof match.path === 'string' ? match.path === ctx.path : match.path.test(ctx.path)
}

/**
 * @param {Fault} fault
 * @param {import('node:http').ServerResponse} res
 * @returns {boolean} true when the fault took the request over
 */
function apply(fault, res) {
  if ('status' in fault) {
    const body = fault.body ?? ''
    res.writeHead(fault.status, {
      'Content-Type': fault.contentType ?? 'text/plain',
      'Content-Length': Buffer.byteLength(body),
      ...(fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter })
    })
    res.end(body)
    return true
  }
  if ('hang' in fault) return true
  if ('reset' in fault) {
    if (fault.reset === 'before') {
      res.socket?.destroy()
      return true
    }
    // Let the route act, then drop the connection in place of its answer.
    res.writeHead = /** @type {any} */ (() => res)
    res.end = /** @type {any} */ (
      () => {
        res.socket?.destroy()
        return res
      }
    )
    return false
  }
  const end = res.end.bind(res)
  res.end = /** @type {any} */ (
    (/** @type {any} */ body) => {
      res.flushHeaders()
      setTimeout(() => end(body), fault.slowBodyMs).unref()
      return res
    }
  )
  return false
}
