import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdir, readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { startKestraEmulator } from '../../test-support/kestra-emulator/index.js'
import { describeWithShared, kestraTestFlows as corpus } from '../helpers/skip.js'
import { call, credentials, flowYaml, type Emulator } from './helpers.js'

// Kestra's own test flows are shipped beside the project in ../shared; a clone without it (e.g. on
// GitHub) skips their suite below and says so.

const started: Emulator[] = []
async function emulate(version: string): Promise<Emulator> {
  const emu = await startKestraEmulator({ version, auth: credentials })
  started.push(emu)
  return emu
}
let emu: Emulator
beforeAll(async () => {
  emu = await emulate('1.3.21')
})
afterAll(async () => {
  await Promise.all(started.map(e => e.close()))
})

interface Verdict {
  index: number
  flow?: string
  namespace?: string
  constraints?: string
  outdated: boolean
  deprecationPaths?: string[]
  warnings?: string[]
  infos?: string[]
}

async function validate(target: Emulator, body: string): Promise<Verdict[]> {
  const reply = await call(target, 'POST', '/api/v1/main/flows/validate', { body })
  expect(reply.status).toBe(200)
  return reply.json
}

describe('POST flows/validate', () => {
  it('answers one verdict per document, in order', async () => {
    const verdicts = await validate(
      emu,
      [
        flowYaml('a', 'prod'),
        'id: b\nnamespace: prod\ntasks: []\n',
        'id: c\nnamespace: [prod\n'
      ].join('---\n')
    )
    expect(verdicts).toEqual([
      {
        index: 0,
        flow: 'a',
        namespace: 'prod',
        outdated: false,
        deprecationPaths: [],
        warnings: [],
        infos: []
      },
      {
        index: 1,
        flow: 'b',
        namespace: 'prod',
        constraints: 'tasks: must not be empty',
        outdated: false,
        deprecationPaths: [],
        warnings: [],
        infos: []
      },
      // A flow that does not deserialize has no flow/namespace and no lists.
      { index: 2, constraints: expect.stringMatching(/^Illegal flow source: /), outdated: false }
    ])
  })

  it('splits like Kestra: a `---` line inside a script block cuts the flow in two', async () => {
    const script = [
      'id: script',
      'namespace: prod',
      'tasks:',
      '  - id: sh',
      '    type: io.kestra.plugin.scripts.shell.Script',
      '    script: |',
      '      echo start',
      '---',
      '      echo end',
      ''
    ].join('\n')
    const verdicts = await validate(emu, script)
    expect(verdicts).toHaveLength(2)
    expect(verdicts[0]).toMatchObject({ flow: 'script' })
    expect(verdicts[0]).not.toHaveProperty('constraints')
    expect(verdicts[1]?.constraints).toBeDefined()
  })

  it('keeps a leading `---`, drops an empty trailing piece but not a blank one', async () => {
    const leading = await validate(emu, `---\n${flowYaml('a', 'prod')}`)
    expect(leading).toHaveLength(1)
    expect(leading[0]).toMatchObject({ index: 0, flow: 'a' })
    expect(leading[0]).not.toHaveProperty('constraints')
    // `\n*?` is lazy: the newline after a final `---` stays in a piece of its own, which fails.
    const trailing = await validate(emu, `${flowYaml('a', 'prod')}---\n`)
    expect(trailing.map(v => v.constraints)).toEqual([
      undefined,
      'Illegal flow source: No content to map due to end-of-input'
    ])
    expect(await validate(emu, `${flowYaml('a', 'prod')}---`)).toHaveLength(1)
  })

  it('flags a `revision:` that is not the next one as outdated', async () => {
    const target = await emulate('1.3.21')
    target.store.seed('main', flowYaml('a', 'prod'))
    const verdicts = await validate(
      target,
      `revision: 2\n${flowYaml('a', 'prod')}---\nrevision: 5\n${flowYaml('a', 'prod')}`
    )
    expect(verdicts.map(v => v.outdated)).toEqual([false, true])
  })

  it('prefixes constraints from 2.1 and has no infos before 0.20', async () => {
    const newest = await validate(await emulate('2.1.0'), 'id: b\nnamespace: prod\ntasks: []\n')
    expect(newest[0]?.constraints).toBe('Validation error: tasks: must not be empty')
    const old = await call(await emulate('0.19.9'), 'POST', '/api/v1/flows/validate', {
      body: flowYaml('a', 'prod')
    })
    expect(old.json[0]).not.toHaveProperty('infos')
  })

  it('reports duplicate keys, unknown properties and duplicate task ids with Kestra wording', async () => {
    const [dupKey, unknown, dupTask] = await validate(
      emu,
      [
        'id: a\nnamespace: prod\nid: b\ntasks: []\n',
        `${flowYaml('a', 'prod')}colour: red\n`,
        `${flowYaml('a', 'prod')}errors:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n`
      ].join('\n---\n')
    )
    expect(dupKey?.constraints).toMatch(/^Illegal flow source: Duplicate field 'id'/)
    expect(unknown?.constraints).toMatch(/^Unrecognized field "colour"/)
    expect(dupTask?.constraints).toBe('Invalid Flow: Duplicate task id with name [log]')
  })

  it('checks the rules of Dag, Switch and WorkingDirectory, under their old names too, at any depth', async () => {
    const log = (id: string): string => `{ id: ${id}, type: io.kestra.plugin.core.log.Log }`
    const flow = (tasks: string): string => `id: f\nnamespace: prod\ntasks:\n${tasks}`
    const verdicts = await validate(
      emu,
      [
        flow(
          `  - id: dag\n    type: io.kestra.core.tasks.flows.Dag\n    tasks:\n` +
            `      - task: ${log('a')}\n        dependsOn: [b]\n` +
            `      - task: ${log('b')}\n        dependsOn: [c]\n      - task: ${log('c')}\n`
        ),
        flow(
          `  - id: seq\n    type: io.kestra.plugin.core.flow.Sequential\n    tasks:\n` +
            `      - id: switch\n        type: io.kestra.core.tasks.flows.Switch\n        value: x\n        cases: {}\n`
        ),
        flow(
          `  - id: switch\n    type: io.kestra.plugin.core.flow.Switch\n    value: x\n    defaults:\n      - ${log('d')}\n`
        ),
        flow(`  - id: wd\n    type: io.kestra.core.tasks.flows.Worker\n    tasks: []\n`)
      ].join('\n---\n')
    )
    expect(verdicts.map(verdict => verdict.constraints)).toEqual([
      undefined,
      'tasks[0].tasks[0]: No task defined, neither cases or default have any tasks',
      undefined,
      "tasks[0]: The 'tasks' property cannot be empty"
    ])
  })

  it('refuses a non-YAML body with 415', async () => {
    const reply = await call(emu, 'POST', '/api/v1/main/flows/validate', {
      body: '{}',
      contentType: 'application/json'
    })
    expect(reply.status).toBe(415)
  })
})

describeWithShared(corpus)("Kestra's own test flows", () => {
  it.each(['1.3.21', '0.22.6'])('finds every valid flow valid on %s', async version => {
    const target = version === '1.3.21' ? emu : await emulate(version)
    const dir = path.join(corpus, 'valids')
    const files = (await readdir(dir)).sort()
    const sources = await Promise.all(files.map(file => readFile(path.join(dir, file), 'utf8')))
    const base = version === '1.3.21' ? '/api/v1/main' : '/api/v1'
    const reply = await call(target, 'POST', `${base}/flows/validate`, {
      body: sources.join('\n---\n')
    })
    const verdicts: Verdict[] = reply.json
    expect(verdicts).toHaveLength(files.length)
    expect(
      verdicts
        .filter(v => v.constraints !== undefined)
        .map(v => `${files[v.index]}: ${v.constraints}`)
    ).toEqual([])
  })

  // Rejected by the emulator, with (part of) the message Kestra gives.
  const rejected: Record<string, string> = {
    'dag-cyclicdependency.yaml': 'tasks[0]: Cyclic dependency detected: task1, task2',
    'dag-notexist-task.yaml': 'tasks[0]: Not existing task id in dependency: taskX',
    'duplicate-inputs.yaml': 'Duplicate input with name [first_input]',
    'duplicate-key.yaml': "Duplicate field 'variables.tf'",
    'duplicate-parallel.yaml': 'Duplicate task id with name [t3]',
    'duplicate.yaml':
      'Duplicate task id with name [date, listen], Duplicate trigger id with name [trigger]',
    'empty.yaml': 'tasks: must not be empty',
    'inputs-bad-type.yaml': 'Invalid type: FOO',
    'inputs-validation.yaml': 'array: `itemType` cannot be `ARRAY`',
    'inputs.yaml': 'Invalid type: null',
    'invalid-parallel.yaml': 'id: must not be blank',
    'invalid.yaml': 'namespace: must match',
    'listener.yaml': 'listeners[0].tasks: must not be empty',
    'recursive-flow.yaml': 'Recursive call to flow [io.kestra.tests.recursive-flow]',
    'switch-invalid.yaml': 'tasks[0]: No task defined, neither cases or default have any tasks',
    'system-labels.yaml': 'tasks[0].id: must not be null',
    'worker-group.yaml':
      'tasks[0].workerGroup: Worker Group is an Enterprise Edition functionality',
    'workingdirectory-no-tasks.yaml': "tasks[0]: The 'tasks' property cannot be empty"
  }
  // Only a real server rejects these: they need the plugin registry (unknown task types, unknown task
  // properties, which tasks are runnable inside a WorkingDirectory) or Java regex compilation of an
  // input validator.
  const acceptedByEmulator = [
    'inputs-bad-validator-syntax.yaml',
    'invalid-property.yaml',
    'invalid-task.yaml',
    'workingdirectory-invalid.yaml'
  ]

  it('covers every invalid flow of the corpus', async () => {
    const files = await readdir(path.join(corpus, 'invalids'))
    expect(files.sort()).toEqual([...Object.keys(rejected), ...acceptedByEmulator].sort())
  })

  it.each(Object.entries(rejected))('rejects %s', async (file, message) => {
    const [verdict] = await validate(
      emu,
      await readFile(path.join(corpus, 'invalids', file), 'utf8')
    )
    expect(verdict?.constraints).toContain(message)
  })

  it.each(acceptedByEmulator)('lets %s through (plugin-level check)', async file => {
    const [verdict] = await validate(
      emu,
      await readFile(path.join(corpus, 'invalids', file), 'utf8')
    )
    expect(verdict?.constraints).toBeUndefined()
  })
})
