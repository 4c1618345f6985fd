// @ts-check
// What reading a search page costs: src/kestra/search-page.ts's byte scanner against `JSON.parse`
// and picking the four fields the sync reads, on a page of 10,000 flows (one page: the sync asks for
// 10,000 at a time). Two pages: the emulator's answer for the benchmark's flows (a real Kestra 1.3.0,
// given the first 200, took the 112 that need only core plugins and answered 778 bytes a flow for
// them where the emulator gave 756: the model without the source, with `updated` and a few
// defaults), and a heavier one of some 2 kB a flow (typed inputs,
// variables, an error branch, concurrency, retry, descriptions in other scripts than Latin). Each
// measurement is a fresh process that holds the page as the transport gives it (a Buffer), resets
// its peak RSS, reads the page once and reports the time and the peak resident memory added.
//   node scripts/bench/search-page.mjs [--flows 10000] [--runs 5]
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { readFileSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, URLSearchParams } from 'node:url'
import { parseArgs } from 'node:util'
import ts from 'typescript'
import { startKestraEmulator } from '../../test-support/kestra-emulator/index.js'
import { projectRoot } from '../../test-support/run-action.js'
import { generateFlows } from './generate-flows.mjs'

const VARIANTS = {
  /** @param {Buffer} body @param {any} scanner */
  scanner: (body, scanner) => scanner.readSearchPage(body).results,
  /** What list-flows.ts would do without the scanner: parseJson, then the fields it reads. */
  'json-parse': (/** @type {Buffer} */ body) =>
    JSON.parse(body.toString('utf8')).results.map(
      (/** @type {Record<string, unknown>} */ flow) => ({
        namespace: flow.namespace,
        id: flow.id,
        revision: flow.revision,
        deleted: flow.deleted
      })
    )
}

async function main() {
  const { values: flags } = parseArgs({
    options: { flows: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } }
  })
  const flows = Number(flags.flows)
  const runs = Number(flags.runs)
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'kestra-sync-search-page-'))
  try {
    const scannerModule = path.join(scratch, 'search-page.mjs')
    const source = await readFile(path.join(projectRoot, 'src/kestra/search-page.ts'), 'utf8')
    await writeFile(
      scannerModule,
      ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
      }).outputText
    )
    const emulatorPage = await searchPageOf(flows)
    const pages = {
      emulator: emulatorPage,
      heavier: Buffer.from(JSON.stringify(heavier(JSON.parse(emulatorPage.toString('utf8')))))
    }
    console.log(
      `Node ${process.version}, ${os.availableParallelism()} cores, load ${os.loadavg()[0]?.toFixed(2)}; ${flows.toLocaleString('en')} flows, ${runs} runs each (median; a fresh process per run)\n`
    )
    console.log('| Page | Size | Reader | Time | Peak RSS added |')
    console.log('| --- | ---: | --- | ---: | ---: |')
    for (const [name, page] of Object.entries(pages)) {
      const file = path.join(scratch, `${name}.json`)
      await writeFile(file, page)
      /** @type {Record<string, Array<{ ms: number, peakKb: number, digest: string }>>} */
      const samples = { scanner: [], 'json-parse': [] }
      // Alternated, so that a change of load on the machine falls on both.
      for (let run = 0; run < runs; run++) {
        for (const variant of Object.keys(VARIANTS)) {
          samples[variant]?.push(runChild(variant, file, scannerModule))
        }
      }
      const digests = new Set(Object.values(samples).flatMap(list => list.map(s => s.digest)))
      if (digests.size !== 1) throw new Error(`the readers disagree on the ${name} page`)
      for (const [variant, list] of Object.entries(samples)) {
        console.log(
          `| ${name} | ${(page.length / 1e6).toFixed(1)} MB (${Math.round(page.length / flows)} B a flow) | ${variant} | ${median(list.map(s => s.ms)).toFixed(0)} ms | ${(median(list.map(s => s.peakKb)) / 1024).toFixed(1)} MB |`
        )
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/** The emulator's answer to the sync's search, for the benchmark's flows. @param {number} count */
async function searchPageOf(count) {
  const emulator = await startKestraEmulator()
  try {
    const generated = generateFlows({
      flows: count,
      namespaces: Math.max(1, Math.round(count / 20)),
      target: 'company'
    })
    for (const flow of generated) emulator.store.seed('main', flow.source)
    const query = new URLSearchParams({
      'filters[namespace][PREFIX]': 'company',
      size: String(count),
      page: '1'
    })
    const response = await fetch(`${emulator.url}/api/v1/main/flows/search?${query}`)
    if (!response.ok) throw new Error(`the emulator answered ${response.status}`)
    return Buffer.from(await response.arrayBuffer())
  } finally {
    await emulator.close()
  }
}

const DESCRIPTIONS = [
  'Données clients – mise à jour quotidienne',
  'Kundendaten für das Berichtswesen, täglich',
  '売上データの集計（毎日）',
  'Отчёт по заказам за день'
]

/**
 * The same flows with more of the model a real flow carries. @param {{ results: any[] }} page
 */
function heavier(page) {
  return {
    ...page,
    results: page.results.map((flow, index) => ({
      ...flow,
      description: `${flow.description ?? ''}${DESCRIPTIONS[index % DESCRIPTIONS.length]}\n`,
      inputs: [
        { id: 'day', type: 'DATE', required: false, description: 'The day to load' },
        { id: 'region', type: 'SELECT', values: ['eu', 'us', 'apac'], defaults: 'eu' },
        { id: 'dryRun', type: 'BOOLEAN', defaults: false, displayName: 'Dry run' }
      ],
      variables: { bucket: `s3://company-data/${flow.namespace}/${flow.id}`, retries: 3 },
      errors: [
        {
          id: 'alert',
          type: 'io.kestra.plugin.core.log.Log',
          level: 'ERROR',
          message: 'Flow {{ flow.namespace }}.{{ flow.id }} failed: {{ errors }}'
        }
      ],
      concurrency: { limit: 1, behavior: 'QUEUE' },
      retry: { type: 'exponential', maxAttempts: 3, interval: 'PT30S', maxInterval: 'PT10M' },
      outputs: [{ id: 'rows', type: 'INT', value: '{{ outputs.load.rows }}' }]
    }))
  }
}

/** @param {string} variant @param {string} file @param {string} scannerModule */
function runChild(variant, file, scannerModule) {
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--child', variant, file, scannerModule],
    { encoding: 'utf8' }
  )
  if (child.status !== 0) throw new Error(`${variant} failed: ${child.stderr}`)
  return JSON.parse(child.stdout)
}

/** In a fresh process: one read of the page, timed, with the peak RSS it adds. */
async function measureOnce(/** @type {string} */ variant, file, scannerModule) {
  const scanner = await import(scannerModule)
  const read = VARIANTS[/** @type {keyof typeof VARIANTS} */ (variant)]
  const body = readFileSync(file)
  // Writing 5 to clear_refs resets the peak (VmHWM) to the resident memory now (Linux).
  writeFileSync('/proc/self/clear_refs', '5')
  const before = residentKb('VmRSS')
  const start = performance.now()
  const flows = read(body, scanner)
  const ms = performance.now() - start
  const peakKb = residentKb('VmHWM') - before
  const digest = JSON.stringify(flows).length + ':' + flows.length
  console.log(JSON.stringify({ ms, peakKb, digest }))
}

/** @param {'VmRSS' | 'VmHWM'} field */
function residentKb(field) {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))
  if (!match) throw new Error(`no ${field} in /proc/self/status`)
  return Number(match[1])
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

if (process.argv[2] === '--child') {
  await measureOnce(process.argv[3] ?? '', process.argv[4] ?? '', process.argv[5] ?? '')
} else {
  await main()
}
