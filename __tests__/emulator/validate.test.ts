import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdir, readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { startKestraEmulator, type Emulator } from '../../test-support/kestra-emulator/index.js'
import { describeWithShared, kestraTestFlows as corpus } from '../helpers/skip.js'
import { TEST_AUTH } from '../helpers/emulator.js'
import { call, flowYaml } from './helpers.js'

// Kestra's own test flows are shipped beside the project in ../shared; a clone without it (e.g. on
// GitHub) skips their suite below and says so.

const started: Emulator[] = []
async function emulate(version: string): Promise<Emulator> {
  const emu = await startKestraEmulator({ version, auth: TEST_AUTH })
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
        constraints: 'Validation error: tasks: must not be empty\n',
        outdated: false,
        deprecationPaths: [],
        warnings: [],
        infos: []
      },
      // A flow that does not deserialize has no flow/namespace and no lists.
      {
        index: 2,
        constraints: expect.stringMatching(
          /^Validation error: Illegal Flow source: YAML parsing error: /
        ),
        outdated: false
      }
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
      'Validation error: Illegal Flow source: YAML parsing error: No content to map due to end-of-input\n at [Source: (StringReader); line: 1, column: 1] (at line 1)'
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

  it('words constraints per version and has no infos before 0.20', async () => {
    const empty = 'id: b\nnamespace: prod\ntasks: []\n'
    const untyped = 'id: c\nnamespace: prod\ntasks:\n  - id: log\n'
    const wording = async (version: string, base: string): Promise<unknown[]> =>
      (
        await call(await emulate(version), 'POST', `${base}/flows/validate`, {
          body: `${empty}---\n${untyped}`
        })
      ).json.map((verdict: Verdict) => verdict.constraints)
    // As 0.20.7, 1.0.3 and 1.3.0 answer (the contract suite checks them on real servers).
    expect(await wording('0.20.7', '/api/v1')).toEqual([
      'tasks: must not be empty\n',
      'Invalid type: <null>'
    ])
    expect(await wording('1.0.3', '/api/v1/main')).toEqual([
      'tasks: must not be empty\n',
      'jakarta.validation.ConstraintViolationException: Invalid type: <null>'
    ])
    expect(await wording('1.3.0', '/api/v1/main')).toEqual([
      'Validation error: tasks: must not be empty\n',
      'Validation error: Invalid type: <null>'
    ])
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
    expect(dupKey?.constraints).toBe(
      "Validation error: Illegal Flow source: YAML parsing error: Duplicate field 'id'\n at [Source: (StringReader); line: 3, column: 3] (at line 3)"
    )
    expect(unknown?.constraints).toMatch(/^Validation error: Unrecognized field "colour"/)
    expect(dupTask?.constraints).toBe(
      'Validation error:  Invalid Flow: Duplicate task id with name [log]\n'
    )
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
    // The message names the task in place of each `tasks[N]` of its path (1.3.0 does so).
    expect(verdicts.map(verdict => verdict.constraints)).toEqual([
      undefined,
      'Validation error: switch.switch: No task defined, neither cases or default have any tasks\n',
      undefined,
      "Validation error: wd: The 'tasks' property cannot be empty\nwd.tasks: The 'tasks' property cannot be empty\n"
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
  // On 1.x (1.0.3 and 1.3.0 do the same) `pause` is a reserved id; 1.3 wants an input with
  // defaults to be required (kv.yaml's is not).
  const refusedValids: Record<string, string[]> = {
    '1.3.21': ['kv.yaml', 'pause.yaml'],
    '0.22.6': []
  }

  it.each(['1.3.21', '0.22.6'])(
    'finds every valid flow valid on %s, but what it refuses',
    async version => {
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
      expect(verdicts.filter(v => v.constraints !== undefined).map(v => files[v.index])).toEqual(
        refusedValids[version]
      )
    }
  )

  // Rejected by the emulator (1.3.21, worded as 1.3.0 answers), with (part of) the message.
  const rejected: Record<string, string> = {
    'dag-cyclicdependency.yaml': 'dag: Cyclic dependency detected: task1, task2',
    'dag-notexist-task.yaml': 'dag: Not existing task id in dependency: taskX',
    'duplicate-inputs.yaml': 'Duplicate input with name [first_input]',
    'duplicate-parallel.yaml': 'Duplicate task id with name [t3]',
    'duplicate.yaml':
      'Duplicate task id with name [date, listen], Duplicate trigger id with name [trigger]',
    'empty.yaml': 'tasks: must not be empty',
    'inputs-bad-type.yaml': 'Invalid type: FOO',
    'inputs-validation.yaml': 'array: `itemType` cannot be ARRAY',
    'inputs.yaml': 'Invalid type: null',
    'invalid-parallel.yaml': 'para2.tasks: must not be null',
    'invalid.yaml': 'namespace: must match',
    'listener.yaml': 'listeners[0].tasks: must not be empty',
    'recursive-flow.yaml': 'Recursive call to flow [io.kestra.tests.recursive-flow]',
    'switch-invalid.yaml': 'impossible: No task defined, neither cases or default have any tasks',
    'system-labels.yaml':
      'System labels can only be set by Kestra itself, offending label: system.label=system_key',
    'workingdirectory-no-tasks.yaml': "impossible.tasks: The 'tasks' property cannot be empty"
  }
  // Accepted from 1.0 (0.20.7 refuses them, 1.0.3 and 1.3.0 accept them): a task's workerGroup in
  // OSS, a repeated key below the flow's own keys.
  const acceptedFrom10 = ['duplicate-key.yaml', 'worker-group.yaml']
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
    expect(files.sort()).toEqual(
      [...Object.keys(rejected), ...acceptedFrom10, ...acceptedByEmulator].sort()
    )
  })

  it.each(Object.entries(rejected))('rejects %s', async (file, message) => {
    const [verdict] = await validate(
      emu,
      await readFile(path.join(corpus, 'invalids', file), 'utf8')
    )
    expect(verdict?.constraints).toContain(message)
  })

  it.each(acceptedFrom10)('rejects %s before 1.0 only', async file => {
    const source = await readFile(path.join(corpus, 'invalids', file), 'utf8')
    const [old] = (
      await call(await emulate('0.20.7'), 'POST', '/api/v1/flows/validate', { body: source })
    ).json
    const [verdict] = await validate(emu, source)
    expect([old.constraints !== undefined, verdict?.constraints]).toEqual([true, undefined])
  })

  it.each(acceptedByEmulator)('lets %s through (plugin-level check)', async file => {
    const [verdict] = await validate(
      emu,
      await readFile(path.join(corpus, 'invalids', file), 'utf8')
    )
    expect(verdict?.constraints).toBeUndefined()
  })
})
