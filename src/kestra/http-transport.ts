import { getProxyUrl } from '@actions/http-client/lib/proxy'
import * as http from 'node:http'
import * as https from 'node:https'
import { isIPv6 } from 'node:net'
import type { Duplex } from 'node:stream'
import * as tls from 'node:tls'

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: URL
  headers: Record<string, string>
  /** Text is sent as UTF-8; bytes as they are (a namespace file). */
  body?: string | Buffer
}

export interface HttpResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** The request never got an HTTP answer: refused, reset, timed out, TLS failure... */
export class TransportError extends Error {
  /** True when the request cannot have reached the server (no connection was made). */
  readonly neverSent: boolean
  /** True when asking again would fail the same way: a wrong host name, a certificate not trusted. */
  readonly permanent: boolean

  constructor(
    message: string,
    readonly code: string | undefined,
    kind: { neverSent: boolean; permanent: boolean } = kindOf(code)
  ) {
    super(message)
    this.name = 'TransportError'
    this.neverSent = kind.neverSent
    this.permanent = kind.permanent
  }
}

function kindOf(code: string | undefined): { neverSent: boolean; permanent: boolean } {
  return {
    neverSent: NEVER_SENT.includes(code ?? '') || TLS_TRUST_ERRORS.includes(code ?? ''),
    permanent: code === 'ENOTFOUND' || TLS_TRUST_ERRORS.includes(code ?? '')
  }
}

/** Failures before any byte of the request left: no server can have acted on it. */
const NEVER_SENT = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']

const TRUST_IT =
  "to trust a private CA (or a self-signed certificate), set NODE_EXTRA_CA_CERTS to its PEM file in the step's env"

/** What each certificate failure means, and what to do. */
const CERTIFICATE_PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: `the server's certificate is self-signed; ${TRUST_IT}`,
  SELF_SIGNED_CERT_IN_CHAIN: `the server's certificate chain ends in a CA that is not trusted; ${TRUST_IT}`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: `the server's certificate is issued by a CA that is not trusted; ${TRUST_IT}`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: `the server's certificate is issued by a CA that is not trusted; ${TRUST_IT}`,
  CERT_HAS_EXPIRED: "the server's certificate has expired: it must be renewed on the server",
  ERR_TLS_CERT_ALTNAME_INVALID:
    "the server's certificate is not issued for this host name: use in 'kestra-url' a name it is issued for"
}

const TLS_TRUST_ERRORS = Object.keys(CERTIFICATE_PROBLEMS)

export interface Transport {
  send(request: HttpRequest): Promise<HttpResponse>
  close(): void
}

export interface TransportOptions {
  /** No answer (headers and whole body) within this time fails the request. */
  timeoutMs: number
  /** Sockets kept open per host: the same as the write concurrency, so requests reuse them. */
  maxSockets: number
}

/** The runner's proxy for a URL, as `@actions/http-client` picks it. */
interface Proxy {
  /** How messages name it: its address without credentials, and the variable it comes from. */
  name: string
  variable: string
  hostname: string
  port: number
  tls: boolean
  /** `Proxy-Authorization`, when the proxy URL holds credentials. */
  headers: Record<string, string>
}

/** How requests to a URL go: straight to the server, or through the proxy. */
interface Route {
  agent: http.Agent
  proxy?: Proxy
}

/**
 * node:http(s) with keep-alive agents. TLS certificates are always verified, even when
 * NODE_TLS_REJECT_UNAUTHORIZED=0 would turn that off for the whole process; a private CA is added
 * through NODE_EXTRA_CA_CERTS, which node reads at start-up.
 *
 * The proxy is the runner's (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, as `@actions/http-client` reads
 * them for the rest of the toolkit). Its own client is not used: its proxy agent (`tunnel`) tunnels
 * plain HTTP through CONNECT (which proxies commonly allow to port 443 only), verifies TLS through a
 * proxy only as NODE_TLS_REJECT_UNAUTHORIZED says, reports every proxy failure as a reset (a write
 * refused by the proxy would seem perhaps applied), keeps no tunnel alive, and gives no hold on a
 * request to time out the whole answer.
 */
export function createTransport({ timeoutMs, maxSockets }: TransportOptions): Transport {
  const routes = new Map<string, Route>()
  const routeFor = (url: URL): Route => {
    const proxyUrl = getProxyUrl(url)
    const key = `${url.protocol} ${proxyUrl?.href ?? ''}`
    let route = routes.get(key)
    if (!route) {
      const proxy = proxyUrl?.hostname ? proxyOf(proxyUrl, url) : undefined
      const options = { keepAlive: true, maxSockets }
      route = {
        agent:
          url.protocol === 'https:'
            ? proxy
              ? new TunnelAgent(proxy, timeoutMs, { ...options, rejectUnauthorized: true })
              : new https.Agent({ ...options, rejectUnauthorized: true })
            : proxy?.tls
              ? new https.Agent({ ...options, rejectUnauthorized: true })
              : new http.Agent(options),
        ...(proxy ? { proxy } : {})
      }
      routes.set(key, route)
    }
    return route
  }
  return {
    send: async request => send(request, routeFor(request.url), timeoutMs),
    close: () => {
      for (const route of routes.values()) route.agent.destroy()
    }
  }
}

function proxyOf(proxyUrl: URL, target: URL): Proxy {
  const variable = proxyVariable(target)
  if (proxyUrl.protocol !== 'http:' && proxyUrl.protocol !== 'https:') {
    throw new TransportError(
      `the proxy in ${variable} must be an http:// or https:// URL, not ${proxyUrl.protocol}`,
      'EPROXYURL',
      { neverSent: true, permanent: true }
    )
  }
  const tls = proxyUrl.protocol === 'https:'
  const credentials = proxyUrl.username || proxyUrl.password
  return {
    name: `${proxyUrl.protocol}//${proxyUrl.host} (${variable})`,
    variable,
    hostname: proxyUrl.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(proxyUrl.port) || (tls ? 443 : 80),
    tls,
    headers: credentials
      ? { 'Proxy-Authorization': `Basic ${basicToken(proxyUrl.username, proxyUrl.password)}` }
      : {}
  }
}

/** The variable `@actions/http-client` takes the proxy from: the lower-case one first. */
function proxyVariable(target: URL): string {
  const names =
    target.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY']
  return names.find(name => process.env[name]) ?? (names[1] as string)
}

function basicToken(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`).toString('base64')
}

/**
 * The proxy passwords of the runner's proxy variables (the user when there is no password: a token,
 * then), and the tokens made of them: they go out in `Proxy-Authorization`, and a proxy's error
 * page may echo them back.
 */
export function proxySecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  return ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'].flatMap(name => {
    const value = env[name]
    if (!value) return []
    let url: URL
    try {
      url = new URL(/^https?:\/\//i.test(value) ? value : `http://${value}`)
    } catch {
      return []
    }
    const username = decodeURIComponent(url.username)
    const password = decodeURIComponent(url.password)
    const secret = password || username
    return secret ? [secret, basicToken(username, password)] : []
  })
}

/**
 * HTTPS through the proxy: each socket is a CONNECT tunnel to the server with TLS to the server
 * inside, verified as without a proxy; the agent keeps them alive and pools them as its own.
 */
class TunnelAgent extends https.Agent {
  /** CONNECT requests not answered yet, ended with the agent. */
  private readonly opening = new Set<http.ClientRequest>()

  constructor(
    private readonly proxy: Proxy,
    private readonly timeoutMs: number,
    options: https.AgentOptions
  ) {
    super(options)
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (error: Error | null, socket: Duplex) => void
  ): undefined {
    const host = options.host ?? 'localhost'
    const target = `${isIPv6(host) ? `[${host}]` : host}:${options.port ?? 443}`
    const proxy = this.proxy
    const connect = (proxy.tls ? https : http).request({
      host: proxy.hostname,
      port: proxy.port,
      method: 'CONNECT',
      path: target,
      headers: { Host: target, ...proxy.headers },
      agent: false,
      rejectUnauthorized: true
    })
    this.opening.add(connect)
    // The request waiting for this tunnel times out on its own; this ends the CONNECT with it.
    const timer = setTimeout(() => connect.destroy(noAnswer(this.timeoutMs)), this.timeoutMs)
    const done = (error: Error | null, socket?: Duplex): void => {
      clearTimeout(timer)
      this.opening.delete(connect)
      callback?.(error, socket as Duplex)
    }
    connect.once('connect', (response: http.IncomingMessage, socket: Duplex) => {
      if (response.statusCode !== 200) {
        socket.destroy()
        done(proxyRefusal(proxy, response.statusCode ?? 0, target))
        return
      }
      done(
        null,
        tls.connect({ ...(options as tls.ConnectionOptions), socket, rejectUnauthorized: true })
      )
    })
    connect.once('error', (error: Error & { code?: string }) =>
      done(
        error instanceof TransportError
          ? error
          : new TransportError(describeNetworkError(error, proxy), error.code)
      )
    )
    connect.end()
    return undefined
  }

  override destroy(): void {
    const closed = new TransportError(
      'the sync stopped before the proxy opened a tunnel',
      undefined
    )
    // With an error, each CONNECT ends through its error handler, which clears its timer.
    for (const connect of this.opening) connect.destroy(closed)
    this.opening.clear()
    super.destroy()
  }
}

/**
 * The proxy answered instead of the server: no request reached it. A refusal (407 and other 4xx)
 * stays; a proxy failing to reach the server (5xx) may pass.
 */
function proxyRefusal(proxy: Proxy, status: number, target: string): TransportError {
  const kind = { neverSent: true, permanent: status < 500 }
  if (status === 407) {
    const advice = proxy.headers['Proxy-Authorization']
      ? `it refuses the user and password in ${proxy.variable}`
      : `it asks for a user and password: give them in ${proxy.variable} (http://user:password@host:port)`
    return new TransportError(
      `the proxy ${proxy.name} answered 407 Proxy Authentication Required: ${advice}`,
      'EPROXY407',
      kind
    )
  }
  const answer = [status, http.STATUS_CODES[status]].filter(Boolean).join(' ')
  return new TransportError(
    `the proxy ${proxy.name} answered ${answer} to CONNECT ${target}: it does not let the runner reach the server`,
    `EPROXY${status}`,
    kind
  )
}

function noAnswer(timeoutMs: number): TransportError {
  return new TransportError(`no complete answer within ${timeoutMs / 1000} s`, 'ETIMEDOUT')
}

async function send(request: HttpRequest, route: Route, timeoutMs: number): Promise<HttpResponse> {
  const isHttps = request.url.protocol === 'https:'
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body
  const headers = { ...request.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) }
  // Plain HTTP goes to the proxy itself, which forwards it: the request line names the whole URL.
  const forwardedBy = isHttps ? undefined : route.proxy
  return new Promise<HttpResponse>((resolve, reject) => {
    const onResponse = (res: http.IncomingMessage): void => {
      if (forwardedBy && res.statusCode === 407) {
        res.resume()
        fail(proxyRefusal(forwardedBy, 407, request.url.host))
        return
      }
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        clearTimeout(timer)
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
      })
      res.on('error', error => fail(error))
    }
    const req = forwardedBy
      ? (forwardedBy.tls ? https : http).request(
          {
            host: forwardedBy.hostname,
            port: forwardedBy.port,
            path: request.url.href,
            method: request.method,
            headers: { ...headers, Host: request.url.host, ...forwardedBy.headers },
            agent: route.agent
          },
          onResponse
        )
      : (isHttps ? https : http).request(
          request.url,
          { method: request.method, headers, agent: route.agent },
          onResponse
        )
    const timer = setTimeout(() => req.destroy(noAnswer(timeoutMs)), timeoutMs)
    const fail = (error: Error & { code?: string }): void => {
      clearTimeout(timer)
      req.destroy()
      reject(
        error instanceof TransportError
          ? error
          : new TransportError(describeNetworkError(error, forwardedBy), error.code)
      )
    }
    req.on('error', fail)
    req.end(body)
  })
}

/** `proxy`: the connection that failed was to this proxy, not to the server. */
function describeNetworkError(error: Error & { code?: string }, proxy?: Proxy): string {
  const certificateProblem = CERTIFICATE_PROBLEMS[error.code ?? '']
  if (certificateProblem) {
    const problem = `TLS certificate not trusted (${error.code}): ${certificateProblem}`
    return proxy?.tls
      ? `the proxy ${proxy.name}: ${problem.replace(/server's/g, "proxy's")}`
      : problem
  }
  switch (error.code) {
    case 'ECONNREFUSED':
      return proxy
        ? `the proxy ${proxy.name} refused the connection (is it running, and its address right?)`
        : 'connection refused (is the server running and the port right?)'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return proxy ? `the proxy ${proxy.name}: host name not found` : 'host name not found'
    case 'ECONNRESET':
      return proxy
        ? `connection reset by the proxy ${proxy.name} or the server`
        : 'connection reset by the server or a proxy'
    default:
      return error.code ? `${error.code}: ${error.message}` : error.message
  }
}
