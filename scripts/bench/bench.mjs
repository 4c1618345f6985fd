// @ts-check
// `npm run bench`: times the bundled action (`node dist/index.js`, as GitHub runs it) on generated
// flows against the Kestra API emulator with an injected round-trip latency, and, where it can be
// installed, Kestra's own `kestractl flows deploy` on the same flows and server. Prints one table and
// writes the same as JSON. `npm run bench -- --help` lists the flags.
import { execFileSync, spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { parseArgs } from 'node:util'
import { load } from 'js-yaml'
import { startKestraEmulator } from '../../test-support/kestra-emulator/index.js'
import { actionNode, projectRoot, runAction } from '../../test-support/run-action.js'
import { editFlow, generateFlows, writeFlows } from './generate-flows.mjs'
import { installKestractl, runKestractlDeploy } from './kestractl.mjs'
import { printReport } from './report.mjs'
import { countRequests } from './requests.mjs'
import { outputMismatches, SCENARIOS } from './scenarios.mjs'

const USAGE = `npm run bench [-- flags]
  --quick               100 and 1,000 flows, 3 runs each, kestractl on 100 (about a minute)
  --sizes 100,1000      numbers of flows (default 100,1000,10000)
  --runs N              timed runs per scenario (default 5; 3 from 10,000 flows)
  --latency MS          round-trip latency the emulator adds to each request (default 50)
  --namespaces N        namespaces (folders) per size (default: one per 20 flows)
  --scenarios a,b       only these scenarios: ${SCENARIOS.map(scenario => scenario.key).join(', ')}
  --concurrency N       the action's 'concurrency' input (default: action.yml's default)
  --kestractl PATH      a kestractl binary to use instead of installing one (a bare name: on PATH)
  --no-kestractl        leave kestractl out
  --kestractl-max N     largest number of flows kestractl is run on (default 1000, 100 with --quick:
                        it is sequential, some 100 s per 1,000 flows)
  --bundle FILE         the bundle to time (default dist/index.js): another build, to compare
  --json FILE           where the JSON goes (default bench-results/latest.json)
Every timed process (the action, the bare client, the floor) runs on the Node that ACTION_NODE
names, else on this one: ACTION_NODE=/path/to/node24 times the runtime action.yml declares.`

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    runs: { type: 'string' },
    latency: { type: 'string', default: '50' },
    namespaces: { type: 'string' },
    scenarios: { type: 'string' },
    concurrency: { type: 'string' },
    kestractl: { type: 'string' },
    'no-kestractl': { type: 'boolean', default: false },
    'kestractl-max': { type: 'string' },
    bundle: { type: 'string', default: path.join(projectRoot, 'dist', 'index.js') },
    json: { type: 'string', default: path.join(projectRoot, 'bench-results', 'latest.json') },
    help: { type: 'boolean', default: false }
  }
})
if (flags.help) {
  console.log(USAGE)
  process.exit(0)
}

const wholeNumber = (/** @type {string} */ name, /** @type {string} */ value, least = 0) => {
  const number = Number(value)
  if (!Number.isInteger(number) || number < least) {
    throw new Error(`--${name} wants a whole number${least > 0 ? ` of at least ${least}` : ''}`)
  }
  return number
}
const positive = (/** @type {string} */ name, /** @type {string} */ value) =>
  wholeNumber(name, value, 1)
const sizes = (flags.sizes ?? (flags.quick ? '100,1000' : '100,1000,10000'))
  .split(',')
  .map(size => positive('sizes', size.trim()))
const latencyMs = wholeNumber('latency', flags.latency)
const runs = flags.runs === undefined ? undefined : positive('runs', flags.runs)
const runsFor = (/** @type {number} */ flows) => runs ?? (flags.quick || flows >= 10000 ? 3 : 5)
const namespacesFor = (/** @type {number} */ flows) =>
  flags.namespaces ? positive('namespaces', flags.namespaces) : Math.max(1, Math.round(flows / 20))
const concurrency = flags.concurrency
  ? positive('concurrency', flags.concurrency)
  : await defaultConcurrency()
const kestractlMax = wholeNumber(
  'kestractl-max',
  flags['kestractl-max'] ?? (flags.quick ? '100' : '1000')
)
const scenarios = flags.scenarios
  ? flags.scenarios.split(',').map(key => {
      const scenario = SCENARIOS.find(candidate => candidate.key === key.trim())
      if (!scenario) throw new Error(`--scenarios: no scenario '${key}'`)
      return scenario
    })
  : SCENARIOS

/** @typedef {import('../../test-support/kestra-emulator/index.js').Emulator} Emulator */

const TARGET = 'company'
const credentials = { username: 'bench@kestra.io', password: 'Bench1234' }
const log = (/** @type {string} */ line) => console.error(line)
// The scripts timed beside the bundle get what runAction gives it: a runner step's environment,
// without this machine's own variables (NODE_EXTRA_CA_CERTS alone adds some 80 ms to a start).
const STEP_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }
// Past runAction's default of a minute: a first apply of 10,000 flows may take most of one.
const RUN_TIMEOUT_MS = 10 * 60 * 1000

const machine = {
  cores: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  // The Node of the timed processes, which may not be the one running this script.
  node: execFileSync(actionNode, ['--version'], { encoding: 'utf8' }).trim(),
  platform: `${os.type()} ${os.release()}`,
  loadAverageAtStart: os.loadavg().map(load => Math.round(load * 100) / 100)
}
log(
  `Machine: ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}; load ${machine.loadAverageAtStart.join(' ')}`
)
log(`Latency ${latencyMs} ms per request, concurrency ${concurrency}, sizes ${sizes.join(', ')}`)

const kestractl = flags['no-kestractl']
  ? /** @type {const} */ ({ available: false, reason: 'left out (--no-kestractl)' })
  : await installKestractl({ binary: flags.kestractl, log })
log(
  kestractl.available
    ? `kestractl: ${kestractl.version} (${kestractl.binary})`
    : `kestractl: not run: ${kestractl.reason}`
)

const bundle = path.resolve(flags.bundle)
const scratch = await mkdtemp(path.join(os.tmpdir(), 'kestra-sync-bench-'))
/** @type {Array<Record<string, unknown>>} */
const results = []
let startup
try {
  startup = await measureStartup(Math.max(5, runsFor(1)))
  for (const flows of sizes) results.push(...(await benchSize(flows)))
} finally {
  await rm(scratch, { recursive: true, force: true })
}

const report = {
  date: new Date().toISOString(),
  machine: { ...machine, loadAverageAtEnd: os.loadavg().map(load => Math.round(load * 100) / 100) },
  settings: {
    latencyMs,
    concurrency,
    sizes,
    targetNamespace: TARGET,
    bundle: path.relative(projectRoot, bundle)
  },
  kestractl,
  startup,
  results
}
printReport(report)
await mkdir(path.dirname(flags.json), { recursive: true })
await writeFile(flags.json, `${JSON.stringify(report, null, 2)}\n`)
log(`\nJSON written to ${path.relative(process.cwd(), flags.json) || flags.json}`)

/** The concurrency the action uses when the input is not set. */
async function defaultConcurrency() {
  const action = /** @type {{ inputs: Record<string, { default?: string }> }} */ (
    load(await readFile(path.join(projectRoot, 'action.yml'), 'utf8'))
  )
  const concurrency = Number(action.inputs.concurrency?.default)
  if (!Number.isInteger(concurrency)) throw new Error('action.yml gives no default concurrency')
  return concurrency
}

/**
 * Time from the spawn of the bundle to its first request, on a folder of one flow and a server
 * without latency: what Node and the bundle cost before any work.
 * @param {number} runs
 */
async function measureStartup(runs) {
  const workspace = path.join(scratch, 'startup')
  await writeFlows(
    path.join(workspace, '_flows'),
    generateFlows({ flows: 1, namespaces: 1, target: TARGET })
  )
  const emulator = await startKestraEmulator({ auth: credentials })
  /** @type {bigint | undefined} */
  let firstRequestAt
  emulator.use(() => {
    firstRequestAt ??= process.hrtime.bigint()
  })
  /** @type {number[]} */
  const samples = []
  try {
    // The first run, untimed, brings the bundle into the OS file cache.
    for (let run = -1; run < runs; run++) {
      firstRequestAt = undefined
      const result = await runAction({
        inputs: actionInputs(emulator.url, {}),
        workspace,
        entry: bundle
      })
      if (result.exitCode !== 0 || firstRequestAt === undefined) {
        throw new Error(`The start-up run failed:\n${result.stdout.slice(-2000)}`)
      }
      if (run >= 0) samples.push(Number(firstRequestAt - result.spawnedAt) / 1e6)
    }
  } finally {
    await emulator.close()
  }
  log(`Start-up to first request: best ${Math.min(...samples).toFixed(0)} ms`)
  return { ...stats(samples), runs }
}

/**
 * Every scenario on `flows` generated flows, then kestractl on the same flows.
 * @param {number} flows
 */
async function benchSize(flows) {
  const namespaces = namespacesFor(flows)
  const runs = runsFor(flows)
  const touched = Math.max(1, Math.round(flows / 100))
  log(`\n${flows} flows in ${namespaces} namespaces: generating...`)
  const generated = generateFlows({ flows, namespaces, target: TARGET })
  // Spread over the folders, not the first few files of one.
  const touchedIndexes = new Set(
    Array.from({ length: touched }, (_, i) => Math.floor(((i + 0.5) * flows) / touched))
  )
  const root = path.join(scratch, String(flows))
  const workspaces = {
    base: path.join(root, 'base'),
    changed: path.join(root, 'changed'),
    deleted: path.join(root, 'deleted')
  }
  await writeFlows(path.join(workspaces.base, '_flows'), generated)
  await writeFlows(
    path.join(workspaces.changed, '_flows'),
    generated.map((flow, index) =>
      touchedIndexes.has(index) ? { ...flow, source: editFlow(flow.source, 1) } : flow
    )
  )
  await writeFlows(
    path.join(workspaces.deleted, '_flows'),
    generated.filter((_, index) => !touchedIndexes.has(index))
  )
  const localFloor = await measureLocalFloor(path.join(workspaces.base, '_flows'), runs)
  const localFloorMs = localFloor.ms
  log(
    `  floor of the local work (read and parse every file): ${localFloorMs.toFixed(0)} ms, ${localFloor.peakRssMb} MB`
  )

  const seeded = await startKestraEmulator({ latencyMs, auth: credentials })
  for (const flow of generated) seeded.store.seed('main', flow.source)
  // One untimed dry run warms the files in the OS cache and the server's answers to the reads of
  // the scope, as a server that has its flows in its database; runs that write warm them again.
  const warmUp = await runAction({
    inputs: actionInputs(seeded.url, { 'dry-run': 'true' }),
    workspace: workspaces.base,
    entry: bundle,
    timeoutMs: RUN_TIMEOUT_MS
  })
  if (warmUp.exitCode !== 0) throw new Error(`The warm-up run failed:\n${warmUp.stdout}`)
  const scopeReads = seeded.requests.filter(request =>
    /\/flows\/(search|export)/.test(request.path)
  )
  const bare = await measureBareClient(path.join(workspaces.base, '_flows'), seeded, {
    flows,
    runs
  })
  log(
    `  bare client (same reads, texts compared): best ${bare.wallMs.best} ms, median ${bare.wallMs.median} ms, ${bare.peakRssMb} MB`
  )
  /** Puts back what a run changed on the seeded server, so that every run starts alike. */
  const restore = async () => {
    let changed = false
    for (const index of touchedIndexes) {
      const flow = /** @type {import('./generate-flows.mjs').GeneratedFlow} */ (generated[index])
      const latest = seeded.store.latest('main', flow.namespace, flow.id)
      if (latest?.source !== flow.source) {
        seeded.store.append('main', { ...flow, disabled: false }, flow.source)
        changed = true
      }
    }
    if (changed) await replay(seeded, scopeReads)
  }
  /** @type {Array<Record<string, unknown>>} */
  const rows = []
  try {
    for (const scenario of scenarios) {
      /** @type {number[]} */
      const walls = []
      /** @type {number[]} */
      const rss = []
      /** @type {ReturnType<typeof countRequests> | undefined} */
      let requests
      for (let run = 0; run < runs; run++) {
        const emulator = scenario.seeded
          ? seeded
          : await startKestraEmulator({ latencyMs, auth: credentials })
        emulator.clearRequests()
        try {
          const result = await runAction({
            inputs: actionInputs(emulator.url, scenario.inputs),
            workspace: workspaces[scenario.workspace],
            entry: bundle,
            timeoutMs: RUN_TIMEOUT_MS
          })
          const wrong = outputMismatches(
            result.outputs,
            scenario.expected({ flows, touched, concurrency })
          )
          if (result.exitCode !== 0 || wrong.length > 0) {
            throw new Error(
              `${scenario.title}, ${flows} flows: exit code ${result.exitCode}; ${wrong.join(', ')}\n${result.stdout.slice(-3000)}`
            )
          }
          walls.push(result.wallMs)
          if (result.peakRssKb !== undefined) rss.push(result.peakRssKb / 1024)
          const counted = countRequests(emulator.requests)
          if (requests && requests.total !== counted.total) {
            throw new Error(`${scenario.title}: the request count differs between runs`)
          }
          requests = counted
        } finally {
          if (scenario.seeded) await restore()
          else await emulator.close()
        }
      }
      const floorMs =
        localFloorMs + scenario.roundTrips({ flows, touched, concurrency }) * latencyMs
      const wall = stats(walls)
      rows.push({
        tool: 'kestra-sync-flows',
        scenario: scenario.key,
        title: scenario.title,
        flows,
        namespaces,
        runs,
        requests,
        wallMs: wall,
        peakRssMb: rss.length > 0 ? Math.round(Math.max(...rss)) : null,
        floorMs: Math.round(floorMs),
        localFloorMs: Math.round(localFloorMs),
        localFloorPeakRssMb: localFloor.peakRssMb,
        ratio: Math.round((wall.best / floorMs) * 100) / 100,
        // The bare client does what a sync that changes nothing must do: its own scenario only.
        ...(scenario.key === 'dry-run-unchanged'
          ? {
              bareMs: bare.wallMs,
              barePeakRssMb: bare.peakRssMb,
              bareRatio: Math.round((wall.median / bare.wallMs.median) * 100) / 100
            }
          : {})
      })
      log(
        `  ${scenario.title}: best ${(wall.best / 1000).toFixed(2)} s, median ${(wall.median / 1000).toFixed(2)} s, ${requests?.total} requests`
      )
    }
    if (kestractl.available && flows <= kestractlMax) {
      rows.push(...(await benchKestractl(kestractl.binary, { flows, workspaces, seeded, restore })))
    }
  } finally {
    await seeded.close()
  }
  return rows
}

/**
 * kestractl on the same folders and server: the first deploy into an empty server, then the 1%
 * changed folder with `--override` (it cannot tell a changed flow from an unchanged one, so it
 * writes every one). One run each: it makes two requests per flow, one after the other.
 * @param {string} binary
 * @param {{ flows: number, workspaces: Record<string, string>, seeded: Emulator, restore: () => Promise<void> }} context
 */
async function benchKestractl(binary, { flows, workspaces, seeded, restore }) {
  /** @type {Array<Record<string, unknown>>} */
  const rows = []
  const cases = [
    { scenario: 'first-apply', title: 'first apply, empty server', workspace: workspaces.base },
    { scenario: 'changed-1pct', title: '1% changed, apply', workspace: workspaces.changed }
  ]
  for (const { scenario, title, workspace } of cases) {
    const fresh = scenario === 'first-apply'
    const emulator = fresh ? await startKestraEmulator({ latencyMs, auth: credentials }) : seeded
    emulator.clearRequests()
    try {
      const result = await runKestractlDeploy(binary, {
        url: emulator.url,
        ...credentials,
        folder: path.join(/** @type {string} */ (workspace), '_flows')
      })
      const onServer = emulator.store.list('main').length
      const ok = result.code === 0 && onServer === flows
      rows.push({
        tool: 'kestractl',
        scenario,
        title,
        flows,
        runs: 1,
        requests: countRequests(emulator.requests),
        wallMs: stats([result.wallMs]),
        peakRssMb: null,
        floorMs: null,
        ratio: null,
        ...(ok
          ? {}
          : {
              error: `exit code ${result.code}, ${onServer} flows on the server: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`
            })
      })
      log(
        `  kestractl ${title}: ${(result.wallMs / 1000).toFixed(2)} s, ${emulator.requests.length} requests${ok ? '' : ' (FAILED)'}`
      )
    } finally {
      if (fresh) await emulator.close()
      else await restore()
    }
  }
  return rows
}

/**
 * Sends `requests` again, untimed, so that the server computes its answers before the next run.
 * @param {Emulator} emulator
 * @param {ReadonlyArray<{ method: string, path: string, query: string }>} requests
 */
async function replay(emulator, requests) {
  const authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
  for (const { method, path: route, query } of requests) {
    const accept = route.includes('/export/') ? 'application/octet-stream' : 'application/json'
    const response = await fetch(`${emulator.url}${route}${query ? `?${query}` : ''}`, {
      method,
      headers: { authorization, accept }
    })
    await response.arrayBuffer()
  }
  emulator.clearRequests()
}

/** @param {string} url @param {Record<string, string>} extra */
function actionInputs(url, extra) {
  return {
    'kestra-url': url,
    username: credentials.username,
    password: credentials.password,
    'target-namespace': TARGET,
    'git-directory': '_flows',
    'include-child-namespaces': 'true',
    delete: 'true',
    ...(flags.concurrency ? { concurrency: String(concurrency) } : {}),
    ...extra
  }
}

/**
 * Best of `runs` timings of read-floor.mjs as a whole process, and its peak memory.
 * @param {string} folder
 * @param {number} runs
 */
async function measureLocalFloor(folder, runs) {
  /** @type {number[]} */
  const samples = []
  let peakRssKb = 0
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint()
    const output = await new Promise((resolve, reject) => {
      const child = spawn(
        actionNode,
        [path.join(projectRoot, 'scripts', 'bench', 'read-floor.mjs'), folder],
        { stdio: ['ignore', 'pipe', 'inherit'], env: STEP_ENV }
      )
      let text = ''
      child.stdout.on('data', chunk => (text += chunk))
      child.on('close', code =>
        code === 0 ? resolve(text) : reject(new Error(`read-floor.mjs failed on ${folder}`))
      )
    })
    samples.push(Number(process.hrtime.bigint() - started) / 1e6)
    peakRssKb = Math.max(peakRssKb, JSON.parse(/** @type {string} */ (output)).peakRssKb)
  }
  return { ms: Math.min(...samples), peakRssMb: Math.round(peakRssKb / 1024) }
}

/**
 * Times scripts/bench/bare-client.mjs as a whole process against the seeded server, `runs` times
 * after one untimed run, and checks that it found every flow unchanged.
 * @param {string} folder
 * @param {Emulator} emulator
 * @param {{ flows: number, runs: number }} size
 */
async function measureBareClient(folder, emulator, { flows, runs }) {
  /** @type {number[]} */
  const samples = []
  let peakRssKb = 0
  for (let run = -1; run < runs; run++) {
    emulator.clearRequests()
    const started = process.hrtime.bigint()
    const output = await new Promise((resolve, reject) => {
      // The node that runs the bundle, so that both pay the same start-up.
      const child = spawn(
        actionNode,
        [
          path.join(projectRoot, 'scripts', 'bench', 'bare-client.mjs'),
          folder,
          emulator.url,
          credentials.username,
          credentials.password,
          TARGET
        ],
        { stdio: ['ignore', 'pipe', 'inherit'], env: STEP_ENV }
      )
      let text = ''
      child.stdout.on('data', chunk => (text += chunk))
      child.on('close', code =>
        code === 0 ? resolve(text) : reject(new Error(`bare-client.mjs failed on ${folder}`))
      )
    })
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6
    const result = JSON.parse(/** @type {string} */ (output))
    if (result.unchanged !== flows || result.listed !== flows || result.requests !== 3) {
      throw new Error(`The bare client's run is wrong: ${output}`)
    }
    if (run < 0) continue
    samples.push(wallMs)
    peakRssKb = Math.max(peakRssKb, result.peakRssKb)
  }
  emulator.clearRequests()
  return { wallMs: stats(samples), peakRssMb: Math.round(peakRssKb / 1024) }
}

/** @param {number[]} samples */
function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median =
    sorted.length % 2 === 1
      ? /** @type {number} */ (sorted[middle])
      : /** @type {number} */ (sorted[middle - 1] + /** @type {number} */ (sorted[middle])) / 2
  const round = (/** @type {number} */ value) => Math.round(value)
  return {
    best: round(/** @type {number} */ (sorted[0])),
    median: round(median),
    all: samples.map(round)
  }
}
