import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { strFromU8, unzipSync } from 'fflate'
import { startKestraEmulator, type Emulator } from '../../test-support/kestra-emulator/index.js'
import { TEST_AUTH } from '../helpers/emulator.js'
import { call, callBytes, flowYaml } from './helpers.js'

const started: Emulator[] = []
async function emulate(version: string): Promise<Emulator> {
  const emu = await startKestraEmulator({ version, auth: TEST_AUTH })
  started.push(emu)
  // prod, its child prod.a, and prodx which only a plain string prefix would catch
  for (const [id, namespace] of [
    ['b', 'prod'],
    ['a', 'prod'],
    ['c', 'prod.a'],
    ['d', 'prodx'],
    ['e', 'staging']
  ]) {
    emu.store.seed('main', flowYaml(id, namespace))
  }
  emu.store.seed('main', flowYaml('gone', 'prod'))
  emu.store.softDelete('main', 'prod', 'gone')
  return emu
}

let modern: Emulator
let legacy: Emulator
beforeAll(async () => {
  modern = await emulate('1.3.21')
  legacy = await emulate('0.20.7')
})
afterAll(async () => {
  await Promise.all(started.map(emu => emu.close()))
})

async function searchIds(emu: Emulator, query: string): Promise<string[]> {
  const base = emu === legacy ? '/api/v1/flows/search' : '/api/v1/main/flows/search'
  const reply = await call(emu, 'GET', `${base}?size=100&${query}`)
  expect(reply.status).toBe(200)
  return reply.json.results.map(
    (flow: { namespace: string; id: string }) => `${flow.namespace}/${flow.id}`
  )
}

describe('GET flows/search', () => {
  it('returns latest non-deleted flows without source, ordered by namespace then id', async () => {
    const reply = await call(modern, 'GET', '/api/v1/main/flows/search')
    expect(reply.json.total).toBe(5)
    expect(reply.json.results.map((f: { id: string }) => f.id)).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(reply.json.results[0]).not.toHaveProperty('source')
  })

  it('PREFIX is dot-aware, STARTS_WITH is a plain string prefix', async () => {
    expect(await searchIds(modern, 'filters[namespace][PREFIX]=prod')).toEqual([
      'prod/a',
      'prod/b',
      'prod.a/c'
    ])
    expect(await searchIds(modern, 'filters[namespace][STARTS_WITH]=prod')).toEqual([
      'prod/a',
      'prod/b',
      'prod.a/c',
      'prodx/d'
    ])
    expect(await searchIds(modern, 'filters[namespace][EQUALS]=prod')).toEqual(['prod/a', 'prod/b'])
    expect(await searchIds(modern, 'filters[namespace][NOT_EQUALS]=prod')).toEqual([
      'prod.a/c',
      'prodx/d',
      'staging/e'
    ])
  })

  it('understands percent-encoded brackets', async () => {
    expect(await searchIds(modern, 'filters%5Bnamespace%5D%5BPREFIX%5D=prod.a')).toEqual([
      'prod.a/c'
    ])
  })

  it('maps the legacy flat namespace= to the dot-aware prefix, and q= to a text query', async () => {
    expect(await searchIds(modern, 'namespace=prod')).toEqual(['prod/a', 'prod/b', 'prod.a/c'])
    expect(await searchIds(modern, 'q=STAG')).toEqual(['staging/e'])
    expect(await searchIds(modern, 'filters[q][EQUALS]=prodx')).toEqual(['prodx/d'])
  })

  it('ignores filters[...] before 0.21 but honours the flat parameters', async () => {
    expect(await searchIds(legacy, 'filters[namespace][EQUALS]=staging')).toHaveLength(5)
    expect(await searchIds(legacy, 'namespace=prod')).toEqual(['prod/a', 'prod/b', 'prod.a/c'])
  })

  it('pages (1-based, default size 10) and sorts', async () => {
    const page = await call(modern, 'GET', '/api/v1/main/flows/search?page=2&size=2')
    expect(page.json.total).toBe(5)
    expect(page.json.results.map((f: { id: string }) => f.id)).toEqual(['c', 'd'])
    expect(await searchIds(modern, 'sort=id:desc')).toEqual([
      'staging/e',
      'prodx/d',
      'prod.a/c',
      'prod/b',
      'prod/a'
    ])
    expect((await call(modern, 'GET', '/api/v1/main/flows/search?page=0')).status).toBe(422)
  })

  it('answers 422 Illegal argument for a filter it cannot apply (400 from 2.1)', async () => {
    const path = '/api/v1/main/flows/search?filters[namespace][SOUNDS_LIKE]=prod'
    const reply = await call(modern, 'GET', path)
    expect([reply.status, reply.json.message]).toEqual([
      422,
      'Illegal argument: No enum constant io.kestra.core.models.QueryFilter.Op.SOUNDS_LIKE'
    ])
    const newest = await startKestraEmulator({ version: '2.1.0', auth: TEST_AUTH })
    try {
      const refused = await call(newest, 'GET', path)
      expect([refused.status, refused.json.title]).toEqual([400, 'Invalid query filters'])
    } finally {
      await newest.close()
    }
  })
})

describe('GET flows/{namespace}', () => {
  it('lists exactly that namespace', async () => {
    const reply = await call(modern, 'GET', '/api/v1/main/flows/prod')
    expect(reply.json.map((f: { id: string }) => f.id)).toEqual(['a', 'b'])
  })
})

describe('GET flows/export/by-query', () => {
  it('zips the matching sources verbatim as <ns>-<id>.yml from 1.0', async () => {
    const reply = await callBytes(
      modern,
      '/api/v1/main/flows/export/by-query?filters[namespace][PREFIX]=prod'
    )
    expect(reply.type).toBe('application/octet-stream')
    const entries = unzipSync(reply.bytes)
    expect(Object.keys(entries).sort()).toEqual(['prod-a.yml', 'prod-b.yml', 'prod.a-c.yml'])
    expect(strFromU8(entries['prod-a.yml'] as Uint8Array)).toBe(flowYaml('a', 'prod'))
  })

  it('names entries <ns>.<id>.yml before 1.0 and exports the whole tenant without a filter', async () => {
    const entries = unzipSync((await callBytes(legacy, '/api/v1/flows/export/by-query')).bytes)
    expect(Object.keys(entries).sort()).toEqual([
      'prod.a.c.yml',
      'prod.a.yml',
      'prod.b.yml',
      'prodx.d.yml',
      'staging.e.yml'
    ])
  })
})

describe('answers of the scope-wide reads', () => {
  it('stay the same between writes and follow every write', async () => {
    const emu = await startKestraEmulator({ auth: TEST_AUTH })
    started.push(emu)
    emu.store.seed('main', flowYaml('a', 'team'))
    const search = '/api/v1/main/flows/search?filters[namespace][PREFIX]=team'
    const exported = '/api/v1/main/flows/export/by-query?filters[namespace][PREFIX]=team'
    const ids = async (): Promise<string[]> =>
      (await call(emu, 'GET', search)).json.results.map((flow: { id: string }) => flow.id)
    const names = async (): Promise<string[]> =>
      Object.keys(unzipSync((await callBytes(emu, exported)).bytes)).sort()
    expect(await ids()).toEqual(['a'])
    expect(await names()).toEqual(['team-a.yml'])
    expect((await call(emu, 'GET', search)).text).toBe((await call(emu, 'GET', search)).text)

    const created = await call(emu, 'POST', '/api/v1/main/flows', { body: flowYaml('b', 'team') })
    expect(created.status).toBe(200)
    expect(await ids()).toEqual(['a', 'b'])
    expect(await names()).toEqual(['team-a.yml', 'team-b.yml'])
    expect((await call(emu, 'DELETE', '/api/v1/main/flows/team/a')).status).toBe(204)
    expect(await ids()).toEqual(['b'])
    expect(await names()).toEqual(['team-b.yml'])
  })
})
