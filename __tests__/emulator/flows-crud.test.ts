import { afterAll, describe, expect, it } from '@jest/globals'
import { startKestraEmulator, type Emulator } from '../../test-support/kestra-emulator/index.js'
import { TEST_AUTH } from '../helpers/emulator.js'
import { call, flowYaml } from './helpers.js'

const started: Emulator[] = []
async function emulate(version = '1.3.21'): Promise<Emulator> {
  const emu = await startKestraEmulator({ version, auth: TEST_AUTH })
  started.push(emu)
  return emu
}
afterAll(async () => {
  await Promise.all(started.map(emu => emu.close()))
})

const hello = flowYaml('hello', 'company.team')

describe('create, update, delete and revisions', () => {
  it('numbers revisions like the JDBC repository', async () => {
    const emu = await emulate()
    const created = await call(emu, 'POST', '/api/v1/main/flows', { body: hello })
    expect(created.status).toBe(200)
    expect(created.json).toMatchObject({
      id: 'hello',
      namespace: 'company.team',
      revision: 1,
      disabled: false,
      deleted: false,
      source: hello,
      tasks: [{ id: 'log', type: 'io.kestra.plugin.core.log.Log', message: 'hello' }]
    })

    // Same text (a `revision:` line aside) is a no-op: nothing written, same revision.
    const same = await call(emu, 'PUT', '/api/v1/main/flows/company.team/hello', {
      body: `revision: 7\n${hello}`
    })
    expect(same.json.revision).toBe(1)
    expect(emu.store.revisions('main', 'company.team', 'hello')).toHaveLength(1)

    const changed = await call(emu, 'PUT', '/api/v1/main/flows/company.team/hello', {
      body: `${hello}# note\n`
    })
    expect(changed.json.revision).toBe(2)

    expect((await call(emu, 'DELETE', '/api/v1/main/flows/company.team/hello')).status).toBe(204)
    expect(emu.store.latest('main', 'company.team', 'hello')).toBeUndefined()
    expect(emu.store.latest('main', 'company.team', 'hello', { allowDeleted: true })).toMatchObject(
      {
        revision: 3,
        deleted: true
      }
    )
    expect((await call(emu, 'GET', '/api/v1/main/flows/company.team/hello')).status).toBe(404)
    const deleted = await call(
      emu,
      'GET',
      '/api/v1/main/flows/company.team/hello?allowDeleted=true'
    )
    expect(deleted.json).toMatchObject({ revision: 3, deleted: true })
    expect(
      (await call(emu, 'PUT', '/api/v1/main/flows/company.team/hello', { body: hello })).status
    ).toBe(404)
    expect((await call(emu, 'DELETE', '/api/v1/main/flows/company.team/hello')).status).toBe(404)

    const recreated = await call(emu, 'POST', '/api/v1/main/flows', { body: hello })
    expect(recreated.json.revision).toBe(4)

    // The deleted marker is listed on request from 1.2 (1.3.0 does so; 0.20.7 and 1.0.3 always).
    const revisions = await call(
      emu,
      'GET',
      '/api/v1/main/flows/company.team/hello/revisions?allowDelete=true'
    )
    expect(
      revisions.json.map((flow: { revision: number; deleted: boolean }) => [
        flow.revision,
        flow.deleted
      ])
    ).toEqual([
      [1, false],
      [2, false],
      [3, true],
      [4, false]
    ])
    const first = await call(
      emu,
      'GET',
      '/api/v1/main/flows/company.team/hello?revision=1&source=true'
    )
    expect(first.json).toMatchObject({ revision: 1, source: hello })
  })

  it('counts a disabled flag change as a change', async () => {
    const emu = await emulate()
    await call(emu, 'POST', '/api/v1/main/flows', { body: hello })
    const disabled = await call(emu, 'PUT', '/api/v1/main/flows/company.team/hello', {
      body: `${hello}disabled: true\n`
    })
    expect(disabled.json).toMatchObject({ revision: 2, disabled: true })
  })

  it('returns source only with source=true, raw on 1.x and without the revision line on 0.x', async () => {
    const withRevision = `revision: 3\n${hello}`
    const modern = await emulate('1.3.21')
    await call(modern, 'POST', '/api/v1/main/flows', { body: withRevision })
    expect(
      (await call(modern, 'GET', '/api/v1/main/flows/company.team/hello')).json
    ).not.toHaveProperty('source')
    const raw = await call(modern, 'GET', '/api/v1/main/flows/company.team/hello?source=true')
    expect(raw.json).toMatchObject({ revision: 1, source: withRevision })

    const legacy = await emulate('0.22.6')
    await call(legacy, 'POST', '/api/v1/flows', { body: withRevision })
    expect(
      (await call(legacy, 'GET', '/api/v1/flows/company.team/hello?source=true')).json.source
    ).toBe(hello)
  })

  it('applies the 0.x no-op rule: a stored `revision:` line makes every PUT of that file a new revision', async () => {
    const withRevision = `revision: 1\n${hello}`
    const legacy = await emulate('0.22.6')
    await call(legacy, 'POST', '/api/v1/flows', { body: withRevision })
    expect(
      (await call(legacy, 'PUT', '/api/v1/flows/company.team/hello', { body: withRevision })).json
        .revision
    ).toBe(2)
    expect(
      (await call(legacy, 'PUT', '/api/v1/flows/company.team/hello', { body: withRevision })).json
        .revision
    ).toBe(3)

    const modern = await emulate('1.3.21')
    await call(modern, 'POST', '/api/v1/main/flows', { body: withRevision })
    expect(
      (await call(modern, 'PUT', '/api/v1/main/flows/company.team/hello', { body: withRevision }))
        .json.revision
    ).toBe(1)
  })

  it('accepts and echoes `draft` from 2.0', async () => {
    const emu = await emulate('2.0.7')
    const created = await call(emu, 'POST', '/api/v1/main/flows?draft=false', { body: hello })
    expect(created.json).toMatchObject({ revision: 1, draft: false })
    expect(typeof created.json.updated).toBe('string')
  })
})

describe('write errors', () => {
  it('refuses to create an existing flow: 422 until 2.0, 409 entity-already-exists from 2.1', async () => {
    const v1 = await emulate('1.3.21')
    await call(v1, 'POST', '/api/v1/main/flows', { body: hello })
    const again = await call(v1, 'POST', '/api/v1/main/flows', { body: hello })
    expect(again.status).toBe(422)
    expect(again.json).toEqual({
      message: 'Invalid entity: flow.id: Flow id already exists',
      logref: null,
      path: null,
      _links: {
        self: {
          href: '/api/v1/main/flows',
          templated: false,
          profile: null,
          deprecation: null,
          title: null,
          hreflang: null,
          type: null,
          name: null
        }
      },
      _embedded: {
        errors: [
          {
            message: 'Flow id already exists',
            logref: null,
            path: 'flow.id',
            _links: {},
            _embedded: {}
          }
        ]
      }
    })

    const v21 = await emulate('2.1.0')
    await call(v21, 'POST', '/api/v1/main/flows', { body: hello })
    const conflict = await call(v21, 'POST', '/api/v1/main/flows', { body: hello })
    expect(conflict.status).toBe(409)
    expect(conflict.headers.get('content-type')).toBe('application/problem+json')
    expect(conflict.json).toEqual({
      type: 'https://kestra.io/docs/api-reference/problems/entity-already-exists',
      title: 'Entity already exists',
      status: 409,
      detail: "A flow with id 'hello' already exists in namespace 'company.team'.",
      instance: '/api/v1/main/flows'
    })
  })

  it('answers 422 with the violations of an invalid flow', async () => {
    const emu = await emulate()
    const empty = await call(emu, 'POST', '/api/v1/main/flows', {
      body: 'id: a\nnamespace: prod\ntasks: []\n'
    })
    expect(empty.status).toBe(422)
    expect(empty.json.message).toBe('Invalid entity: tasks: must not be empty\n')
    expect(empty.json._embedded.errors).toMatchObject([
      { message: 'must not be empty', path: 'tasks' }
    ])

    const unknown = await call(emu, 'POST', '/api/v1/main/flows', { body: `${hello}colour: red\n` })
    expect(unknown.json.message).toMatch(
      /^Invalid entity: Unrecognized field "colour" \(class io\.kestra\.core\.models\.flows\.FlowWithSource\), not marked as ignorable/
    )

    const syntax = await call(emu, 'POST', '/api/v1/main/flows', {
      body: 'id: a\nnamespace: [prod\n'
    })
    expect(syntax.status).toBe(422)
    expect(syntax.json.message).toMatch(
      /^Invalid entity: Illegal genericflow source: YAML parsing error: .*line: 3.* \(at line 3\)$/s
    )

    const blank = await call(emu, 'POST', '/api/v1/main/flows', { body: '  \n' })
    expect(blank.json.message).toBe(
      'Illegal argument: Cannot create flow with null or blank source'
    )
    expect(emu.store.list('main')).toEqual([])
  })

  it('renders validation failures as problem+json from 2.1', async () => {
    const emu = await emulate('2.1.0')
    const reply = await call(emu, 'POST', '/api/v1/main/flows', {
      body: 'id: a\nnamespace: prod\ntasks:\n  - type: x\n'
    })
    expect(reply.status).toBe(422)
    expect(reply.json).toMatchObject({
      type: 'https://kestra.io/docs/api-reference/problems/validation-failed',
      status: 422,
      errors: [
        { detail: 'must not be null', pointer: '/tasks/0/id', path: 'tasks[0].id' },
        { detail: 'must not be blank', pointer: '/tasks/0/id', path: 'tasks[0].id' }
      ]
    })
  })

  it('refuses to move a flow through PUT', async () => {
    const emu = await emulate()
    await call(emu, 'POST', '/api/v1/main/flows', { body: hello })
    const renamed = await call(emu, 'PUT', '/api/v1/main/flows/company.team/hello', {
      body: flowYaml('other', 'company.other')
    })
    expect(renamed.status).toBe(422)
    expect(renamed.json.message).toBe(
      'Invalid entity: flow.id: Illegal flow id update, flow.namespace: Illegal namespace update'
    )
  })

  it('never reads JSON (or any other type) as YAML', async () => {
    const emu = await emulate()
    for (const contentType of ['application/json', 'text/plain']) {
      const reply = await call(emu, 'POST', '/api/v1/main/flows', { body: hello, contentType })
      expect(reply.status).toBe(415)
    }
    expect(emu.store.list('main')).toEqual([])
  })

  it('accepts reserved flow ids before 1.0 only', async () => {
    const reserved = flowYaml('pause', 'prod')
    expect(
      (await call(await emulate('0.22.6'), 'POST', '/api/v1/flows', { body: reserved })).status
    ).toBe(200)
    const v1 = await call(await emulate('1.0.45'), 'POST', '/api/v1/main/flows', { body: reserved })
    expect(v1.status).toBe(422)
    expect(v1.json._embedded.errors).toMatchObject([
      {
        message:
          'Invalid Flow: Flow id is a reserved keyword: pause. List of reserved keywords: pause, resume, force-run, change-status, kill, executions, search, source, disable, enable',
        path: ''
      }
    ])
  })
})

describe('store access', () => {
  it('seeds with create semantics and soft-deletes', async () => {
    const emu = await emulate()
    const seeded = emu.store.seed('main', hello)
    expect(seeded).toMatchObject({
      tenant: 'main',
      namespace: 'company.team',
      id: 'hello',
      revision: 1,
      deleted: false,
      disabled: false,
      source: hello
    })
    expect(() => emu.store.seed('main', hello)).toThrow(/already exists/)
    expect(() => emu.store.seed('main', 'id: [x\n')).toThrow(/does not parse/)
    expect(emu.store.softDelete('main', 'company.team', 'hello')?.revision).toBe(2)
    expect(emu.store.softDelete('main', 'company.team', 'hello')).toBeUndefined()
    expect(emu.store.seed('main', hello).revision).toBe(3)
    expect(emu.store.revisions('main', 'company.team', 'hello').map(f => f.deleted)).toEqual([
      false,
      true,
      false
    ])
    expect(emu.store.list('main').map(f => f.id)).toEqual(['hello'])
  })
})
