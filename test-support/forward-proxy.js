// @ts-check
// A forward proxy on loopback, as a company network puts between its runners and its servers:
// plain HTTP forwarded by absolute URI, HTTPS through CONNECT tunnels. It reaches only the hosts it is
// given (`routes`), so a test can name a server by a host name that nothing else resolves and know
// that whatever reached it went through the proxy. Test infrastructure: never in dist/.
import * as http from 'node:http'
import * as https from 'node:https'
import * as net from 'node:net'

/**
 * @typedef {object} ProxiedRequest
 * @property {'forward' | 'connect'} kind an absolute-URI request, or a CONNECT
 * @property {string} target `host:port` asked for
 * @property {string} [url] the absolute URI of a forwarded request
 * @property {string} [proxyAuthorization] the Proxy-Authorization header, when sent
 * @property {number} status what the proxy answered (200: the tunnel is open); 0 until it does
 */

/**
 * @param {object} options
 * @param {Record<string, string>} [options.routes] `host:port` a client asks for → `host:port` the
 *   proxy connects to; anything else is answered 502
 * @param {{ username: string, password: string }} [options.credentials] asked of every request:
 *   407 without them
 * @param {{ key: string, cert: string }} [options.tls] to be an https:// proxy
 * @param {boolean} [options.echoHeaders] refuse every forwarded request (403) with a text that
 *   repeats its headers, as some proxies' error pages do
 * @param {boolean} [options.stall] never answer a CONNECT
 */
export async function startForwardProxy({
  routes = {},
  credentials,
  tls,
  echoHeaders = false,
  stall = false
} = {}) {
  /** @type {ProxiedRequest[]} */
  const requests = []
  let connections = 0
  /** @type {Set<net.Socket>} */
  const sockets = new Set()
  const track = (/** @type {net.Socket} */ socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const expected = credentials
    ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
    : undefined
  const server = tls ? https.createServer(tls) : http.createServer()
  server.on('connection', socket => {
    connections++
    track(socket)
  })
  server.on('tlsClientError', () => undefined)

  server.on('request', (req, res) => {
    let url
    try {
      url = new URL(req.url ?? '')
    } catch {
      res.writeHead(400).end('a proxy wants an absolute URI')
      return
    }
    /** @type {ProxiedRequest} */
    const record = {
      kind: 'forward',
      target: `${url.hostname}:${url.port || 80}`,
      url: req.url,
      proxyAuthorization: req.headers['proxy-authorization'],
      status: 0
    }
    requests.push(record)
    const answer = (/** @type {number} */ status, /** @type {string} */ text) => {
      record.status = status
      res
        .writeHead(status, {
          'Content-Type': 'text/plain',
          ...(status === 407 ? { 'Proxy-Authenticate': 'Basic realm="test proxy"' } : {})
        })
        .end(text)
    }
    if (expected && req.headers['proxy-authorization'] !== expected) {
      answer(407, 'Proxy authentication required')
      return
    }
    if (echoHeaders) {
      answer(403, `Refused by policy, request headers: ${JSON.stringify(req.headers)}`)
      return
    }
    const upstream = routes[record.target]
    if (!upstream) {
      answer(502, `no route to ${record.target}`)
      return
    }
    const headers = { ...req.headers }
    delete headers['proxy-authorization']
    const [host, port] = hostAndPort(upstream)
    const forward = http.request(
      { host, port, method: req.method, path: `${url.pathname}${url.search}`, headers },
      upstreamAnswer => {
        record.status = upstreamAnswer.statusCode ?? 0
        res.writeHead(record.status, upstreamAnswer.headers)
        upstreamAnswer.pipe(res)
      }
    )
    forward.on('error', () => (res.headersSent ? res.destroy() : answer(502, 'upstream failed')))
    req.pipe(forward)
  })

  server.on('connect', (req, duplex, head) => {
    const client = /** @type {net.Socket} */ (duplex)
    track(client)
    /** @type {ProxiedRequest} */
    const record = {
      kind: 'connect',
      target: req.url ?? '',
      proxyAuthorization: req.headers['proxy-authorization'],
      status: 0
    }
    requests.push(record)
    if (stall) return
    const refuse = (/** @type {number} */ status) => {
      record.status = status
      client.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${status === 407 ? 'Proxy-Authenticate: Basic realm="test proxy"\r\n' : ''}Content-Length: 0\r\n\r\n`
      )
    }
    if (expected && req.headers['proxy-authorization'] !== expected) return refuse(407)
    const upstream = routes[record.target]
    if (!upstream) return refuse(502)
    const [host, port] = hostAndPort(upstream)
    const tunnel = net.connect(port, host, () => {
      record.status = 200
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) tunnel.write(head)
      tunnel.pipe(client).pipe(tunnel)
    })
    track(tunnel)
    tunnel.on('error', () => (record.status === 0 ? refuse(502) : client.destroy()))
  })

  await new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const { port } = /** @type {net.AddressInfo} */ (server.address())
  return {
    /** `http://127.0.0.1:port` (https with `tls`), without credentials. */
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    /** TCP connections accepted so far: kept-alive requests share one. */
    connections: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise(resolve => server.close(() => resolve(undefined)))
    }
  }
}

/** @param {string} address `host:port` @returns {[string, number]} */
function hostAndPort(address) {
  const colon = address.lastIndexOf(':')
  return [address.slice(0, colon), Number(address.slice(colon + 1))]
}
