// YAML 1.1 scalars in a flow's `id` and `namespace`: what each server does with them, asserted on
// both kinds of target (see target.ts), and what the action does. Kestra keeps `id: off` as the
// flow `off`, but checks a PUT's id as YAML 1.1 reads it (`false`, src/flow/yaml11.ts, held to the
// servers here), so every later PUT of that flow is refused (`Illegal flow id update`), in 0.20.7
// as in 1.x; from 0.23 the create's answer and validate say `false` too. The action refuses such
// an unquoted id up front.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { kestraScalarText } from '../../src/flow/yaml11.js'
import { makeWorkspace, removeWorkspace } from '../helpers/workspace.js'
import { revisionsIn, runOnTarget } from './run-on-target.js'
import {
  contractTargets,
  inViolationOrder,
  jsonError,
  openTarget,
  uniqueNamespace,
  type Target
} from './target.js'

const LOG_TASK = 'io.kestra.plugin.core.log.Log'

function flowYaml(id: string, namespace: string): string {
  return `id: ${id}\nnamespace: ${namespace}\ntasks:\n  - id: log\n    type: ${LOG_TASK}\n    message: hi\n`
}

// Each a valid id as written; YAML 1.1 reads most of them as something else.
const IDS = [
  'off',
  'Off',
  'yes',
  'NO',
  'y',
  'true',
  '1e3',
  '1.5e3',
  '1.10',
  '1.0',
  '0o12',
  '012',
  '007',
  '09',
  '1_000',
  '0x1A',
  '0b101',
  '123',
  '2024-01-01'
]

describe.each(contractTargets())('YAML 1.1 scalars in flow ids: $label', spec => {
  let target: Target
  beforeAll(async () => {
    target = await openTarget(spec)
  })
  afterAll(async () => {
    await target.close()
  })

  it.each(IDS)(
    '`id: %s`: the answer and validate read it as Kestra does; the flow is kept under the text',
    async id => {
      const namespace = uniqueNamespace('contract.ids')
      const source = flowYaml(id, namespace)
      const read = target.atLeast('0.23') ? kestraScalarText(id) : id
      const created = await target.call('POST', '/flows', { body: source })
      const validated = await target.call('POST', '/flows/validate', { body: source })
      const listed = await target.call('GET', `/flows/${namespace}`)
      const byText = await target.call('GET', `/flows/${namespace}/${id}?source=true`)
      const changed = await target.call('PUT', `/flows/${namespace}/${id}`, {
        body: source.replace('message: hi', 'message: changed')
      })
      expect([
        created.status,
        created.json.id,
        validated.json[0].flow,
        listed.json.map((flow: { id: string }) => flow.id),
        byText.json.source,
        changed.status,
        changed.json.message
      ]).toEqual([
        200,
        read,
        read,
        [id],
        source,
        // Every version checks a PUT's id as YAML 1.1 reads it, 0.20.7 too.
        ...(kestraScalarText(id) === id
          ? [200, undefined]
          : [422, 'Invalid entity: flow.id: Illegal flow id update'])
      ])
    }
  )

  it('refuses `id: null` as no id: 422, but 1.0.x fails with a 500', async () => {
    const namespace = uniqueNamespace('contract.ids')
    const reply = await target.call('POST', '/flows', { body: flowYaml('null', namespace) })
    const href = `${target.apiPath}/flows`
    const refused = jsonError(
      'Invalid entity: id: must not be null\nid: must not be blank\n',
      href,
      [
        { message: 'must not be null', path: 'id' },
        { message: 'must not be blank', path: 'id' }
      ]
    )
    const crashed = jsonError(
      'Internal server error: HV000028: Unexpected exception during isValid call.',
      href
    )
    const onTheOneLine = target.atLeast('1.0') && !target.atLeast('1.1')
    expect([reply.status, inViolationOrder(reply.json)]).toEqual(
      onTheOneLine ? [500, crashed] : [422, inViolationOrder(refused)]
    )
  })

  it('fails, from 0.23, to write a namespace YAML 1.1 reads as no string', async () => {
    const id = uniqueNamespace('n').replace('.', '-')
    const created = await target.call('POST', '/flows', {
      body: `id: ${id}\nnamespace: 012\ntasks:\n  - id: log\n    type: ${LOG_TASK}\n    message: hi\n`
    })
    const cast =
      "Internal server error: class java.lang.Integer cannot be cast to class java.lang.String (java.lang.Integer and java.lang.String are in module java.base of loader 'bootstrap')"
    expect([created.status, created.json.namespace ?? created.json.message]).toEqual(
      target.atLeast('0.23') ? [500, cast] : [200, '012']
    )
  })

  it('has the action refuse an unquoted id that names another flow; quoted, it syncs', async () => {
    const namespace = uniqueNamespace('contract.ids')
    const unquoted = await makeWorkspace({ '_flows/off.yml': flowYaml('off', 'x') })
    const quoted = await makeWorkspace({ '_flows/off.yml': flowYaml('"off"', 'x') })
    try {
      const refused = await runOnTarget(target, unquoted, { 'target-namespace': namespace })
      expect([refused.exitCode, await revisionsIn(target, namespace)]).toEqual([1, []])
      expect(refused.errors.filter(error => error.properties.file)).toEqual([
        {
          name: 'error',
          properties: expect.objectContaining({ file: '_flows/off.yml', line: '1' }),
          message: `Invalid flow id: unquoted, 'off' is read by Kestra as 'false' (YAML 1.1): the flow would be created as 'off' and every later update of it refused; quote it: id: "off".`
        }
      ])
      const synced = await runOnTarget(target, quoted, { 'target-namespace': namespace })
      const again = await runOnTarget(target, quoted, { 'target-namespace': namespace })
      expect([
        synced.exitCode,
        synced.outputs.added,
        await revisionsIn(target, namespace),
        again.outputs.unchanged,
        again.outputs['has-changes']
      ]).toEqual([0, '1', ['off:1'], '1', 'false'])
    } finally {
      await removeWorkspace(unquoted)
      await removeWorkspace(quoted)
    }
  })
})
