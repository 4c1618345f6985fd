import { afterEach, beforeAll, beforeEach, describe, expect, it, afterAll } from '@jest/globals'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import * as tls from 'node:tls'
import {
  createTransport,
  proxySecrets,
  TransportError,
  type HttpResponse,
  type Transport
} from '../../src/kestra/http-transport.js'
import { startForwardProxy } from '../../test-support/forward-proxy.js'
import { describeOnlyIf } from '../helpers/skip.js'
import { makeCertificates, opensslPresent, type TestCertificates } from '../helpers/tls.js'

// The transport through a loopback forward proxy, over real sockets. The servers are named by host
// names only the proxy resolves (`kestra.example.com`): @actions/http-client never proxies loopback.

const PROXY_VARIABLES = [
  'https_proxy',
  'HTTPS_PROXY',
  'http_proxy',
  'HTTP_PROXY',
  'no_proxy',
  'NO_PROXY'
]
const TLS_VARIABLE = 'NODE_TLS_REJECT_UNAUTHORIZED'
const saved = Object.fromEntries(
  [...PROXY_VARIABLES, TLS_VARIABLE].map(name => [name, process.env[name]])
)
const cleanups: Array<() => Promise<void> | void> = []

beforeEach(() => {
  // Whatever the machine running the tests sets, each test sets its own.
  for (const name of PROXY_VARIABLES) delete process.env[name]
})
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

function transport(timeoutMs = 5000): Transport {
  const created = createTransport({ timeoutMs, maxSockets: 4 })
  cleanups.push(() => created.close())
  return created
}

async function proxy(
  options: Parameters<typeof startForwardProxy>[0] = {}
): ReturnType<typeof startForwardProxy> {
  const started = await startForwardProxy(options)
  cleanups.push(() => started.close())
  return started
}

/** A loopback HTTP server answering what it received, as JSON. */
async function echoServer(): Promise<{ address: string; url: string }> {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-Echo': 'yes' })
    res.end(JSON.stringify({ method: req.method, path: req.url, headers: req.headers }))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  )
  const { port } = server.address() as AddressInfo
  return { address: `127.0.0.1:${port}`, url: `http://127.0.0.1:${port}` }
}

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise(resolve => server.close(resolve))
  return port
}

async function get(via: Transport, url: string): Promise<HttpResponse> {
  return await via.send({
    method: 'GET',
    url: new URL(url),
    headers: { Accept: 'application/json' }
  })
}

async function failure(via: Transport, url: string): Promise<TransportError> {
  const error = await get(via, url).then(
    () => undefined,
    (caught: unknown) => caught
  )
  if (!(error instanceof TransportError))
    throw new Error(`expected a TransportError, got ${String(error)}`)
  return error
}

const basic = (username: string, password: string): string =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`

describe('the transport through the runner proxy', () => {
  it('sends plain HTTP to HTTP_PROXY by absolute URI, with the credentials of its URL, on kept-alive connections', async () => {
    const server = await echoServer()
    const forward = await proxy({
      routes: { 'kestra.example.com:8080': server.address },
      credentials: { username: 'runner', password: 'p@ss word' }
    })
    process.env.HTTP_PROXY = `http://runner:p%40ss%20word@127.0.0.1:${forward.port}`
    const via = transport()
    const url = 'http://kestra.example.com:8080/api/v1/main/flows/search?page=1'
    const first = await get(via, url)
    const second = await get(via, url)
    expect(first.status).toBe(200)
    expect(first.headers['x-echo']).toBe('yes')
    expect(Buffer.isBuffer(first.body)).toBe(true)
    const seen = JSON.parse(second.body.toString('utf8')) as {
      path: string
      headers: Record<string, string>
    }
    expect(seen.path).toBe('/api/v1/main/flows/search?page=1')
    expect(seen.headers.host).toBe('kestra.example.com:8080')
    expect(seen.headers['proxy-authorization']).toBeUndefined()
    expect(forward.requests).toEqual([
      {
        kind: 'forward',
        target: 'kestra.example.com:8080',
        url,
        proxyAuthorization: basic('runner', 'p@ss word'),
        status: 200
      },
      expect.objectContaining({ url, status: 200 })
    ])
    expect(forward.connections()).toBe(1)
  })

  it('answers loopback directly, as @actions/http-client does, whatever the proxy variables say', async () => {
    const server = await echoServer()
    const forward = await proxy()
    process.env.HTTP_PROXY = forward.url
    expect((await get(transport(), `${server.url}/api/v1/configs`)).status).toBe(200)
    expect(forward.requests).toEqual([])
  })

  it.each([
    ['the host', 'kestra.invalid'],
    ['its domain', '.invalid'],
    ['the host and port, among others', 'other.example.com, kestra.invalid:8080']
  ])('goes around the proxy for a host NO_PROXY names by %s', async (_, noProxy) => {
    const forward = await proxy()
    process.env.HTTP_PROXY = forward.url
    process.env.NO_PROXY = noProxy
    // `.invalid` never resolves: the transport looked the name up itself, without the proxy.
    const error = await failure(transport(2000), 'http://kestra.invalid:8080/api/v1/configs')
    expect(['ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT']).toContain(error.code)
    expect(error.message).not.toContain('proxy')
    expect(forward.requests).toEqual([])
  })

  it('names the proxy when it refuses the connection, as a request never sent', async () => {
    const port = await closedPort()
    for (const [variable, url] of [
      ['HTTPS_PROXY', 'https://kestra.example.com/api/v1/configs'],
      ['HTTP_PROXY', 'http://kestra.example.com/api/v1/configs']
    ] as const) {
      process.env[variable] = `http://runner:Secret-9@127.0.0.1:${port}`
      const error = await failure(transport(), url)
      expect(error.message).toBe(
        `the proxy http://127.0.0.1:${port} (${variable}) refused the connection (is it running, and its address right?)`
      )
      expect([error.neverSent, error.permanent]).toEqual([true, false])
    }
  })

  it.each([
    ['CONNECT', 'HTTPS_PROXY', 'https://kestra.example.com/api/v1/configs'],
    ['an absolute URI', 'HTTP_PROXY', 'http://kestra.example.com/api/v1/configs']
  ])(
    'says a proxy answering 407 to %s wants credentials, naming it and its variable, never the password',
    async (_, variable, url) => {
      const forward = await proxy({ credentials: { username: 'runner', password: 'Right-1' } })
      process.env[variable] = forward.url
      const withNone = await failure(transport(), url)
      expect(withNone.message).toBe(
        `the proxy ${forward.url} (${variable}) answered 407 Proxy Authentication Required: it asks for a user and password: give them in ${variable} (http://user:password@host:port)`
      )
      expect([withNone.neverSent, withNone.permanent]).toEqual([true, true])

      process.env[variable] = `http://runner:Wrong-2@127.0.0.1:${forward.port}`
      const withWrong = await failure(transport(), url)
      expect(withWrong.message).toBe(
        `the proxy ${forward.url} (${variable}) answered 407 Proxy Authentication Required: it refuses the user and password in ${variable}`
      )
      expect(withWrong.message).not.toContain('Wrong-2')
      expect(forward.requests.map(request => request.proxyAuthorization)).toEqual([
        undefined,
        basic('runner', 'Wrong-2')
      ])
    }
  )

  it('names the variable it took the proxy from: https_proxy before HTTPS_PROXY', async () => {
    const forward = await proxy({ credentials: { username: 'runner', password: 'Right-1' } })
    process.env.https_proxy = forward.url
    process.env.HTTPS_PROXY = `http://127.0.0.1:${await closedPort()}`
    expect((await failure(transport(), 'https://kestra.example.com/')).message).toContain(
      `the proxy ${forward.url} (https_proxy) answered 407`
    )
  })

  it('says a proxy that cannot reach the server answered so, and may be asked again', async () => {
    const forward = await proxy()
    process.env.HTTPS_PROXY = forward.url
    const error = await failure(transport(), 'https://kestra.example.com:8443/api/v1/configs')
    expect(error.message).toBe(
      `the proxy ${forward.url} (HTTPS_PROXY) answered 502 Bad Gateway to CONNECT kestra.example.com:8443: it does not let the runner reach the server`
    )
    expect([error.neverSent, error.permanent]).toEqual([true, false])
  })

  it('times out a CONNECT the proxy never answers', async () => {
    const forward = await proxy({ stall: true })
    process.env.HTTPS_PROXY = forward.url
    const error = await failure(transport(300), 'https://kestra.example.com/api/v1/configs')
    expect(error.message).toBe('no complete answer within 0.3 s')
    expect(forward.requests).toEqual([expect.objectContaining({ kind: 'connect' })])
  })

  it('ends a CONNECT still waiting when the transport closes', async () => {
    const forward = await proxy({ stall: true })
    process.env.HTTPS_PROXY = forward.url
    const via = transport(60_000)
    const pending = failure(via, 'https://kestra.example.com/api/v1/configs')
    while (forward.requests.length === 0) await new Promise(resolve => setTimeout(resolve, 5))
    via.close()
    expect((await pending).message).toBe('the sync stopped before the proxy opened a tunnel')
  })

  it('refuses a proxy URL that is neither http:// nor https://', async () => {
    process.env.HTTPS_PROXY = 'socks5://127.0.0.1:1080'
    const error = await failure(transport(), 'https://kestra.example.com/')
    expect(error.message).toBe(
      'the proxy in HTTPS_PROXY must be an http:// or https:// URL, not socks5:'
    )
    expect([error.neverSent, error.permanent]).toEqual([true, true])
  })

  it('gives the redactor the proxy passwords (or a user alone, a token), and the tokens sent with them', () => {
    const token = (username: string, password: string): string =>
      basic(username, password).slice('Basic '.length)
    expect(
      proxySecrets({
        HTTPS_PROXY: 'http://runner:p%40ss@proxy.example.com:3128',
        http_proxy: 'proxy.example.com:3128',
        HTTP_PROXY: 'http://t0ken@proxy.example.com'
      })
    ).toEqual(['p@ss', token('runner', 'p@ss'), 't0ken', token('t0ken', '')])
  })
})

const describeTls = describeOnlyIf(opensslPresent, 'openssl is not installed')

describeTls('HTTPS through the runner proxy', () => {
  let certificates: TestCertificates
  beforeAll(async () => {
    certificates = await makeCertificates()
  })
  afterAll(async () => {
    await certificates?.remove()
  })

  /** A TLS server presenting `identity`; its address. */
  async function tlsServer(identity: { key: string; cert: string }): Promise<string> {
    const server = tls.createServer(identity, socket => socket.end())
    server.on('tlsClientError', () => undefined)
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise<void>(resolve => server.close(() => resolve())))
    return `127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it('tunnels HTTPS through CONNECT to HTTPS_PROXY, and verifies the server even with NODE_TLS_REJECT_UNAUTHORIZED=0', async () => {
    // A certificate for kestra.example.com from a CA this process does not trust (it would need
    // NODE_EXTRA_CA_CERTS at start-up): only the server behind the tunnel has it, and the
    // handshake with it must fail on it.
    const server = await tlsServer(certificates.otherHost)
    const forward = await proxy({
      routes: { 'kestra.example.com:443': server },
      credentials: { username: 'runner', password: 'Tunnel-3' }
    })
    process.env.HTTPS_PROXY = `http://runner:Tunnel-3@127.0.0.1:${forward.port}`
    process.env[TLS_VARIABLE] = '0'
    const error = await failure(transport(), 'https://kestra.example.com/api/v1/configs')
    expect(error.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE')
    expect(error.message).toContain(
      "the server's certificate is issued by a CA that is not trusted"
    )
    expect([error.neverSent, error.permanent]).toEqual([true, true])
    expect(forward.requests).toEqual([
      {
        kind: 'connect',
        target: 'kestra.example.com:443',
        proxyAuthorization: basic('runner', 'Tunnel-3'),
        status: 200
      }
    ])
  })

  it('verifies an https:// proxy, and says the certificate at fault is the proxy’s', async () => {
    const forward = await proxy({ tls: certificates.server })
    process.env.HTTPS_PROXY = forward.url
    const error = await failure(transport(), 'https://kestra.example.com/api/v1/configs')
    expect(error.message).toBe(
      `the proxy ${forward.url} (HTTPS_PROXY): TLS certificate not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE): the proxy's certificate is issued by a CA that is not trusted; to trust a private CA (or a self-signed certificate), set NODE_EXTRA_CA_CERTS to its PEM file in the step's env`
    )
    expect(forward.requests).toEqual([])
  })
})
