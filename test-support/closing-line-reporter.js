// @ts-check
// Ends every jest run with the suites it skipped and why, then one plain line,
// `tests: N passed, N failed`, that CI logs can be read by.
import * as path from 'node:path'

/**
 * A suite that cannot run here (a folder or a tool is missing) is skipped with this in its title,
 * followed by the reason; see __tests__/helpers/skip.ts.
 */
export const SKIPPED_BECAUSE = '— skipped because'

/**
 * @typedef {{ status: string, ancestorTitles: string[] }} AssertionResult
 * @typedef {{ testFilePath: string, testResults: AssertionResult[] }} FileResult
 */

export default class ClosingLineReporter {
  /** @param {{ rootDir: string }} globalConfig */
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir
  }

  /**
   * @param {unknown} _contexts
   * @param {{ numPassedTests: number, numFailedTests: number, numPendingTests: number, numRuntimeErrorTestSuites: number, testResults: FileResult[] }} results
   */
  onRunComplete(_contexts, results) {
    for (const line of skippedSuites(results.testResults, this.rootDir))
      process.stdout.write(`\n${line}`)
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    const skipped = results.numPendingTests ? `, ${results.numPendingTests} skipped` : ''
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed${skipped}\n`)
  }
}

/**
 * `skipped: <file> (N tests): <reason>`, once per file and reason.
 * @param {FileResult[]} files
 * @param {string} rootDir files are named relative to it
 */
export function skippedSuites(files, rootDir) {
  /** @type {Map<string, number>} */
  const counts = new Map()
  for (const file of files) {
    for (const test of file.testResults) {
      if (test.status !== 'pending') continue
      const title = test.ancestorTitles.find(name => name.includes(SKIPPED_BECAUSE))
      if (!title) continue
      const reason = title.slice(title.indexOf(SKIPPED_BECAUSE) + SKIPPED_BECAUSE.length).trim()
      const key = `${path.relative(rootDir, file.testFilePath)}\u0000${reason}`
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
  }
  return [...counts].map(([key, count]) => {
    const [file, reason] = key.split('\u0000')
    return `skipped: ${file} (${count} test${count === 1 ? '' : 's'}): ${reason}`
  })
}
