import { afterAll, describe, expect, it } from '@jest/globals'
import { startKestraEmulator, type Emulator } from '../../test-support/kestra-emulator/index.js'
import { TEST_AUTH } from '../helpers/emulator.js'
import { call, flowYaml } from './helpers.js'

// FlowService.checkValidSubflows as each version line applies it (test-support/kestra-emulator/subflows.js).

const started: Emulator[] = []
async function emulate(version: string, edition: 'OSS' | 'EE' = 'OSS'): Promise<Emulator> {
  const emu = await startKestraEmulator({ version, edition, auth: TEST_AUTH, tenants: ['main'] })
  started.push(emu)
  return emu
}
afterAll(async () => {
  await Promise.all(started.map(emu => emu.close()))
})

const NS = 'company.team'
const SUBFLOW = 'io.kestra.plugin.core.flow.Subflow'

interface SubflowCall {
  flowId?: string
  namespace?: string
  type?: string
}

/** A Subflow task as YAML list item lines, indented for a top-level `tasks:` list. */
function subflowTask(id: string, { flowId, namespace = NS, type = SUBFLOW }: SubflowCall): string {
  const lines = [`  - id: ${id}`, `    type: ${type}`, `    namespace: "${namespace}"`]
  if (flowId !== undefined) lines.push(`    flowId: "${flowId}"`)
  return `${lines.join('\n')}\n`
}

function parent(tasks: string, id = 'parent'): string {
  return `id: ${id}\nnamespace: ${NS}\ntasks:\n${tasks}`
}

const missingMessage = (flowId: string, namespace = NS): string =>
  `The subflow '${flowId}' not found in namespace '${namespace}'.`
const disabledMessage = (flowId: string, namespace = NS): string =>
  `The subflow '${flowId}' is disabled in namespace '${namespace}'.`

interface Verdict {
  flow?: string
  constraints?: string
  warnings?: string[]
}

// Tenant-less paths exist in every version (aliased to `main` from 0.23).
async function validate(emu: Emulator, body: string): Promise<Verdict[]> {
  const reply = await call(emu, 'POST', '/api/v1/flows/validate', { body })
  expect(reply.status).toBe(200)
  return reply.json
}

function seedChild(emu: Emulator, id = 'child', extra = ''): void {
  emu.store.seed('main', `${flowYaml(id, NS)}${extra}`)
}

describe('1.x and later: a validate warning, never a refusal', () => {
  it('warns about a missing subflow, not about an existing one', async () => {
    const emu = await emulate('1.3.21')
    seedChild(emu)
    const [missing, existing] = await validate(
      emu,
      [
        parent(subflowTask('call', { flowId: 'nope' })),
        parent(subflowTask('call', { flowId: 'child' }))
      ].join('---\n')
    )
    expect(missing).toMatchObject({ flow: 'parent', warnings: [missingMessage('nope')] })
    expect(missing).not.toHaveProperty('constraints')
    expect(existing?.warnings).toEqual([])
    expect(existing).not.toHaveProperty('constraints')
  })

  it('warns about a disabled subflow, and a deleted one is missing', async () => {
    const emu = await emulate('1.3.21')
    seedChild(emu, 'off', 'disabled: true\n')
    seedChild(emu, 'gone')
    emu.store.softDelete('main', NS, 'gone')
    const [verdict] = await validate(
      emu,
      parent(subflowTask('a', { flowId: 'off' }) + subflowTask('b', { flowId: 'gone' }))
    )
    expect(verdict?.warnings).toEqual([disabledMessage('off'), missingMessage('gone')])
  })

  it('skips a dynamic flowId or namespace', async () => {
    const emu = await emulate('1.3.21')
    const [verdict] = await validate(
      emu,
      parent(
        subflowTask('a', { flowId: '{{ inputs.child }}' }) +
          subflowTask('b', { flowId: 'child', namespace: '{{ flow.namespace }}' }) +
          subflowTask('c', { flowId: 'child_{{ inputs.n }}' })
      )
    )
    expect(verdict?.warnings).toEqual([])
  })

  it('checks the Subflow aliases, and only top-level tasks', async () => {
    const emu = await emulate('1.3.21')
    const nested = [
      '  - id: seq',
      '    type: io.kestra.plugin.core.flow.Sequential',
      '    tasks:',
      `      - id: inner`,
      `        type: ${SUBFLOW}`,
      `        namespace: ${NS}`,
      '        flowId: nested',
      '  - id: each',
      '    type: io.kestra.plugin.core.flow.ForEachItem',
      '    items: "{{ outputs.x.uri }}"',
      `    namespace: ${NS}`,
      '    flowId: per_item',
      'errors:',
      `  - id: on_error`,
      `    type: ${SUBFLOW}`,
      `    namespace: ${NS}`,
      '    flowId: handler',
      ''
    ].join('\n')
    const [verdict] = await validate(
      emu,
      parent(
        subflowTask('old', { flowId: 'legacy', type: 'io.kestra.core.tasks.flows.Subflow' }) +
          subflowTask('older', { flowId: 'oldest', type: 'io.kestra.core.tasks.flows.Flow' }) +
          nested
      )
    )
    expect(verdict?.warnings).toEqual([missingMessage('legacy'), missingMessage('oldest')])
    expect(verdict).not.toHaveProperty('constraints')
  })

  it('still warns when the model is invalid', async () => {
    const emu = await emulate('1.3.21')
    const [verdict] = await validate(
      emu,
      parent(subflowTask('call', { flowId: 'nope' }) + subflowTask('call', { flowId: 'nope' }))
    )
    expect(verdict).toMatchObject({
      constraints: 'Validation error:  Invalid Flow: Duplicate task id with name [call]\n',
      warnings: [missingMessage('nope'), missingMessage('nope')]
    })
  })

  it('looks in the same tenant only', async () => {
    const emu = await startKestraEmulator({ version: '1.3.21', edition: 'EE', tenants: ['a', 'b'] })
    started.push(emu)
    emu.store.seed('a', flowYaml('child', NS))
    const body = parent(subflowTask('call', { flowId: 'child' }))
    const inA = await call(emu, 'POST', '/api/v1/a/flows/validate', { body })
    const inB = await call(emu, 'POST', '/api/v1/b/flows/validate', { body })
    expect(inA.json[0].warnings).toEqual([])
    expect(inB.json[0].warnings).toEqual([missingMessage('child')])
  })

  it('creates and updates a flow calling a missing subflow', async () => {
    const emu = await emulate('1.3.21')
    const body = parent(subflowTask('call', { flowId: 'nope' }))
    expect((await call(emu, 'POST', '/api/v1/main/flows', { body })).status).toBe(200)
    const updated = await call(emu, 'PUT', `/api/v1/main/flows/${NS}/parent`, {
      body: `${body}description: again\n`
    })
    expect(updated.status).toBe(200)
    expect(updated.json.revision).toBe(2)
  })

  it('warns the same way in 2.1 (no prefix: warnings are not constraints)', async () => {
    const emu = await emulate('2.1.0')
    const [verdict] = await validate(emu, parent(subflowTask('call', { flowId: 'nope' })))
    expect(verdict?.warnings).toEqual([missingMessage('nope')])
    expect(verdict).not.toHaveProperty('constraints')
  })
})

describe('0.21.5 to 0.x: already a warning', () => {
  it('0.22.6 warns about missing and disabled subflows and accepts writes', async () => {
    const emu = await emulate('0.22.6')
    seedChild(emu)
    seedChild(emu, 'off', 'disabled: true\n')
    const body = parent(
      subflowTask('a', { flowId: 'nope' }) +
        subflowTask('b', { flowId: 'off' }) +
        subflowTask('c', { flowId: 'child' })
    )
    const [verdict] = await validate(emu, body)
    expect(verdict?.warnings).toEqual([missingMessage('nope'), disabledMessage('off')])
    expect(verdict).not.toHaveProperty('constraints')
    expect((await call(emu, 'POST', '/api/v1/flows', { body })).status).toBe(200)
    const updated = await call(emu, 'PUT', `/api/v1/flows/${NS}/parent`, {
      body: `${body}description: again\n`
    })
    expect(updated.status).toBe(200)
  })

  it('0.21.5 does not yet report a disabled subflow', async () => {
    const emu = await emulate('0.21.5')
    seedChild(emu, 'off', 'disabled: true\n')
    const [verdict] = await validate(
      emu,
      parent(subflowTask('a', { flowId: 'nope' }) + subflowTask('b', { flowId: 'off' }))
    )
    expect(verdict?.warnings).toEqual([missingMessage('nope')])
  })
})

describe('0.21.0 to 0.21.4: an error in validate and PUT', () => {
  it('reports a missing subflow as constraints on flow.tasks', async () => {
    const emu = await emulate('0.21.4')
    seedChild(emu)
    seedChild(emu, 'off', 'disabled: true\n')
    const [missing, fine] = await validate(
      emu,
      [
        parent(subflowTask('a', { flowId: 'nope' }) + subflowTask('b', { flowId: 'gone' })),
        parent(subflowTask('a', { flowId: 'child' }) + subflowTask('b', { flowId: 'off' }))
      ].join('---\n')
    )
    expect(missing).toMatchObject({
      flow: 'parent',
      constraints: `flow.tasks: ${missingMessage('nope')}, flow.tasks: ${missingMessage('gone')}`,
      warnings: []
    })
    expect(fine).not.toHaveProperty('constraints')
  })

  it('reports model violations first', async () => {
    const emu = await emulate('0.21.4')
    const [verdict] = await validate(
      emu,
      parent(subflowTask('call', { flowId: 'nope' }) + subflowTask('call', { flowId: 'nope' }))
    )
    expect(verdict?.constraints).toBe(': Invalid Flow: Duplicate task id with name [call]\n')
  })

  it('skips dynamic values from 0.21.2 only', async () => {
    const body = parent(subflowTask('call', { flowId: '{{ inputs.child }}' }))
    const [before] = await validate(await emulate('0.21.1'), body)
    expect(before?.constraints).toBe(`flow.tasks: ${missingMessage('{{ inputs.child }}')}`)
    const [after] = await validate(await emulate('0.21.2'), body)
    expect(after).not.toHaveProperty('constraints')
  })

  it('prints a missing flowId as null', async () => {
    const [verdict] = await validate(await emulate('0.21.0'), parent(subflowTask('call', {})))
    expect(verdict?.constraints).toBe(`flow.tasks: ${missingMessage('null')}`)
  })

  it('refuses the PUT with 422 but lets the create through', async () => {
    const emu = await emulate('0.21.4')
    const body = parent(subflowTask('call', { flowId: 'nope' }))
    expect((await call(emu, 'POST', '/api/v1/flows', { body })).status).toBe(200)
    const path = `/api/v1/flows/${NS}/parent`
    const refused = await call(emu, 'PUT', path, { body: `${body}description: again\n` })
    expect(refused.status).toBe(422)
    expect(refused.json).toMatchObject({
      message: `Invalid entity: flow.tasks: ${missingMessage('nope')}`,
      _embedded: { errors: [{ message: missingMessage('nope'), path: 'flow.tasks' }] }
    })
    expect(emu.store.revisions('main', NS, 'parent')).toHaveLength(1)

    // Between parsing and the model validation: an unknown property wins, a model violation does not.
    const unknown = await call(emu, 'PUT', path, { body: `${body}colour: red\n` })
    expect(unknown.json.message).toMatch(/^Invalid entity: Unrecognized field "colour"/)
    const duplicate = await call(emu, 'PUT', path, {
      body: body + subflowTask('call', { flowId: 'nope' })
    })
    expect(duplicate.json.message).toBe(
      `Invalid entity: flow.tasks: ${missingMessage('nope')}, flow.tasks: ${missingMessage('nope')}`
    )

    seedChild(emu, 'nope')
    const accepted = await call(emu, 'PUT', path, { body: `${body}description: again\n` })
    expect(accepted.status).toBe(200)
  })
})

describe('before 0.21', () => {
  it('has no subflow check', async () => {
    const emu = await emulate('0.20.7')
    const body = parent(subflowTask('call', { flowId: 'nope' }))
    const [verdict] = await validate(emu, body)
    expect(verdict?.warnings).toEqual([])
    expect(verdict).not.toHaveProperty('constraints')
    expect((await call(emu, 'POST', '/api/v1/flows', { body })).status).toBe(200)
    const path = `/api/v1/flows/${NS}/parent`
    expect((await call(emu, 'PUT', path, { body: `${body}description: x\n` })).status).toBe(200)
  })
})
