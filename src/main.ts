import { startRun } from './run-start.js'

/** The action: settings -> sync -> report. Never throws; every failure ends in `setFailed`. */
export async function run(): Promise<void> {
  const start = startRun(process.env, process.env.GITHUB_WORKSPACE || process.cwd())
  // One turn of the event loop, so that a connection that opens at once sends its request now:
  // on Node 22 and later, loading a module holds the loop until it is compiled.
  await new Promise(resolve => setImmediate(resolve))
  // Loaded while the server answers: the bundle keeps it in a file of its own.
  const { runAction } = await import('./action.js')
  await runAction(start)
}
