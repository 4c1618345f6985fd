#!/usr/bin/env node
// `npm run test:kestra [-- VERSION...]`: the contract and end-to-end suites (__tests__/contract)
// against real Kestra servers, one at a time: for each version of ../shared/kestra-server, start it
// on free loopback ports, wait for /api/v1/configs, run the suites with KESTRA_CONTRACT_URL and
// KESTRA_CONTRACT_VERSION naming it, stop it, and print `N passed, N failed` per version and in all.
// Without a JDK >= 21, ../shared/kestra-server, or mvn while a runtime is still to be resolved, it
// says which and exits 0, running nothing. No JVM outlives it: a server is stopped with its whole
// process group, on failure, on Ctrl-C and on any exit.
import { spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  rmSync
} from 'node:fs'
import { createServer } from 'node:net'
import { homedir, tmpdir } from 'node:os'
import * as path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const VERSIONS = ['0.20.7', '1.0.3', '1.3.0']
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const serversDir = path.resolve(projectRoot, '..', 'shared', 'kestra-server')
const authorization = `Basic ${Buffer.from('admin@kestra.io:Admin1234').toString('base64')}`
// A first start resolves ~90 MB of jars from Maven Central (72 to 121 s measured), later ones 10-15 s.
const START_TIMEOUT_MS = Number(process.env.KESTRA_START_TIMEOUT_S ?? 600) * 1000
const STOP_GRACE_MS = 20_000

/** The server running now, if any: what every way out must stop. */
let running
/** The jest process running now, if any. */
let suites

const versions = process.argv.slice(2).length > 0 ? process.argv.slice(2) : VERSIONS
const unknown = versions.filter(version => !VERSIONS.includes(version))
if (unknown.length > 0) {
  console.error(`test:kestra: unknown version ${unknown.join(', ')}; known: ${VERSIONS.join(', ')}`)
  process.exit(2)
}

const missing = missingPrerequisite(versions)
if (missing) {
  console.log(`test:kestra: skipped — ${missing}; nothing was run.`)
  process.exit(0)
}

process.on('exit', () => killGroup(running?.child, 'SIGKILL'))
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143]
]) {
  process.on(signal, () => {
    console.error(`\ntest:kestra: ${signal}, stopping`)
    suites?.kill('SIGTERM')
    stopServer().finally(() => process.exit(code))
  })
}

const results = []
const started = Date.now()
for (const version of versions) results.push(await runVersion(version))

console.log('')
for (const result of results) console.log(result.line)
const passed = results.reduce((sum, result) => sum + result.passed, 0)
const failed = results.reduce((sum, result) => sum + result.failed, 0)
console.log(
  `test:kestra: ${passed} passed, ${failed} failed — Kestra ${versions.join(', ')} (${seconds(Date.now() - started)})`
)
process.exit(failed > 0 ? 1 : 0)

/** Why the servers cannot run here, or undefined. */
function missingPrerequisite(wanted) {
  for (const version of wanted) {
    if (!existsSync(path.join(serversDir, version, 'start.sh'))) {
      return `${path.join(serversDir, version, 'start.sh')} is absent (../shared/kestra-server is not beside this clone)`
    }
  }
  if (!javaAtLeast21()) return 'no JDK >= 21 found (set JAVA_HOME, or install one in /usr/lib/jvm)'
  const unresolved = wanted.filter(
    version => !existsSync(path.join(cacheOf(version), 'lib', '.complete'))
  )
  if (unresolved.length > 0 && spawnSync('mvn', ['--version'], { stdio: 'ignore' }).status !== 0) {
    return `mvn is needed once to resolve the runtime of Kestra ${unresolved.join(', ')} into ${path.dirname(cacheOf(unresolved[0]))}`
  }
  return undefined
}

/** The JDK start.sh would pick: JAVA_HOME, else /usr/lib/jvm/*25*, then *21*. */
function javaAtLeast21() {
  const candidates = [process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, 'bin', 'java')]
  const jvms = spawnSync(
    'sh',
    ['-c', 'ls -d /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*21*/bin/java 2>/dev/null'],
    {
      encoding: 'utf8'
    }
  )
  candidates.push(...(jvms.stdout ?? '').split('\n'))
  return candidates.filter(Boolean).some(java => {
    const settings = spawnSync(java, ['-XshowSettings:properties', '-version'], {
      encoding: 'utf8'
    })
    const major = /java\.specification\.version = (\d+)/.exec(
      `${settings.stderr}${settings.stdout}`
    )?.[1]
    return major !== undefined && Number(major) >= 21
  })
}

/** Where start.sh resolves a version's runtime. */
function cacheOf(version) {
  return process.env.KESTRA_SERVER_CACHE ?? path.join(homedir(), '.cache', 'kestra-server', version)
}

/**
 * Every contract suite against `version`, each on a server of its own: now and then a 0.20.7
 * server that earlier suites wrote to fills its heap within seconds and answers nothing more.
 */
async function runVersion(version) {
  const clock = Date.now()
  const totals = { passed: 0, failed: 0, skipped: 0, startMs: 0, suitesMs: 0 }
  const suiteFiles = readdirSync(path.join(projectRoot, '__tests__', 'contract'))
    .filter(name => name.endsWith('.test.ts'))
    .sort()
  for (const file of suiteFiles) {
    const counts = await runOnFreshServer(version, path.join('__tests__', 'contract', file))
    for (const key of Object.keys(totals)) totals[key] += counts[key]
  }
  const line =
    `Kestra ${version}: ${totals.passed} passed, ${totals.failed} failed` +
    `${totals.skipped ? `, ${totals.skipped} skipped` : ''}` +
    ` (${suiteFiles.length} servers started in ${seconds(totals.startMs)}, suites ${seconds(totals.suitesMs)}, in all ${seconds(Date.now() - clock)})`
  console.log(`test:kestra: ${line}`)
  return { line, passed: totals.passed, failed: totals.failed }
}

/** One suite file on a server started for it; once more on another when the server stalled. */
async function runOnFreshServer(version, file, attempt = 1) {
  const clock = Date.now()
  let port
  try {
    port = await startServer(version)
  } catch (error) {
    await stopServer()
    console.error(`test:kestra: Kestra ${version} did not start: ${error.message}`)
    return { passed: 0, failed: 1, skipped: 0, startMs: Date.now() - clock, suitesMs: 0 }
  }
  const startMs = Date.now() - clock
  console.log(`test:kestra: Kestra ${version} answers on 127.0.0.1:${port} for ${file}`)
  const counts = await runSuites(version, `http://127.0.0.1:${port}`, file)
  // A server that no longer answers failed the suite on timeouts, not on the action.
  const stalled = counts.failed > 0 && !(await answers(port))
  await stopServer()
  if (stalled && attempt === 1) {
    console.log(
      `test:kestra: Kestra ${version} stopped answering during ${file} (${counts.failed} failed): once more, on a fresh server`
    )
    return runOnFreshServer(version, file, 2)
  }
  return { ...counts, startMs, suitesMs: counts.ms }
}

/** Starts `start.sh PORT` in a process group of its own; resolves with the port once it answers. */
async function startServer(version) {
  const port = await freePortPair()
  const workDir = mkdtempSync(path.join(tmpdir(), `kestra-${version}-`))
  const logFile = path.join(workDir, 'server.log')
  const log = openSync(logFile, 'w')
  const dataDir = path.join(workDir, 'data')
  const child = spawn(path.join(serversDir, version, 'start.sh'), [String(port)], {
    detached: true,
    stdio: ['ignore', log, log],
    // The servers keep their repository and queues in an in-memory H2, which every suite fills.
    // 0.20.7 ran out of start.sh's 512 MB, and once of 1 GB in the middle of the flows suite: it
    // then spent its time collecting garbage and answered nothing. These machines have 24 GB.
    env: { JAVA_OPTS: '-Xmx3g -XX:TieredStopAtLevel=1', ...process.env, KESTRA_DATA: dataDir }
  })
  closeSync(log)
  const exited = new Promise(resolve => child.once('exit', code => resolve(code)))
  running = { child, exited, workDir }
  const deadline = Date.now() + START_TIMEOUT_MS
  let exitCode
  exited.then(code => (exitCode = code ?? 'a signal'))
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`start.sh exited with ${exitCode}.\n${tail(logFile)}`)
    if (await answers(port)) return port
    await sleep(500)
  }
  throw new Error(
    `no answer from /api/v1/configs within ${seconds(START_TIMEOUT_MS)}.\n${tail(logFile)}`
  )
}

/** Whether /api/v1/configs answers 200 (0.20.7 wants the credentials there too). */
async function answers(port) {
  const asked = fetch(`http://127.0.0.1:${port}/api/v1/configs`, {
    headers: { Authorization: authorization }
  }).then(
    response => response.status === 200,
    () => false
  )
  return await Promise.race([asked, sleep(5000).then(() => false)])
}

/** SIGTERM to the server's process group, SIGKILL past the grace period; its folder removed. */
async function stopServer() {
  const server = running
  if (!server) return
  killGroup(server.child, 'SIGTERM')
  const stopped = await Promise.race([
    server.exited.then(() => true),
    sleep(STOP_GRACE_MS).then(() => false)
  ])
  if (!stopped) {
    killGroup(server.child, 'SIGKILL')
    await server.exited
  }
  running = undefined
  rmSync(server.workDir, { recursive: true, force: true })
}

function killGroup(child, signal) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // Already gone.
  }
}

/** Jest on one suite file of __tests__/contract, its counts read from its JSON report. */
async function runSuites(version, url, file) {
  const report = path.join(running.workDir, 'jest.json')
  const jestPackage = createRequire(import.meta.url).resolve('jest/package.json')
  const jest = path.join(path.dirname(jestPackage), 'bin', 'jest.js')
  const clock = Date.now()
  suites = spawn(
    process.execPath,
    [jest, '--runInBand', '--json', `--outputFile=${report}`, file],
    {
      cwd: projectRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning',
        KESTRA_CONTRACT_URL: url,
        KESTRA_CONTRACT_VERSION: version
      }
    }
  )
  const code = await new Promise(resolve => suites.once('exit', code => resolve(code)))
  suites = undefined
  const ms = Date.now() - clock
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'))
    return {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests,
      ms
    }
  } catch {
    console.error(`test:kestra: jest exited with ${code} and wrote no report`)
    return { passed: 0, failed: 1, skipped: 0, ms }
  }
}

/** A port P with P+1 free too (start.sh puts the management port there). */
async function freePortPair() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await listenOnce(0)
    if (port < 65535 && (await listenOnce(port + 1).catch(() => undefined)) !== undefined)
      return port
  }
  throw new Error('no two free consecutive ports on 127.0.0.1')
}

function listenOnce(port) {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address()
      server.close(() => resolve(bound))
    })
  })
}

function tail(file) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n')
  } catch {
    return '(no log)'
  }
}

function sleep(ms) {
  return new Promise(resolve => setTimeout(resolve, ms))
}

function seconds(ms) {
  return ms >= 120_000
    ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
    : `${(ms / 1000).toFixed(1)} s`
}
