// @ts-check
// The peer: Kestra's official CLI, `kestractl flows deploy`, installed with the Go toolchain at
// bench time into a folder outside the repository (never committed). Where it cannot be installed,
// the benchmark says why and goes on without it.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'

export const KESTRACTL_MODULE = 'github.com/kestra-io/kestractl'

/**
 * @typedef {{ available: true, binary: string, version: string } | { available: false, reason: string }} Kestractl
 */

/**
 * A binary given by the user (a path, or a bare name looked up on PATH as a shell does), or
 * `go install <module>@latest` into a cache under the system's temporary folder (reused by later
 * runs).
 * @param {{ binary?: string, log: (line: string) => void }} options
 * @returns {Promise<Kestractl>}
 */
export async function installKestractl({ binary, log }) {
  if (binary) {
    const bare = path.basename(binary) === binary
    const found = bare ? onPath(binary) : existsSync(binary) ? binary : undefined
    if (!found) {
      return { available: false, reason: `${binary} ${bare ? 'is not on PATH' : 'does not exist'}` }
    }
    return { available: true, binary: found, version: await kestractlVersion(found) }
  }
  const go = findGo()
  if (!go) return { available: false, reason: 'no Go toolchain (go) on this machine' }
  const home = path.join(tmpdir(), 'kestra-sync-flows-bench-kestractl')
  const bin = path.join(home, 'bin')
  await mkdir(bin, { recursive: true })
  log(`Installing kestractl: ${go} install ${KESTRACTL_MODULE}@latest (into ${bin})...`)
  const install = await run(go, ['install', `${KESTRACTL_MODULE}@latest`], {
    env: {
      ...process.env,
      GOPATH: path.join(home, 'gopath'),
      GOBIN: bin,
      GOCACHE: path.join(home, 'cache'),
      GOFLAGS: '-modcacherw'
    },
    // Long enough for a build from a warm module cache; a proxy that stalls is not waited out.
    timeoutMs: 2 * 60 * 1000
  })
  const installed = path.join(bin, 'kestractl')
  if (install.code !== 0 || !existsSync(installed)) {
    const why = install.stderr
      .trim()
      .split('\n')
      .slice(-2)
      .map(line => line.trim())
      .join(' ')
      .replace(/\.$/, '')
    return { available: false, reason: `go install failed: ${why || `exit code ${install.code}`}` }
  }
  return { available: true, binary: installed, version: await kestractlVersion(installed) }
}

/**
 * `kestractl flows deploy <folder> --override`: each file is read, the flow is looked up
 * (`GET flows/{namespace}/{id}`), then created or updated, one file after the other.
 * @param {string} binary
 * @param {{ url: string, username: string, password: string, folder: string }} target
 */
export async function runKestractlDeploy(binary, { url, username, password, folder }) {
  // Its own HOME: no config file of the user's, and no state left behind.
  const home = await mkdtemp(path.join(tmpdir(), 'kestractl-home-'))
  try {
    const started = process.hrtime.bigint()
    const result = await run(
      binary,
      [
        '--host',
        url,
        '--tenant',
        'main',
        '--username',
        username,
        '--password',
        password,
        '--output',
        'json',
        'flows',
        'deploy',
        folder,
        '--override'
      ],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          // Nothing but the emulator is reachable: no telemetry, no update check.
          KESTRACTL_TELEMETRY_DISABLED: '1',
          KESTRACTL_UPDATE_CHECK_DISABLED: '1',
          CI: 'true'
        },
        timeoutMs: 60 * 60 * 1000
      }
    )
    return { ...result, wallMs: Number(process.hrtime.bigint() - started) / 1e6 }
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}

/** @param {string} binary */
async function kestractlVersion(binary) {
  const result = await run(binary, ['version'], {
    env: { PATH: process.env.PATH ?? '', KESTRACTL_UPDATE_CHECK_DISABLED: '1' },
    timeoutMs: 30000
  })
  return result.stdout.trim().split('\n')[0] ?? 'unknown'
}

function findGo() {
  const candidates = [
    process.env.GOROOT && path.join(process.env.GOROOT, 'bin', 'go'),
    '/usr/local/go/bin/go'
  ]
  return candidates.find(candidate => candidate && existsSync(candidate)) ?? onPath('go')
}

/** @param {string} name */
function onPath(name) {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(dir => dir !== '')
    .map(dir => path.join(dir, name))
    .find(candidate => existsSync(candidate))
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ env: NodeJS.ProcessEnv, timeoutMs: number }} options
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
function run(command, args, { env, timeoutMs }) {
  return new Promise(resolve => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', error => {
      clearTimeout(timer)
      resolve({ code: 1, stdout, stderr: `${stderr}${error.message}` })
    })
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ code: code ?? 1, stdout, stderr })
    })
  })
}
