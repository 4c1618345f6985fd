import { startRun } from './run-start.js'

/** The action: settings -> sync -> report. Never throws; every failure ends in `setFailed`. */
export async function run(): Promise<void> {
  const start = startRun(process.env, process.env.GITHUB_WORKSPACE || process.cwd())
  // Loaded while the server answers: the bundle keeps it in a file of its own.
  const { runAction } = await import('./action.js')
  await runAction(start)
}
