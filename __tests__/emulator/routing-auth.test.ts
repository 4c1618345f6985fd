import { afterAll, describe, expect, it } from '@jest/globals'
import {
  startKestraEmulator,
  type Emulator,
  type EmulatorOptions
} from '../../test-support/kestra-emulator/index.js'
import { TEST_AUTH } from '../helpers/emulator.js'
import { call, callBytes, flowYaml } from './helpers.js'

const started: Emulator[] = []
async function emulate(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startKestraEmulator({ auth: TEST_AUTH, ...options })
  started.push(emu)
  return emu
}
afterAll(async () => {
  await Promise.all(started.map(emu => emu.close()))
})

describe('GET /api/v1/configs', () => {
  it('is public from 0.24 to 1.x and reports the emulated version', async () => {
    const emu = await emulate({ version: '1.3.21' })
    const reply = await call(emu, 'GET', '/api/v1/configs', { authorization: null })
    expect(reply.status).toBe(200)
    expect(reply.json).toMatchObject({
      version: '1.3.21',
      edition: 'OSS',
      isBasicAuthInitialized: true,
      systemNamespace: 'system',
      url: emu.url
    })
    expect(typeof reply.json.uuid).toBe('string')
  })

  it('reports isBasicAuthEnabled before 0.24', async () => {
    const emu = await emulate({ version: '0.22.6', auth: undefined })
    const reply = await call(emu, 'GET', '/api/v1/configs')
    expect(reply.json.version).toBe('0.22.6')
    expect(reply.json.isBasicAuthEnabled).toBe(false)
    expect(reply.json).not.toHaveProperty('isBasicAuthInitialized')
  })

  it('needs auth from 2.0, with /configs/login public', async () => {
    const emu = await emulate({ version: '2.0.7' })
    expect((await call(emu, 'GET', '/api/v1/configs', { authorization: null })).status).toBe(401)
    expect((await call(emu, 'GET', '/api/v1/configs')).json.version).toBe('2.0.7')
    const login = await call(emu, 'GET', '/api/v1/configs/login', { authorization: null })
    expect(login.status).toBe(200)
    expect(login.json).toEqual({ isBasicAuthInitialized: true })
  })

  it('has no /configs/login route before 2.0', async () => {
    const emu = await emulate({ version: '1.3.21' })
    expect((await call(emu, 'GET', '/api/v1/configs/login')).status).toBe(404)
  })
})

describe('authentication', () => {
  it('answers 401 with a Basic challenge and an empty body up to 2.0', async () => {
    const emu = await emulate({ version: '1.3.21' })
    for (const authorization of [null, 'Basic bm9wZTpub3Bl', 'Bearer abc']) {
      const reply = await call(emu, 'GET', '/api/v1/main/flows/search', { authorization })
      expect(reply.status).toBe(401)
      expect(reply.headers.get('www-authenticate')).toBe('Basic')
      expect(reply.text).toBe('')
    }
    expect((await call(emu, 'GET', '/api/v1/main/flows/search')).status).toBe(200)
  })

  it('names the realm, unquoted, before 0.24, and guards /configs too', async () => {
    const emu = await emulate({ version: '0.23.5' })
    for (const path of ['/api/v1/main/flows/search', '/api/v1/configs']) {
      const reply = await call(emu, 'GET', path, { authorization: null })
      expect([reply.status, reply.headers.get('www-authenticate')]).toEqual([
        401,
        'Basic realm=Kestra'
      ])
    }
  })

  it('answers 401 with problem+json from 2.1', async () => {
    const emu = await emulate({ version: '2.1.0-rc1' })
    const reply = await call(emu, 'GET', '/api/v1/main/flows/search', { authorization: null })
    expect(reply.status).toBe(401)
    expect(reply.headers.get('content-type')).toBe('application/problem+json')
    expect(reply.json).toEqual({
      type: 'https://kestra.io/docs/api-reference/problems/unauthenticated',
      title: 'Authentication required',
      status: 401,
      detail: 'Authentication required',
      instance: '/api/v1/main/flows/search'
    })
  })

  it('accepts a Bearer token when one is configured', async () => {
    const emu = await emulate({ edition: 'EE', auth: { token: 'abc' } })
    expect(
      (await call(emu, 'GET', '/api/v1/main/flows/search', { authorization: 'Bearer abc' })).status
    ).toBe(200)
    const refused = await call(emu, 'GET', '/api/v1/main/flows/search', {
      authorization: 'Bearer other'
    })
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="Kestra"')
  })

  it('lets everything through when no auth is configured', async () => {
    const emu = await emulate({ auth: undefined })
    expect(
      (await call(emu, 'GET', '/api/v1/main/flows/search', { authorization: null })).status
    ).toBe(200)
  })
})

describe('tenant in the path', () => {
  it('0.22 serves tenant-less paths only', async () => {
    const emu = await emulate({ version: '0.22.6' })
    expect((await call(emu, 'GET', '/api/v1/flows/search')).status).toBe(200)
    const reply = await call(emu, 'GET', '/api/v1/main/flows/search')
    expect(reply.status).toBe(404)
    expect(reply.json.message).toBe('Not Found')
  })

  it('1.3 serves /api/v1/main and aliases tenant-less paths to main', async () => {
    const emu = await emulate({ version: '1.3.21' })
    await call(emu, 'POST', '/api/v1/main/flows', { body: flowYaml('a', 'prod') })
    expect((await call(emu, 'GET', '/api/v1/flows/prod/a')).json.id).toBe('a')
    expect((await call(emu, 'GET', '/api/v1/main/flows/prod/a')).json.id).toBe('a')
  })

  it('OSS refuses any tenant but main with 400', async () => {
    const emu = await emulate({ version: '1.3.21' })
    const reply = await call(emu, 'GET', '/api/v1/acme/flows/search')
    expect(reply.status).toBe(400)
    expect(reply.json).toMatchObject({
      message: "Bad Request: Tenant must be 'main' for OSS version",
      _links: { self: { href: '/api/v1/acme/flows/search', templated: false } }
    })
  })

  it('EE serves its tenants, keeps them apart and answers 404 for unknown ones', async () => {
    const emu = await emulate({ edition: 'EE', tenants: ['acme', 'main'] })
    await call(emu, 'POST', '/api/v1/acme/flows', { body: flowYaml('a', 'prod') })
    expect((await call(emu, 'GET', '/api/v1/acme/flows/search')).json.total).toBe(1)
    expect((await call(emu, 'GET', '/api/v1/main/flows/search')).json.total).toBe(0)
    expect(emu.store.latest('acme', 'prod', 'a')?.revision).toBe(1)
    expect((await call(emu, 'GET', '/api/v1/other/flows/search')).status).toBe(404)
  })
})

describe('routes', () => {
  it('answers unknown routes, /flows/bulk and namespace update with a 404 JsonError', async () => {
    const emu = await emulate()
    for (const [method, path] of [
      ['GET', '/api/v1/main/nothing'],
      ['POST', '/api/v1/main/flows/bulk'],
      ['POST', '/api/v1/main/flows/prod'],
      ['GET', '/']
    ]) {
      const reply = await call(
        emu,
        method,
        path,
        method === 'POST' ? { body: flowYaml('a', 'prod') } : {}
      )
      expect(reply.status).toBe(404)
      expect(reply.json.message).toBe('Not Found')
    }
    expect(emu.store.list('main')).toEqual([])
  })

  it('answers 404 as problem+json from 2.1', async () => {
    const emu = await emulate({ version: '2.1.0' })
    const reply = await call(emu, 'GET', '/api/v1/main/flows/prod/missing')
    expect(reply.headers.get('content-type')).toBe('application/problem+json')
    expect(reply.json).toMatchObject({
      type: 'https://kestra.io/docs/api-reference/problems/not-found',
      status: 404,
      detail: "Flow 'missing' not found in namespace 'prod'.",
      instance: '/api/v1/main/flows/prod/missing'
    })
  })

  it('gives fixed routes precedence over a namespace named like them', async () => {
    const emu = await emulate()
    emu.store.seed('main', flowYaml('by-query', 'export'))
    emu.store.seed('main', flowYaml('x', 'search'))
    expect((await call(emu, 'GET', '/api/v1/main/flows/search')).json).toHaveProperty('total', 2)
    expect((await callBytes(emu, '/api/v1/main/flows/export/by-query')).type).toBe(
      'application/octet-stream'
    )
  })
})

describe('harness', () => {
  it('records every request with its status, in order', async () => {
    const emu = await emulate()
    await call(emu, 'GET', '/api/v1/main/flows/search?q=x')
    await call(emu, 'GET', '/api/v1/main/flows/search', { authorization: null })
    expect(emu.requests).toEqual([
      { method: 'GET', path: '/api/v1/main/flows/search', query: 'q=x', status: 200 },
      { method: 'GET', path: '/api/v1/main/flows/search', query: '', status: 401 }
    ])
    emu.clearRequests()
    expect(emu.requests).toEqual([])
  })

  it('runs interceptors before auth and routing, until removed', async () => {
    const emu = await emulate()
    const remove = emu.use((ctx, res) => {
      if (ctx.method !== 'PUT') return false
      res.writeHead(503, { 'Content-Type': 'text/plain' }).end(`down: ${ctx.body}`)
      return true
    })
    const reply = await call(emu, 'PUT', '/api/v1/main/flows/a/b', {
      body: 'x',
      authorization: null
    })
    expect([reply.status, reply.text]).toEqual([503, 'down: x'])
    expect((await call(emu, 'GET', '/api/v1/main/flows/search')).status).toBe(200)
    remove()
    expect(
      (await call(emu, 'PUT', '/api/v1/main/flows/a/b', { body: 'x', authorization: null })).status
    ).toBe(401)
    expect(emu.requests.map(r => r.status)).toEqual([503, 200, 401])
  })

  it('records status 0 when an interceptor drops the connection', async () => {
    const emu = await emulate()
    emu.use(ctx => {
      ctx.req.socket.destroy()
      return true
    })
    await expect(fetch(`${emu.url}/api/v1/configs`)).rejects.toThrow()
    expect(emu.requests).toEqual([{ method: 'GET', path: '/api/v1/configs', query: '', status: 0 }])
  })

  it('delays answers by latencyMs', async () => {
    const emu = await emulate({ latencyMs: 60 })
    const start = Date.now()
    await call(emu, 'GET', '/api/v1/configs')
    expect(Date.now() - start).toBeGreaterThanOrEqual(55)
  })
})
