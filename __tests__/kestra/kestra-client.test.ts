import { afterEach, describe, expect, it } from '@jest/globals'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  connectKestra,
  type ClientOptions,
  type KestraClient
} from '../../src/kestra/kestra-client.js'
import {
  startKestraEmulator,
  type Emulator,
  type EmulatorOptions
} from '../../test-support/kestra-emulator/index.js'
import { TEST_AUTH } from '../helpers/emulator.js'
import { apiFailure } from '../helpers/failure.js'
import { flowYaml } from '../helpers/workspace.js'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

async function emulate(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startKestraEmulator({ auth: TEST_AUTH, ...options })
  cleanups.push(() => emulator.close())
  return emulator
}

async function connect(url: string, overrides: Partial<ClientOptions> = {}): Promise<KestraClient> {
  const client = await connectKestra({
    kestraUrl: new URL(url),
    credentials: { kind: 'basic', ...TEST_AUTH },
    tenant: 'main',
    timeoutMs: 5000,
    concurrency: 4,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 1000 },
    ...overrides
  })
  cleanups.push(() => client.close())
  return client
}

/** A loopback server that is not Kestra. */
async function foreignServer(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** Opens once `count` parties have arrived; each waits for it to open. */
function latch(count: number): { arrive: () => Promise<void>; opened: Promise<void> } {
  let arrived = 0
  let open = (): void => undefined
  const opened = new Promise<void>(resolve => (open = resolve))
  return {
    arrive: () => {
      if (++arrived >= count) open()
      return opened
    },
    opened
  }
}

describe('connectKestra', () => {
  it.each([
    ['1.3.21', true, true],
    ['2.0.7', true, true],
    ['0.22.6', false, true],
    ['0.20.12', false, false]
  ])(
    'reads version %s and picks the paths and query syntax',
    async (version, tenantInPath, queryFilters) => {
      const emulator = await emulate({ version })
      const client = await connect(emulator.url)
      expect(client.server).toEqual({
        version,
        edition: 'OSS',
        tenantInPath,
        queryFilters,
        reservedFlowIds: !version.startsWith('0.'),
        flowDrafts: version.startsWith('2.')
      })
    }
  )

  it('says what to check on 401, by the kind of credentials', async () => {
    const emulator = await emulate({ version: '2.0.7' })
    expect(
      (await apiFailure(connect(emulator.url, { credentials: { kind: 'none' } }))).message
    ).toMatch(
      /answered 401 to GET \/api\/v1\/configs\. The server requires authentication: set 'username' and 'password', or 'api-token'\./
    )
    expect(
      (
        await apiFailure(
          connect(emulator.url, {
            credentials: { kind: 'basic', ...TEST_AUTH, password: 'nope' }
          })
        )
      ).message
    ).toMatch(/Check 'username' and 'password'/)
    const bearer = await emulate({ version: '2.0.7', edition: 'EE', auth: { token: 'good-token' } })
    expect(
      (
        await apiFailure(
          connect(bearer.url, { credentials: { kind: 'bearer', token: 'bad-token' } })
        )
      ).message
    ).toMatch(/Check 'api-token'/)
    expect(
      (await connect(bearer.url, { credentials: { kind: 'bearer', token: 'good-token' } })).server
        .edition
    ).toBe('EE')
  })

  it('says when the URL is not a Kestra server', async () => {
    const notFound = await foreignServer((_req, res) =>
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>404</h1>')
    )
    expect((await apiFailure(connect(notFound))).message).toMatch(
      /No Kestra API at http:\/\/127\.0\.0\.1:\d+\/ .*check the input 'kestra-url'/
    )
    const page = await foreignServer((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>')
    )
    expect((await apiFailure(connect(page))).message).toMatch(/is not JSON \(text\/html\)/)
  })

  it.each([
    ['/api/v1/main/flows/search', true],
    ['/api/v1/flows/search', false]
  ])(
    'recognises a server without the configs endpoint by its flow search (%s)',
    async (searchPath, tenantInPath) => {
      const gateway = await foreignServer((req, res) => {
        if (req.url?.startsWith(`${searchPath}?`)) {
          res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"results":[],"total":0}')
        } else
          res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"Not Found"}')
      })
      const client = await connect(gateway)
      expect(client.server).toMatchObject({ version: 'unknown', tenantInPath, queryFilters: true })
    }
  )

  it('says where a redirecting URL points', async () => {
    const redirect = await foreignServer((req, res) =>
      res.writeHead(301, { Location: `https://kestra.example.com${req.url}` }).end()
    )
    expect((await apiFailure(connect(redirect))).message).toMatch(
      /answered 301 to GET \/api\/v1\/configs\. It redirects to https:\/\/kestra\.example\.com: use that address as 'kestra-url'\./
    )
    const login = await foreignServer((_req, res) =>
      res.writeHead(302, { Location: '/login' }).end()
    )
    expect((await apiFailure(connect(login))).message).toMatch(
      /answered 302 to GET \/api\/v1\/configs\. It redirects to \/login: check the input 'kestra-url'\./
    )
  })

  it('says a write that got no answer may have been applied', async () => {
    const emulator = await emulate()
    emulator.use((request: { method: string }, response: http.ServerResponse) => {
      if (request.method !== 'POST') return false
      response.destroy()
      return true
    })
    const client = await connect(emulator.url)
    expect(
      (await apiFailure(client.createFlow({ namespace: 'prod', id: 'a' }, flowYaml('a', 'prod'))))
        .message
    ).toMatch(
      /^No answer from Kestra to POST \/api\/v1\/main\/flows \(connection reset by the server or a proxy\): the write may or may not have been applied/
    )
  })

  it('keeps a server message to one short line', async () => {
    const emulator = await emulate()
    emulator.use((request: { method: string }, response: http.ServerResponse) => {
      if (request.method !== 'POST') return false
      const detail = `Boom\n${'\tat io.kestra.Some.method(Some.java:1)\n'.repeat(50)}`
      response
        .writeHead(500, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ message: detail }))
      return true
    })
    const client = await connect(emulator.url)
    expect(
      (await apiFailure(client.createFlow({ namespace: 'prod', id: 'a' }, flowYaml('a', 'prod'))))
        .message
    ).toBe('Kestra answered 500 to POST /api/v1/main/flows: Boom. Gave up after 3 attempts.')
  })

  it('says when the server cannot be reached or does not answer in time', async () => {
    expect((await apiFailure(connect('http://127.0.0.1:9'))).message).toMatch(
      /Could not reach Kestra at http:\/\/127\.0\.0\.1:9 \(GET \/api\/v1\/configs\): connection refused/
    )
    const silent = await foreignServer(() => undefined)
    expect((await apiFailure(connect(silent, { timeoutMs: 300 }))).message).toMatch(
      /no complete answer within 0\.3 s/
    )
  })

  it('names the tenant when an OSS server refuses it', async () => {
    const emulator = await emulate()
    const client = await connect(emulator.url, { tenant: 'acme' })
    const error = await apiFailure(client.listFlows({ namespace: 'a', includeChildren: false }))
    expect(error.status).toBe(400)
    expect(error.message).toMatch(/Tenant must be 'main'.*Check the input 'tenant' \(now 'acme'/)
  })
})

describe('KestraClient on the emulator', () => {
  it('lists a scope with its sources in three requests, dot-aware', async () => {
    const emulator = await emulate()
    for (const [id, namespace] of [
      ['a', 'prod'],
      ['b', 'prod.team'],
      ['c', 'prodx'],
      ['d', 'pro']
    ] as const) {
      emulator.store.seed('main', flowYaml(id, namespace))
    }
    const client = await connect(emulator.url)
    emulator.clearRequests()
    const children = await client.listFlows({ namespace: 'prod', includeChildren: true })
    expect(children.map(flow => [flow.namespace, flow.id, flow.revision])).toEqual([
      ['prod', 'a', 1],
      ['prod.team', 'b', 1]
    ])
    expect(children[1]?.source).toBe(flowYaml('b', 'prod.team'))
    expect(emulator.requests.map((request: { path: string }) => request.path).sort()).toEqual([
      '/api/v1/main/flows/export/by-query',
      '/api/v1/main/flows/search'
    ])
    const exact = await client.listFlows({ namespace: 'prod', includeChildren: false })
    expect(exact.map(flow => flow.id)).toEqual(['a'])
  })

  it('falls back to the flat namespace parameter when the server refuses filters', async () => {
    const emulator = await emulate()
    emulator.store.seed('main', flowYaml('a', 'prod.x'))
    emulator.store.seed('main', flowYaml('b', 'prodx'))
    emulator.use((request: { query: string }, response: http.ServerResponse) => {
      if (!decodeURIComponent(request.query).includes('filters[')) return false
      response
        .writeHead(400, { 'Content-Type': 'application/json' })
        .end('{"message":"Invalid query filters"}')
      return true
    })
    const client = await connect(emulator.url)
    const flows = await client.listFlows({ namespace: 'prod', includeChildren: true })
    expect(flows.map(flow => flow.id)).toEqual(['a'])
  })

  it('refuses a search answer it cannot read rather than seeing no flows', async () => {
    const emulator = await emulate()
    emulator.use((request: { path: string }, response: http.ServerResponse) => {
      if (!request.path.endsWith('/flows/search')) return false
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('[]')
      return true
    })
    const client = await connect(emulator.url)
    const error = await apiFailure(client.listFlows({ namespace: 'prod', includeChildren: false }))
    expect(error.message).toMatch(/answer to GET flows\/search has no `results` list/)
  })

  it('reads every page when the server caps the page size', async () => {
    const emulator = await emulate()
    for (let i = 0; i < 5; i++) emulator.store.seed('main', flowYaml(`f${i}`, 'prod'))
    emulator.use((request: { path: string; params: URLSearchParams }) => {
      if (request.path.endsWith('/flows/search')) request.params.set('size', '2')
      return false
    })
    const client = await connect(emulator.url)
    const flows = await client.listFlows({ namespace: 'prod', includeChildren: false })
    expect(flows.map(flow => flow.id)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4'])
    expect(
      emulator.requests.filter((request: { path: string }) =>
        request.path.endsWith('/flows/search')
      )
    ).toHaveLength(3)
  })

  it('reads a search page of over 2 MB, which it scans rather than parses whole, as a small one', async () => {
    const emulator = await emulate()
    // Each flow's model, its long message included, is in the search page: 3 x 0.8 MB.
    const long = 'x'.repeat(800_000)
    for (const id of ['big-a', 'big-b', 'big-c']) {
      emulator.store.seed('main', flowYaml(id, 'prod', long))
    }
    emulator.store.append(
      'main',
      { namespace: 'prod', id: 'big-b', disabled: false },
      flowYaml('big-b', 'prod', `${long}y`)
    )
    const client = await connect(emulator.url)
    let pageBytes = 0
    emulator.use((request: { path: string }, response: http.ServerResponse) => {
      if (!request.path.endsWith('/flows/search')) return false
      const end = response.end.bind(response)
      response.end = ((body: string) => {
        pageBytes = Buffer.byteLength(body)
        return end(body)
      }) as typeof response.end
      return false
    })
    const flows = await client.listFlows({ namespace: 'prod', includeChildren: false })
    expect(pageBytes).toBeGreaterThan(2 * 1024 * 1024)
    expect(flows.map(flow => [flow.id, flow.revision, flow.source.length])).toEqual([
      ['big-a', 1, flowYaml('big-a', 'prod', long).length],
      ['big-b', 2, flowYaml('big-b', 'prod', long).length + 1],
      ['big-c', 1, flowYaml('big-c', 'prod', long).length]
    ])
  })

  it('uses the flat namespace parameter on servers older than 0.21', async () => {
    const emulator = await emulate({ version: '0.20.12' })
    emulator.store.seed('main', flowYaml('a', 'prod.x'))
    emulator.store.seed('main', flowYaml('b', 'prodx'))
    const client = await connect(emulator.url)
    emulator.clearRequests()
    expect(
      (await client.listFlows({ namespace: 'prod', includeChildren: true })).map(flow => flow.id)
    ).toEqual(['a'])
    expect(
      emulator.requests.every((request: { query: string }) =>
        request.query.includes('namespace=prod')
      )
    ).toBe(true)
  })

  it.each([
    ['is not a ZIP', 200, 'not a zip'],
    ['is missing (404)', 404, '{"message":"Page Not Found"}'],
    ['refuses the media type (406)', 406, '']
  ])('reads each flow on its own when the export %s', async (_case, status, body) => {
    const emulator = await emulate()
    emulator.store.seed('main', flowYaml('a', 'prod', 'from the store'))
    emulator.use((request: { path: string }, response: http.ServerResponse) => {
      if (!request.path.endsWith('/export/by-query')) return false
      response
        .writeHead(status, { 'Content-Type': 'application/octet-stream' })
        .end(Buffer.from(body))
      return true
    })
    const client = await connect(emulator.url)
    const flows = await client.listFlows({ namespace: 'prod', includeChildren: false })
    expect(flows.map(flow => [flow.id, flow.revision, flow.source])).toEqual([
      ['a', 1, flowYaml('a', 'prod', 'from the store')]
    ])
    expect(emulator.requests.map((request: { path: string }) => request.path)).toContain(
      '/api/v1/main/flows/prod/a'
    )
  })

  it('does not hide a server error of the export', async () => {
    const emulator = await emulate()
    emulator.use((request: { path: string }, response: http.ServerResponse) => {
      if (!request.path.endsWith('/export/by-query')) return false
      response
        .writeHead(500, { 'Content-Type': 'application/json' })
        .end('{"message":"Internal server error: boom"}')
      return true
    })
    const client = await connect(emulator.url)
    const error = await apiFailure(client.listFlows({ namespace: 'prod', includeChildren: false }))
    expect(error.message).toMatch(
      /^Kestra answered 500 to GET \/api\/v1\/main\/flows\/export\/by-query: Internal server error: boom/
    )
  })

  it('validates many flows in one request and maps each verdict back', async () => {
    const emulator = await emulate()
    const client = await connect(emulator.url)
    emulator.clearRequests()
    const verdicts = await client.validateFlows([
      flowYaml('a', 'prod'),
      'id: b\nnamespace: prod\ntasks: []\n',
      flowYaml('c', 'prod')
    ])
    expect(verdicts.map(verdict => verdict.constraints === undefined)).toEqual([true, false, true])
    expect(verdicts[1]?.constraints).toMatch(/tasks/)
    expect(emulator.requests).toHaveLength(1)
  })

  it('sends the batches of a large validation side by side, within the concurrency', async () => {
    const emulator = await emulate()
    let inFlight = 0
    let mostInFlight = 0
    // No batch is answered before two are in flight at once: they overlap by construction, and a
    // client sending them one after the other would never get an answer.
    const twoArrived = latch(2)
    emulator.use(async request => {
      if (!request.path.endsWith('/flows/validate')) return false
      mostInFlight = Math.max(mostInFlight, ++inFlight)
      await twoArrived.arrive()
      // Passed on, it is answered at once (the routes are synchronous).
      inFlight--
      return false
    })
    const client = await connect(emulator.url, { concurrency: 2 })
    emulator.clearRequests()
    const sources = Array.from({ length: 700 }, (_, i) =>
      i === 650 ? `id: f${i}\nnamespace: prod\ntasks: []\n` : flowYaml(`f${i}`, 'prod')
    )
    const verdicts = await client.validateFlows(sources)
    expect(emulator.requests).toHaveLength(3)
    expect(mostInFlight).toBe(2)
    expect(verdicts.flatMap((verdict, i) => (verdict.constraints ? [i] : []))).toEqual([650])
  })

  it('starts no validation batch after one fails, and lets the one in flight finish first', async () => {
    const emulator = await emulate()
    let validations = 0
    let secondAnswered = false
    const firstFailed = latch(1)
    emulator.use(async (request, response) => {
      if (!request.path.endsWith('/flows/validate')) return false
      if (++validations === 1) {
        // A failure that no retry mends.
        response.writeHead(403, { 'Content-Type': 'application/json' }).end('{"message":"denied"}')
        void firstFailed.arrive()
        return true
      }
      // In flight when the first fails, and answered only after it.
      await firstFailed.opened
      secondAnswered = true
      return false
    })
    const client = await connect(emulator.url, { concurrency: 2 })
    emulator.clearRequests()
    const sources = Array.from({ length: 700 }, (_, i) => flowYaml(`f${i}`, 'prod'))
    expect((await apiFailure(client.validateFlows(sources))).status).toBe(403)
    // Thrown once the batch in flight was answered, and no third batch was started.
    expect(secondAnswered).toBe(true)
    expect(validations).toBe(2)
  })

  it('creates, updates, keeps the revision on a no-op update, and deletes', async () => {
    const emulator = await emulate()
    const client = await connect(emulator.url)
    expect(await client.createFlow({ namespace: 'prod', id: 'a' }, flowYaml('a', 'prod'))).toEqual({
      revision: 1
    })
    expect(
      await client.updateFlow({ namespace: 'prod', id: 'a' }, flowYaml('a', 'prod', 'v2'))
    ).toMatchObject({ revision: 2 })
    expect(
      await client.updateFlow({ namespace: 'prod', id: 'a' }, flowYaml('a', 'prod', 'v2'))
    ).toMatchObject({ revision: 2 })
    await client.deleteFlow({ namespace: 'prod', id: 'a' })
    expect(emulator.store.latest('main', 'prod', 'a')).toBeUndefined()
    expect((await apiFailure(client.deleteFlow({ namespace: 'prod', id: 'a' }))).status).toBe(404)
  })

  it('publishes flows on servers that have drafts (2.0+)', async () => {
    const emulator = await emulate({ version: '2.0.7' })
    const client = await connect(emulator.url)
    await client.createFlow({ namespace: 'prod', id: 'a' }, flowYaml('a', 'prod'))
    await client.updateFlow({ namespace: 'prod', id: 'a' }, flowYaml('a', 'prod', 'v2'))
    const writes = emulator.requests.filter(
      (request: { method: string }) => request.method !== 'GET'
    )
    expect(writes.map((request: { query: string }) => request.query)).toEqual([
      'draft=false',
      'draft=false'
    ])
  })

  it.each([
    ['1.3.21', 422, /Flow id already exists/],
    ['2.1.0', 409, /already exists/]
  ])('reports the server message of an error body (%s)', async (version, status, message) => {
    const emulator = await emulate({ version })
    const client = await connect(emulator.url)
    await client.createFlow({ namespace: 'prod', id: 'a' }, flowYaml('a', 'prod'))
    const error = await apiFailure(
      client.createFlow({ namespace: 'prod', id: 'a' }, flowYaml('a', 'prod'))
    )
    expect(error.status).toBe(status)
    expect(error.message).toMatch(/^Kestra answered \d+ to POST \/api\/v1\/main\/flows: /)
    expect(error.message).toMatch(message)
  })
})
