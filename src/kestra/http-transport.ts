import * as http from 'node:http'
import * as https from 'node:https'

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: URL
  headers: Record<string, string>
  body?: string
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
    readonly code: string | undefined
  ) {
    super(message)
    this.name = 'TransportError'
    this.neverSent = NEVER_SENT.includes(code ?? '') || TLS_TRUST_ERRORS.includes(code ?? '')
    this.permanent = code === 'ENOTFOUND' || TLS_TRUST_ERRORS.includes(code ?? '')
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

/**
 * node:http(s) with keep-alive agents. TLS certificates are always verified, even when
 * NODE_TLS_REJECT_UNAUTHORIZED=0 would turn that off for the whole process; a private CA is added
 * through NODE_EXTRA_CA_CERTS, which node reads at start-up.
 */
export function createTransport({ timeoutMs, maxSockets }: TransportOptions): Transport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets }),
    'https:': new https.Agent({ keepAlive: true, maxSockets, rejectUnauthorized: true })
  }
  return {
    send: request => send(request, agents, timeoutMs),
    close: () => {
      agents['http:'].destroy()
      agents['https:'].destroy()
    }
  }
}

async function send(
  request: HttpRequest,
  agents: { 'http:': http.Agent; 'https:': https.Agent },
  timeoutMs: number
): Promise<HttpResponse> {
  const isHttps = request.url.protocol === 'https:'
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8')
  const headers = { ...request.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) }
  return new Promise<HttpResponse>((resolve, reject) => {
    const options = {
      method: request.method,
      headers,
      agent: isHttps ? agents['https:'] : agents['http:']
    }
    const req = (isHttps ? https : http).request(request.url, options, res => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        clearTimeout(timer)
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
      })
      res.on('error', error => fail(error))
    })
    const timer = setTimeout(() => {
      req.destroy(
        new TransportError(`no complete answer within ${timeoutMs / 1000} s`, 'ETIMEDOUT')
      )
    }, timeoutMs)
    const fail = (error: Error & { code?: string }): void => {
      clearTimeout(timer)
      reject(
        error instanceof TransportError
          ? error
          : new TransportError(describeNetworkError(error), error.code)
      )
    }
    req.on('error', fail)
    req.end(body)
  })
}

function describeNetworkError(error: Error & { code?: string }): string {
  const certificateProblem = CERTIFICATE_PROBLEMS[error.code ?? '']
  if (certificateProblem)
    return `TLS certificate not trusted (${error.code}): ${certificateProblem}`
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the server running and the port right?)'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found'
    case 'ECONNRESET':
      return 'connection reset by the server or a proxy'
    default:
      return error.code ? `${error.code}: ${error.message}` : error.message
  }
}
