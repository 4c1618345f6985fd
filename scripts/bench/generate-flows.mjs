// @ts-check
// Realistic flow files for the benchmark, shaped like Kestra's own test flows
// (../shared/corpus/kestra-tests/valids): labels, typed inputs, nested flowable tasks, schedule and
// flow triggers, multi-line scripts, comments. Deterministic: the same count gives the same files.
import { mkdir, writeFile } from 'node:fs/promises'
import * as path from 'node:path'

/**
 * @typedef {object} GeneratedFlow
 * @property {string} relativePath path under the flows folder, `/`-separated
 * @property {string} namespace the namespace the file's folder maps to
 * @property {string} id
 * @property {string} source
 */

const DOMAINS = ['sales', 'marketing', 'finance', 'ops', 'data', 'hr', 'product', 'support']
const AREAS = ['etl', 'reports', 'alerts', 'ml', 'billing', 'crm', 'exports', 'quality', 'infra']
const VERBS = ['load', 'sync', 'export', 'clean', 'score', 'notify', 'refresh', 'archive', 'check']
const OBJECTS = [
  'orders',
  'customers',
  'invoices',
  'events',
  'leads',
  'tickets',
  'metrics',
  'users'
]
const TEAMS = ['analytics', 'platform', 'growth', 'backoffice']

/** A small seeded generator (mulberry32): the files depend on the index alone. @param {number} seed */
function random(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * @template T
 * @param {() => number} rand
 * @param {readonly T[]} items
 * @returns {T}
 */
const pick = (rand, items) => /** @type {T} */ (items[Math.floor(rand() * items.length)])

/**
 * `count` distinct folders, one to three levels deep (`sales`, `sales/etl`, `sales/etl/daily`):
 * each is a child namespace of the target.
 * @param {number} count
 */
export function namespaceFolders(count) {
  /** @type {string[]} */
  const folders = []
  for (let index = 0; folders.length < count; index++) {
    const domain = DOMAINS[index % DOMAINS.length]
    const area = AREAS[Math.floor(index / DOMAINS.length) % AREAS.length]
    const round = Math.floor(index / (DOMAINS.length * AREAS.length))
    const depth = index % 3
    const parts = [domain]
    if (depth >= 1 || round > 0) parts.push(round > 0 ? `${area}${round}` : area)
    if (depth === 2) parts.push('daily')
    const folder = parts.join('/')
    if (!folders.includes(folder)) folders.push(folder)
  }
  return folders
}

/**
 * The flows of a repository: `flows` files spread over `namespaces` folders under `target`.
 * @param {{ flows: number, namespaces: number, target: string }} options
 * @returns {GeneratedFlow[]}
 */
export function generateFlows({ flows, namespaces, target }) {
  const folders = namespaceFolders(namespaces)
  return Array.from({ length: flows }, (_, index) => {
    const folder = /** @type {string} */ (folders[index % folders.length])
    const rand = random(index + 1)
    const id = `${pick(rand, VERBS)}-${pick(rand, OBJECTS)}-${index}`
    const namespace = `${target}.${folder.replace(/\//g, '.')}`
    return {
      relativePath: `${folder}/${id}.yml`,
      namespace,
      id,
      source: flowSource(rand, { id, namespace, index })
    }
  })
}

/**
 * Writes the flows under `directory`.
 * @param {string} directory
 * @param {readonly GeneratedFlow[]} flows
 */
export async function writeFlows(directory, flows) {
  const folders = new Set(flows.map(flow => path.dirname(flow.relativePath)))
  for (const folder of folders) await mkdir(path.join(directory, folder), { recursive: true })
  // Bounded, so that 10,000 files do not open 10,000 descriptors at once.
  for (let start = 0; start < flows.length; start += 256) {
    await Promise.all(
      flows
        .slice(start, start + 256)
        .map(flow => writeFile(path.join(directory, flow.relativePath), flow.source))
    )
  }
}

/**
 * A change a person makes to a flow: a line of its description.
 * @param {string} source
 * @param {number} generation makes each change differ from the one before
 */
export function editFlow(source, generation) {
  return source.replace('description: |\n', `description: |\n  Reviewed in change ${generation}.\n`)
}

/**
 * @param {() => number} rand
 * @param {{ id: string, namespace: string, index: number }} flow
 */
function flowSource(rand, flow) {
  const kind = rand()
  // About half are small like most test flows, a third carry a script, the rest nest flowables.
  if (kind < 0.5) return smallFlow(rand, flow)
  if (kind < 0.85) return scriptFlow(rand, flow)
  return nestedFlow(rand, flow)
}

/** @param {() => number} rand @param {{ id: string, namespace: string }} flow */
function header(rand, { id, namespace }) {
  const object = pick(rand, OBJECTS)
  return [
    `id: ${id}`,
    `namespace: ${namespace}`,
    `description: |`,
    `  Keeps the ${object} of the ${pick(rand, TEAMS)} team up to date.`,
    `  Owner: ${pick(rand, TEAMS)}@example.com`,
    '',
    'labels:',
    `  team: ${pick(rand, TEAMS)}`,
    `  tier: "${1 + Math.floor(rand() * 3)}"`,
    ''
  ]
}

/** @param {() => number} rand @param {{ id: string, namespace: string }} flow */
function smallFlow(rand, flow) {
  return [
    ...header(rand, flow),
    'tasks:',
    '  - id: hello',
    '    type: io.kestra.plugin.core.log.Log',
    `    message: "Starting {{ flow.id }} for ${pick(rand, OBJECTS)}"`,
    '',
    '  - id: value',
    '    type: io.kestra.plugin.core.debug.Return',
    '    format: "{{ execution.startDate }}"',
    ...(rand() < 0.5 ? schedule(rand) : []),
    ''
  ].join('\n')
}

/** @param {() => number} rand @param {{ id: string, namespace: string }} flow */
function scriptFlow(rand, flow) {
  const object = pick(rand, OBJECTS)
  const steps = 4 + Math.floor(rand() * 20)
  const python = Array.from({ length: steps }, (_, step) =>
    step % 4 === 0
      ? `      # step ${step}: ${pick(rand, VERBS)} the ${object}`
      : `      rows = [r for r in rows if r.get("${pick(rand, OBJECTS)}") != ${step}]`
  )
  return [
    ...header(rand, flow),
    'inputs:',
    '  - id: day',
    '    type: DATE',
    '    required: false',
    '  - id: mode',
    '    type: SELECT',
    '    values: [full, incremental]',
    '    defaults: incremental',
    '  - id: limit',
    '    type: INT',
    `    defaults: ${100 * (1 + Math.floor(rand() * 50))}`,
    '',
    'variables:',
    `  bucket: s3://example-${object}`,
    '',
    'tasks:',
    '  # Extract, then transform in Python, then tell the team.',
    '  - id: extract',
    '    type: io.kestra.plugin.scripts.shell.Commands',
    '    taskRunner:',
    '      type: io.kestra.plugin.core.runner.Process',
    '    commands:',
    `      - echo "extracting ${object} for {{ inputs.day }}"`,
    '      - mkdir -p out && date > out/started',
    '',
    '  - id: transform',
    '    type: io.kestra.plugin.scripts.python.Script',
    '    beforeCommands:',
    '      - pip install requests',
    '    script: |',
    '      import json',
    `      rows = json.load(open("{{ outputs.extract.outputFiles['data.json'] }}"))`,
    ...python,
    '      print(json.dumps({"count": len(rows)}))',
    '',
    '  - id: notify',
    '    type: io.kestra.plugin.core.log.Log',
    '    level: INFO',
    `    message: "{{ outputs.transform.vars.count ?? 0 }} ${object} processed"`,
    '',
    'errors:',
    '  - id: alert',
    '    type: io.kestra.plugin.core.log.Log',
    '    level: ERROR',
    "    message: \"Failed: {{ errorLogs()[0]['message'] ?? 'unknown' }}\"",
    ...schedule(rand),
    ''
  ].join('\n')
}

/** @param {() => number} rand @param {{ id: string, namespace: string, index: number }} flow */
function nestedFlow(rand, flow) {
  return [
    ...header(rand, flow),
    'tasks:',
    '  - id: each',
    '    type: io.kestra.plugin.core.flow.ForEach',
    '    values: ["eu", "us", "apac"]',
    '    concurrencyLimit: 2',
    '    tasks:',
    '      - id: region',
    '        type: io.kestra.plugin.core.flow.Sequential',
    '        tasks:',
    '          - id: check',
    '            type: io.kestra.plugin.core.flow.If',
    '            condition: "{{ taskrun.value != \'apac\' }}"',
    '            then:',
    '              - id: fetch',
    '                type: io.kestra.plugin.core.http.Request',
    `                uri: "https://api.example.com/${pick(rand, OBJECTS)}/{{ taskrun.value }}"`,
    '            else:',
    '              - id: skip',
    '                type: io.kestra.plugin.core.log.Log',
    '                message: "skipped {{ taskrun.value }}"',
    '  - id: parallel',
    '    type: io.kestra.plugin.core.flow.Parallel',
    '    tasks:',
    '      - id: a',
    '        type: io.kestra.plugin.core.debug.Return',
    '        format: "{{ task.id }}"',
    '      - id: b',
    '        type: io.kestra.plugin.core.debug.Return',
    '        format: "{{ task.id }} > {{ taskrun.startDate }}"',
    '',
    'triggers:',
    '  - id: upstream',
    '    type: io.kestra.plugin.core.trigger.Flow',
    '    preconditions:',
    `      id: after-${flow.index}`,
    '      flows:',
    `        - namespace: ${flow.namespace}`,
    `          flowId: ${pick(rand, VERBS)}-${pick(rand, OBJECTS)}`,
    '          states: [SUCCESS]',
    ''
  ].join('\n')
}

/** @param {() => number} rand */
function schedule(rand) {
  return [
    '',
    'triggers:',
    '  - id: nightly',
    '    type: io.kestra.plugin.core.trigger.Schedule',
    `    cron: "${Math.floor(rand() * 60)} ${Math.floor(rand() * 6)} * * *"`,
    '    # Weekdays only, per the team.',
    '    timezone: Europe/Paris'
  ]
}
