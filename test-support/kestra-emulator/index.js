// @ts-check
// Kestra REST API emulator (flows, namespace files) for tests, benchmarks and the demo: an in-memory
// node:http server on loopback behaving as docs/kestra-api.md describes for the emulated version. The
// `§N` in the comments of this folder are the sections of that document.
// Test/demo infrastructure only: never imported by src/.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { URLSearchParams } from 'node:url'
import { isAuthorized, isProtected, sendUnauthorized } from './auth.js'
import { ApiError, sendError } from './errors.js'
import { route } from './router.js'
import { NamespaceFiles } from './namespace-files-store.js'
import { FlowStore } from './store.js'
import { versionProfile } from './versions.js'

/**
 * @typedef {import('./auth.js').AuthConfig} AuthConfig
 * @typedef {import('./request.js').RequestContext} RequestContext
 * @typedef {{ method: string, path: string, query: string, status: number }} RecordedRequest
 *   `status` is 0 until the response is sent (and stays 0 when an interceptor drops the connection).
 * @typedef {(ctx: RequestContext, res: import('node:http').ServerResponse) =>
 *   boolean | void | Promise<boolean | void>} Interceptor
 *
 * @typedef {object} EmulatorOptions
 * @property {string} [version]   emulated Kestra version (default 1.3.21)
 * @property {import('./versions.js').Edition} [edition]  default OSS
 * @property {string[]} [tenants] EE: the tenant ids that exist (default ['main'])
 * @property {AuthConfig} [auth]  Basic credentials and/or a Bearer token; undefined = no auth
 * @property {string} [host]      default 127.0.0.1
 * @property {number} [port]      default 0 (a free port)
 * @property {number} [latencyMs] delay added before answering each request
 */

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/**
 * A running emulator, as `startKestraEmulator` gives it; tests import this type.
 * @typedef {Awaited<ReturnType<typeof startKestraEmulator>>} Emulator
 */

/** @param {EmulatorOptions} [options] */
export async function startKestraEmulator(options = {}) {
  const {
    version = '1.3.21',
    edition = 'OSS',
    tenants = ['main'],
    auth,
    host = '127.0.0.1',
    port = 0,
    latencyMs = 0
  } = options
  const profile = versionProfile(version, edition)
  const store = new FlowStore()
  const files = new NamespaceFiles(profile)
  /** @type {RecordedRequest[]} */
  const requests = []
  /** @type {Interceptor[]} */
  const interceptors = []
  const state = {
    profile,
    store,
    files,
    tenants,
    uuid: randomUUID(),
    baseUrl: '',
    authConfigured: auth !== undefined
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const path = q < 0 ? url : url.slice(0, q)
    const query = q < 0 ? '' : url.slice(q + 1)
    /** @type {RecordedRequest} */
    const entry = { method: req.method ?? 'GET', path, query, status: 0 }
    requests.push(entry)
    // Record the status as the head is written (implicit heads go through writeHead too), so it is
    // in place before the client can observe the answer.
    const writeHead = res.writeHead
    res.writeHead = /** @type {typeof writeHead} */ (
      (/** @type {number} */ statusCode, /** @type {unknown[]} */ ...rest) => {
        entry.status = statusCode
        return Reflect.apply(writeHead, res, [statusCode, ...rest])
      }
    )

    const bytes = await readBody(req)
    if (latencyMs > 0) await sleep(latencyMs)
    /** @type {RequestContext} */
    const ctx = {
      req,
      res,
      method: entry.method,
      path,
      query,
      params: new URLSearchParams(query),
      body: bytes.toString('utf8'),
      bytes
    }
    for (const interceptor of [...interceptors]) {
      if ((await interceptor(ctx, res)) === true) return
    }
    try {
      if (auth && isProtected(path, profile) && !isAuthorized(req.headers.authorization, auth)) {
        sendUnauthorized(res, auth, ctx, profile)
        return
      }
      route(ctx, state)
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(
              500,
              'Internal server error',
              error instanceof Error ? error.message : String(error)
            )
      sendError(res, apiError, ctx, profile.problemJson)
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy())
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve(undefined))
  })
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  state.baseUrl = `http://${urlHost}:${address.port}`

  return {
    /** Base URL, without /api/v1. */
    url: state.baseUrl,
    /** Every request received, in order of arrival. */
    requests,
    clearRequests() {
      requests.length = 0
    },
    /** Direct access to the flows, bypassing HTTP (see store.js). */
    store,
    /** Direct access to the namespace files, bypassing HTTP (see namespace-files-store.js). */
    files,
    /**
     * Fault-injection hook: `use((ctx, res) => handled)`. Interceptors run in registration order,
     * after the body is read and the latency applied, before auth and routing. `ctx` holds method,
     * path, query, params, body, req and res. An interceptor that answers (or destroys) the response
     * itself returns true; anything else passes the request on. Returns a remover.
     * @param {Interceptor} interceptor
     */
    use(interceptor) {
      interceptors.push(interceptor)
      return () => {
        const index = interceptors.indexOf(interceptor)
        if (index >= 0) interceptors.splice(index, 1)
      }
    },
    /** Stops listening and drops open connections. */
    async close() {
      server.closeAllConnections()
      await new Promise(resolve => server.close(() => resolve(undefined)))
    }
  }
}
