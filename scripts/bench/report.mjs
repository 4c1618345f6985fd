// @ts-check
// The benchmark's printed report: one table (Markdown, so it can go into the README as is), the
// requests by route, and each goal of the issue met or missed.

/**
 * @typedef {{ best: number, median: number, all: number[] }} Timing
 * @typedef {{ tool: string, scenario: string, title: string, flows: number, runs: number,
 *   requests?: { total: number, byRoute: Record<string, number> }, wallMs: Timing,
 *   peakRssMb: number | null, floorMs: number | null, ratio: number | null, error?: string,
 *   localFloorMs?: number, localFloorPeakRssMb?: number, bareMs?: Timing,
 *   barePeakRssMb?: number, bareRatio?: number }} Row
 */

const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(2)} s`

/** @param {any} report */
export function printReport(report) {
  /** @type {Row[]} */
  const rows = report.results
  const { machine, settings } = report
  console.log(
    `\n${machine.cores} cores (${machine.cpu}), Node ${machine.node}, latency ${settings.latencyMs} ms per request, concurrency ${settings.concurrency}; load average ${machine.loadAverageAtStart.join(' ')} at start, ${machine.loadAverageAtEnd.join(' ')} at end\n`
  )
  console.log(
    '| Tool | Scenario | Flows | Requests | Wall (best) | Wall (median) | Peak RSS | Floor | Wall/floor | Bare client (median) | Wall/bare |'
  )
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const row of rows) {
    console.log(
      `| ${row.tool} | ${row.title}${row.error ? ' (failed)' : ''} | ${row.flows.toLocaleString('en')} | ${row.requests?.total.toLocaleString('en') ?? '-'} | ${seconds(row.wallMs.best)} | ${row.runs > 1 ? seconds(row.wallMs.median) : '-'} | ${row.peakRssMb === null ? '-' : `${row.peakRssMb} MB`} | ${row.floorMs === null ? '-' : seconds(row.floorMs)} | ${row.ratio ?? '-'} | ${row.bareMs ? seconds(row.bareMs.median) : '-'} | ${row.bareRatio ?? '-'} |`
    )
  }
  const floors = new Map(
    rows
      .filter(row => row.localFloorMs !== undefined)
      .map(row => [
        row.flows,
        `${row.flows}: ${seconds(row.localFloorMs ?? 0)}, ${row.localFloorPeakRssMb} MB`
      ])
  )
  console.log(
    `\nFloor: reading and parsing the files alone (node scripts/bench/read-floor.mjs), best time and peak RSS: ${[...floors.values()].join('; ')}; plus ${settings.latencyMs} ms per round trip the API makes unavoidable.`
  )
  console.log(
    `Bare client: the same 3 requests and a comparison of the texts, no parse (node scripts/bench/bare-client.mjs), median and peak RSS: ${rows
      .filter(row => row.bareMs)
      .map(row => `${row.flows}: ${seconds(row.bareMs?.median ?? 0)}, ${row.barePeakRssMb} MB`)
      .join('; ')}; Wall/bare divides the medians.`
  )
  console.log(
    `Start-up of the bundle to its first request (one flow, no latency): best ${report.startup.best} ms, median ${report.startup.median} ms.`
  )
  if (!report.kestractl.available) console.log(`kestractl not run: ${report.kestractl.reason}.`)

  console.log('\nRequests by route:')
  for (const row of rows) {
    const routes = Object.entries(row.requests?.byRoute ?? {})
      .map(([route, count]) => `${route} ×${count}`)
      .join(', ')
    console.log(`  ${row.tool}, ${row.title}, ${row.flows}: ${routes}`)
    if (row.error) console.log(`    failed: ${row.error}`)
  }

  console.log('\nGoals (judged on the median):')
  for (const goal of goals(report)) {
    console.log(`  ${goal.met ? 'met   ' : 'MISSED'} ${goal.goal}: ${goal.measured}`)
  }
}

/**
 * The issue's goals, for the sizes that were run.
 * @param {any} report
 * @returns {Array<{ goal: string, measured: string, met: boolean }>}
 */
export function goals(report) {
  /** @type {Row[]} */
  const ours = report.results.filter((/** @type {Row} */ row) => row.tool === 'kestra-sync-flows')
  const find = (/** @type {string} */ scenario, /** @type {number} */ flows) =>
    ours.find(row => row.scenario === scenario && row.flows === flows)
  const out = []
  for (const [flows, maxRequests, maxMs] of [
    [1000, 5, 1000],
    [10000, 10, 3000]
  ]) {
    const row = find('dry-run-unchanged', flows)
    if (!row?.requests) continue
    out.push({
      goal: `dry run, nothing changed, ${flows} flows: ≤ ${maxRequests} requests and ≤ ${seconds(maxMs)}`,
      measured: `${row.requests.total} requests, ${seconds(row.wallMs.median)}`,
      met: row.requests.total <= maxRequests && row.wallMs.median <= maxMs
    })
  }
  for (const row of ours.filter(row => row.bareRatio !== undefined)) {
    out.push({
      goal: `dry run, nothing changed, ${row.flows} flows: within 1.3× the bare client`,
      measured: `${row.bareRatio}× (${seconds(row.wallMs.median)} against ${seconds(row.bareMs?.median ?? 0)})`,
      met: (row.bareRatio ?? Infinity) <= 1.3
    })
  }
  const dryRuns = ours.filter(row => row.scenario === 'dry-run-unchanged')
  if (dryRuns.length > 1) {
    const counts = dryRuns.map(row => row.requests?.total ?? 0)
    out.push({
      goal: 'dry run, nothing changed: requests do not grow with the number of flows',
      measured: dryRuns.map((row, i) => `${counts[i]} at ${row.flows}`).join(', '),
      met: counts.every(count => count === counts[0])
    })
  }
  for (const [scenario, flows, maxMs] of /** @type {const} */ ([
    ['first-apply', 1000, 6000],
    ['changed-1pct', 1000, 1500]
  ])) {
    const row = find(scenario, flows)
    if (!row) continue
    out.push({
      goal: `${row.title}, ${flows} flows: ≤ ${seconds(maxMs)}`,
      measured: seconds(row.wallMs.median),
      met: row.wallMs.median <= maxMs
    })
  }
  const largest = ours.filter(row => row.flows === 10000 && row.peakRssMb !== null)
  if (largest.length > 0) {
    const peak = Math.max(...largest.map(row => /** @type {number} */ (row.peakRssMb)))
    out.push({
      goal: 'peak RSS at 10,000 flows < 150 MB',
      measured: `${peak} MB`,
      met: peak < 150
    })
  }
  out.push({
    goal: 'start-up of the bundle to the first request < 150 ms',
    measured: `${report.startup.median} ms`,
    met: report.startup.median < 150
  })
  return out
}
