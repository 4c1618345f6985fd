// The README's first command (`npm start`): the action, run as GitHub runs it, on the example flows
// and namespace files of examples/, against the Kestra API emulator. A dry run, the apply, then a run that finds nothing
// to do. Installs the dependencies itself when they are missing.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
if (!existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  console.log('Installing dependencies (npm ci)...')
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit'
  })
  if (install.status !== 0) process.exit(install.status ?? 1)
}
const { startKestraEmulator } = await import('../test-support/kestra-emulator/index.js')
const { runAction } = await import('../test-support/run-action.js')

const credentials = { username: 'demo@kestra.io', password: 'Demo1234' }
const emulator = await startKestraEmulator({ version: '1.3.21', auth: credentials })
const workspace = path.join(root, 'examples')
for (const file of await readdir(path.join(workspace, 'server'))) {
  if (!file.endsWith('.yml')) continue
  emulator.store.seed('main', await readFile(path.join(workspace, 'server', file), 'utf8'))
}
// The namespace files already on the server: one to update, one that Git no longer has.
const serverFiles = path.join(workspace, 'server', '_files')
for (const file of await readdir(serverFiles, { recursive: true, withFileTypes: true })) {
  if (!file.isFile()) continue
  const absolute = path.join(file.parentPath, file.name)
  const kestraPath = `/${path.relative(serverFiles, absolute).split(path.sep).join('/')}`
  emulator.files.of('main', 'company.team').put(kestraPath, await readFile(absolute))
}

const inputs = {
  'kestra-url': emulator.url,
  username: credentials.username,
  password: credentials.password,
  'target-namespace': 'company.team',
  'include-child-namespaces': 'true',
  'files-directory': '_files',
  delete: 'true'
}
const bold = text => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)

let failed = false
try {
  console.log(
    bold(
      `Kestra API emulator (Kestra 1.3.21) at ${emulator.url}, seeded with examples/server/*.yml and examples/server/_files/`
    )
  )
  console.log(
    `Workspace: ${workspace} — flows in _flows/, namespace files in _files/, target namespace company.team (+ children), delete: true\n`
  )
  for (const [title, extra] of [
    ['1. Dry run: the plan, nothing written', { 'dry-run': 'true' }],
    ['2. Apply', {}],
    ['3. Run again: everything UNCHANGED, nothing written', {}]
  ]) {
    emulator.clearRequests()
    const run = await runAction({ inputs: { ...inputs, ...extra }, workspace })
    console.log(
      bold(`\n=== ${title} (exit code ${run.exitCode}, ${Math.round(run.wallMs)} ms) ===\n`)
    )
    console.log(readableLog(run.stdout))
    const writes = emulator.requests.filter(
      request => request.method !== 'GET' && !request.path.endsWith('/validate')
    )
    console.log(
      bold('\nRequests to Kestra:'),
      emulator.requests.map(request => `${request.method} ${request.path}`).join(', ')
    )
    console.log(bold('Writes:'), writes.length)
    console.log(bold('\nOutputs:'))
    for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name} = ${value}`)
    console.log(bold('\nStep summary (Markdown):\n'))
    console.log(run.summary)
    failed ||= run.exitCode !== 0
  }
} finally {
  await emulator.close()
}
process.exitCode = failed ? 1 : 0

/** The runner's workflow commands, shown as a person reads them in the Actions UI. */
function readableLog(stdout) {
  return (
    stdout
      .split('\n')
      // The runner hides these commands from the log.
      .filter(line => line !== '' && !/^::(endgroup|add-mask)::/.test(line))
      .map(line =>
        line
          .replace(/^::group::(.*)$/, '▶ $1')
          .replace(
            /^::(warning|error|notice)( [^:]*)?::(.*)$/,
            (_, level, props, message) =>
              `${level}${props ?? ''}: ${message.replace(/%0A/g, '\n  ')}`
          )
      )
      .map(line => `  ${line}`)
      .join('\n')
  )
}
