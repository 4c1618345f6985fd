// @ts-check
// Runs the bundled action the way the GitHub runner does: `node dist/index.js` with an INPUT_* variable
// for every input of action.yml (given, or its default) and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
// Shared by the end-to-end tests, the demo and the benchmark. The node that runs the bundle is this
// process's own, or the one ACTION_NODE names: .ci/run sets it to a Node 24, which `runs.using: node24`
// in action.yml asks of the runner, while the tests themselves run on the development Node.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { load } from 'js-yaml'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The node binary that runs the bundle: ACTION_NODE when set, else the one running this code. */
export const actionNode = process.env.ACTION_NODE || process.execPath

/**
 * @typedef {object} ActionRun
 * @property {number} exitCode
 * @property {string} stdout
 * @property {string} stderr
 * @property {Record<string, string>} outputs
 * @property {string} outputFile the GITHUB_OUTPUT file as the action wrote it
 * @property {string} summary
 * @property {number} wallMs from the spawn of the process to its exit
 * @property {bigint} spawnedAt `process.hrtime.bigint()` just before the spawn
 * @property {number | undefined} peakRssKb peak resident memory of the action's process, when measurable
 */

/**
 * @param {object} options
 * @param {Record<string, string>} options.inputs inputs by their action.yml name (kebab-case)
 * @param {string} options.workspace the checked-out repository (GITHUB_WORKSPACE)
 * @param {Record<string, string>} [options.env] more environment variables
 * @param {string} [options.entry] the bundle to run
 * @param {number} [options.timeoutMs] past this the process is killed and the promise rejects with
 *   its output, so a hung run never outlives the test that started it
 * @returns {Promise<ActionRun>}
 */
export async function runAction({
  inputs,
  workspace,
  env = {},
  entry = path.join(projectRoot, 'dist', 'index.js'),
  timeoutMs = 60_000
}) {
  const files = await mkdtemp(path.join(tmpdir(), 'kestra-sync-run-'))
  try {
    const childEnv = await runnerEnvironment({ inputs, workspace, env, folder: files })
    // Timed from the spawn, so the benchmark measures the action and nothing of this harness.
    const spawnedAt = process.hrtime.bigint()
    const child = spawn(actionNode, [entry], {
      cwd: workspace,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    /** @type {number | undefined} */
    let peakRssKb
    const sampler = setInterval(async () => {
      const rss = await residentKb(child.pid)
      if (rss !== undefined) peakRssKb = Math.max(peakRssKb ?? 0, rss)
    }, 20)
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    // Waits for the exit even when killed, so that nothing of the run is left behind.
    const exitCode = await new Promise(resolve => child.on('close', code => resolve(code ?? 1)))
    clearTimeout(timer)
    clearInterval(sampler)
    if (timedOut) {
      throw new Error(
        `${entry} did not exit within ${timeoutMs} ms and was killed.\nstdout:\n${stdout}\nstderr:\n${stderr}`
      )
    }
    const wallMs = Number(process.hrtime.bigint() - spawnedAt) / 1e6
    return {
      exitCode,
      stdout,
      stderr,
      ...(await readRunnerFiles(files)),
      wallMs,
      spawnedAt,
      peakRssKb
    }
  } finally {
    await rm(files, { recursive: true, force: true })
  }
}

/**
 * The environment the runner gives a step, with its GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files
 * made empty in `folder`: every input of action.yml (given or its default) and `env` besides.
 * Nothing else of this machine's environment is passed: a NODE_EXTRA_CA_CERTS set here, for one,
 * is not the runner's, and Node reads that whole file at every start.
 * @param {{ inputs: Record<string, string>, workspace: string, env?: Record<string, string>, folder: string }} options
 * @returns {Promise<Record<string, string>>}
 */
export async function runnerEnvironment({ inputs, workspace, env = {}, folder }) {
  await writeFile(path.join(folder, 'output'), '')
  await writeFile(path.join(folder, 'summary'), '')
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: path.join(folder, 'output'),
    GITHUB_STEP_SUMMARY: path.join(folder, 'summary'),
    RUNNER_TEMP: folder,
    ...(await inputVariables(inputs)),
    ...env
  }
}

/**
 * What the run left in the runner's files of `folder` (see runnerEnvironment).
 * @param {string} folder
 * @returns {Promise<{ outputs: Record<string, string>, outputFile: string, summary: string }>}
 */
export async function readRunnerFiles(folder) {
  const outputFile = await readFile(path.join(folder, 'output'), 'utf8')
  return {
    outputs: parseOutputFile(outputFile),
    outputFile,
    summary: await readFile(path.join(folder, 'summary'), 'utf8')
  }
}

/**
 * INPUT_<NAME> as the runner sets it: upper case, spaces to underscores, hyphens kept; every input
 * of action.yml is set, from `inputs` or the declared default. A default the runner would evaluate
 * (`${{ github.token }}`) has no value here: give the input to set it.
 * @param {Record<string, string>} inputs
 */
export async function inputVariables(inputs) {
  const action = /** @type {{ inputs: Record<string, { default?: string }> }} */ (
    load(await readFile(path.join(projectRoot, 'action.yml'), 'utf8'))
  )
  /** @type {Record<string, string>} */
  const variables = {}
  for (const [name, declared] of Object.entries(action.inputs)) {
    const fallback = declared.default?.includes('${{') ? '' : declared.default
    variables[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? fallback ?? ''
  }
  for (const name of Object.keys(inputs)) {
    if (!(name in action.inputs)) throw new Error(`action.yml declares no input '${name}'`)
  }
  return variables
}

/**
 * The runner's file command format: `name<<DELIMITER\nvalue\nDELIMITER`.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseOutputFile(text) {
  /** @type {Record<string, string>} */
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name, delimiter] = match
    const value = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i])
    outputs[/** @type {string} */ (name)] = value.join('\n')
  }
  return outputs
}

/** @param {number | undefined} pid */
async function residentKb(pid) {
  if (!pid) return undefined
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const match = /VmHWM:\s+(\d+) kB/.exec(status)
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}
