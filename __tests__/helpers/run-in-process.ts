import { afterAll } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { run } from '../../src/main.js'
import {
  readRunnerFiles,
  runAction,
  runnerEnvironment,
  type ActionRun
} from '../../test-support/run-action.js'

type RunOptions = Parameters<typeof runAction>[0]

/**
 * The action's `run()` in this process, with the environment, working folder and runner files the
 * bundle gets from `runAction`, its stdout and exit code captured: for suites about what the action
 * does with its inputs rather than how the runner starts it, at a fraction of a process's start-up.
 * Runs take turns, since the environment is the process's own. Where ACTION_NODE names a node (the
 * Node 24 leg of .ci/run), each case runs through the bundle on it instead.
 */
export function runActionHere(options: RunOptions): Promise<ActionRun> {
  if (process.env.ACTION_NODE) return runAction(options)
  const turn = queue.then(() => runInProcess(options))
  queue = turn.catch(() => undefined)
  return turn
}

let queue: Promise<unknown> = Promise.resolve()

// @actions/core keeps the step summary's path from its first write: every run of a test file uses
// one file, removed after its tests.
let runnerFiles: Promise<string> | undefined
afterAll(async () => {
  if (runnerFiles) await rm(await runnerFiles, { recursive: true, force: true })
})

async function runInProcess({ inputs, workspace, env = {} }: RunOptions): Promise<ActionRun> {
  const folder = await (runnerFiles ??= mkdtemp(path.join(tmpdir(), 'kestra-sync-in-process-')))
  const runEnv = await runnerEnvironment({ inputs, workspace, env, folder })
  const savedEnv = { ...process.env }
  const savedCwd = process.cwd()
  const savedExitCode = process.exitCode
  const writeOut = process.stdout.write
  const writeErr = process.stderr.write
  let stdout = ''
  let stderr = ''
  replaceEnv(runEnv)
  process.chdir(workspace)
  process.exitCode = undefined
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    return true
  }) as typeof process.stdout.write
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk)
    return true
  }) as typeof process.stderr.write
  const spawnedAt = process.hrtime.bigint()
  let exitCode: number
  try {
    await run()
  } finally {
    exitCode = Number(process.exitCode ?? 0)
    process.stdout.write = writeOut
    process.stderr.write = writeErr
    process.exitCode = savedExitCode
    process.chdir(savedCwd)
    replaceEnv(savedEnv)
  }
  const wallMs = Number(process.hrtime.bigint() - spawnedAt) / 1e6
  return {
    exitCode,
    stdout,
    stderr,
    ...(await readRunnerFiles(folder)),
    wallMs,
    spawnedAt,
    peakRssKb: undefined
  }
}

/** Makes the process's environment exactly `env`, as a child process started with it sees it. */
function replaceEnv(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) {
    if (!(name in env)) delete process.env[name]
  }
  Object.assign(process.env, env)
}
