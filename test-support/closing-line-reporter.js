// @ts-check
// Ends every jest run with one plain line, `tests: N passed, N failed`, that CI logs can be read by.
export default class ClosingLineReporter {
  /**
   * @param {unknown} _contexts
   * @param {{ numPassedTests: number, numFailedTests: number, numPendingTests: number, numRuntimeErrorTestSuites: number }} results
   */
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    const skipped = results.numPendingTests ? `, ${results.numPendingTests} skipped` : ''
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed${skipped}\n`)
  }
}
