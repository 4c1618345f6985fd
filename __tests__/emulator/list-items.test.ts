import { afterAll, describe, expect, it } from '@jest/globals'
import { startKestraEmulator, type Emulator } from '../../test-support/kestra-emulator/index.js'
import { TEST_AUTH } from '../helpers/emulator.js'
import { call } from './helpers.js'

// An item of a top-level list that is not an object (`- bad indentation`), as real servers answer
// it: 0.20.7, 1.0.3 and 1.3.0 were asked (validate, create, update) for every list and kind.
const started: Emulator[] = []
async function emulate(version: string): Promise<Emulator> {
  const emu = await startKestraEmulator({ version, auth: TEST_AUTH })
  started.push(emu)
  return emu
}
afterAll(async () => {
  await Promise.all(started.map(emu => emu.close()))
})

const LOG = '  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n'
/** A flow whose `section` list holds `item`; `tasks` holds a valid task unless it is the section. */
function flowWith(section: string, item: string): string {
  const head = 'id: probe\nnamespace: company.team\n'
  if (section === 'tasks') return `${head}tasks:\n  - ${item}\n`
  if (section === 'inputs') return `${head}inputs:\n  - ${item}\ntasks:\n${LOG}`
  return `${head}tasks:\n${LOG}${section}:\n  - ${item}\n`
}
/** 0.20.7 has no tenant in its paths. */
const base = (version: string): string => (version === '0.20.7' ? '/api/v1' : '/api/v1/main')

async function validate(
  emu: Emulator,
  version: string,
  source: string
): Promise<string | undefined> {
  const reply = await call(emu, 'POST', `${base(version)}/flows/validate`, { body: source })
  expect(reply.status).toBe(200)
  return reply.json[0].constraints
}

const genericTask = (
  value: string,
  line: number,
  section = 'tasks',
  type = 'tasks.GenericTask'
): string =>
  `Illegal genericflow source: Cannot construct instance of \`io.kestra.core.models.${type}\` (although at least one Creator exists): no String-argument constructor/factory method to deserialize from String value ('${value}')\n at [Source: (StringReader); line: ${line}, column: 5] (through reference chain: io.kestra.core.models.flows.GenericFlow["${section}"]->java.util.ArrayList[0])`

describe('a top-level list item that is not an object', () => {
  it('passes validation in tasks, triggers, errors, finally and afterExecution, as on every real server', async () => {
    for (const version of ['0.20.7', '1.0.3', '1.3.21']) {
      const emu = await emulate(version)
      for (const section of ['tasks', 'triggers', 'errors']) {
        expect(await validate(emu, version, flowWith(section, 'bad indentation'))).toBeUndefined()
      }
    }
    const emu = await emulate('1.3.21')
    for (const section of ['finally', 'afterExecution']) {
      expect(await validate(emu, '1.3.21', flowWith(section, 'bad indentation'))).toBeUndefined()
    }
  })

  it('in tasks or triggers, is refused on create and update from 0.23, where the server reads a GenericFlow first', async () => {
    const emu = await emulate('1.0.3')
    const tasks = await call(emu, 'POST', '/api/v1/main/flows', {
      body: flowWith('tasks', 'bad indentation')
    })
    expect(tasks.status).toBe(422)
    expect(tasks.json.message).toBe(`Invalid entity: ${genericTask('bad indentation', 4)}`)
    expect(tasks.json._embedded.errors).toEqual([
      {
        message: genericTask('bad indentation', 4),
        path: 'yaml',
        logref: null,
        _links: {},
        _embedded: {}
      }
    ])
    const triggers = await call(emu, 'POST', '/api/v1/main/flows', {
      body: flowWith('triggers', 'bad indentation')
    })
    expect(triggers.json.message).toBe(
      `Invalid entity: ${genericTask('bad indentation', 8, 'triggers', 'triggers.GenericTrigger')}`
    )
    expect(emu.store.list('main')).toEqual([])

    const created = await call(emu, 'POST', '/api/v1/main/flows', { body: flowWith('errors', 'x') })
    expect(created.status).toBe(200)
    const updated = await call(emu, 'PUT', '/api/v1/main/flows/company.team/probe', {
      body: flowWith('triggers', 'bad indentation')
    })
    expect(updated.status).toBe(422)
    expect(updated.json.message).toBe(
      `Invalid entity: ${genericTask('bad indentation', 8, 'triggers', 'triggers.GenericTrigger')}`
    )
  })

  it('names the kind of value as Jackson does, at its line and column', async () => {
    const emu = await emulate('1.0.3')
    const message = async (item: string): Promise<string> =>
      (await call(emu, 'POST', '/api/v1/main/flows', { body: flowWith('tasks', item) })).json
        .message
    const task = '`io.kestra.core.models.tasks.GenericTask`'
    const chain =
      '(through reference chain: io.kestra.core.models.flows.GenericFlow["tasks"]->java.util.ArrayList[0])'
    const creator = `Cannot construct instance of ${task} (although at least one Creator exists): no`
    expect(await message('42')).toBe(
      `Invalid entity: Illegal genericflow source: ${creator} int/Int-argument constructor/factory method to deserialize from Number value (42)\n at [Source: (StringReader); line: 4, column: 5] ${chain}`
    )
    expect(await message('1.5')).toContain(
      'no double/Double-argument constructor/factory method to deserialize from Number value (1.5)'
    )
    expect(await message('true')).toContain(
      'no boolean/Boolean-argument constructor/factory method to deserialize from boolean value (true)'
    )
    expect(await message("'quoted x'")).toContain(
      "deserialize from String value ('quoted x')\n at [Source: (StringReader); line: 4, column: 5]"
    )
    expect(await message('[a]')).toBe(
      `Invalid entity: Illegal genericflow source: Cannot deserialize value of type ${task} from Array value (token \`JsonToken.START_ARRAY\`)\n at [Source: (StringReader); line: 4, column: 5] ${chain}`
    )
    expect(await message('')).toBe(
      `Invalid entity: Illegal genericflow source: Cannot coerce empty String ("") to ${task} value (but could if coercion was enabled using \`CoercionConfig\`)\n at [Source: (StringReader); line: 4, column: 4] ${chain}`
    )
    // A null item is a null task to Jackson: accepted, as by the real server.
    expect(
      (await call(emu, 'POST', '/api/v1/main/flows', { body: flowWith('tasks', '~') })).status
    ).toBe(200)
  })

  it('from 2.1, which words YAML errors with a prefix and a line, carries them too', async () => {
    const emu = await emulate('2.1.0')
    const reply = await call(emu, 'POST', '/api/v1/main/flows', {
      body: flowWith('tasks', 'bad indentation')
    })
    expect(reply.status).toBe(422)
    expect(reply.json.detail).toBe(
      genericTask('bad indentation', 4).replace(
        'Illegal genericflow source: ',
        'Illegal genericflow source: YAML parsing error: '
      ) + ' (at line 4)'
    )
  })

  it('in tasks or triggers, is stored before 0.23, as 0.20.7 stores it', async () => {
    const emu = await emulate('0.20.7')
    const reply = await call(emu, 'POST', '/api/v1/flows', {
      body: flowWith('triggers', 'bad indentation')
    })
    expect(reply.status).toBe(200)
  })

  it('in listeners, is refused by validation and writes, worded for the version', async () => {
    const old = await emulate('0.20.7')
    const listener = '`io.kestra.core.models.listeners.Listener`'
    const jackson = `Cannot construct instance of ${listener} (although at least one Creator exists): no String-argument constructor/factory method to deserialize from String value ('bad indentation')`
    expect(await validate(old, '0.20.7', flowWith('listeners', 'bad indentation'))).toBe(
      `Illegal flow yaml: ${jackson}\n at [Source: (StringReader); line: 8, column: 5] (through reference chain: io.kestra.core.models.flows.Flow["listeners"]->java.util.ArrayList[0])`
    )
    const emu = await emulate('1.0.3')
    const expected = `Illegal flowwithsource source: ${jackson}\n at [Source: UNKNOWN; byte offset: #UNKNOWN] (through reference chain: io.kestra.core.models.flows.FlowWithSource["listeners"]->java.util.ArrayList[0])`
    // 1.0's validate puts the exception's class before a parse failure, as the real 1.0.3 does.
    expect(await validate(emu, '1.0.3', flowWith('listeners', 'bad indentation'))).toBe(
      `jakarta.validation.ConstraintViolationException: ${expected}`
    )
    const created = await call(emu, 'POST', '/api/v1/main/flows', {
      body: flowWith('listeners', 'bad indentation')
    })
    expect(created.status).toBe(422)
    expect(created.json.message).toBe(`Invalid entity: ${expected}`)
  })

  it('in inputs, is an input without type', async () => {
    const emu = await emulate('1.0.3')
    expect(await validate(emu, '1.0.3', flowWith('inputs', 'bad indentation'))).toBe(
      'jakarta.validation.ConstraintViolationException: Invalid type: null'
    )
  })
})
