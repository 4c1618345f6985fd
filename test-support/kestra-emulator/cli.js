#!/usr/bin/env node
// @ts-check
// Runs the emulator standalone (demo, manual tests):
//   node test-support/kestra-emulator/cli.js --port 8080 --version 1.3.21 --username U --password P
//     [--token T] [--edition OSS|EE] [--tenant main ...] [--latency-ms N] [--seed-dir DIR]
// --seed-dir loads every .yml/.yaml file below DIR (one flow per file) into the first tenant.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startKestraEmulator } from './index.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    version: { type: 'string', default: '1.3.21' },
    edition: { type: 'string', default: 'OSS' },
    tenant: { type: 'string', multiple: true },
    username: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    'latency-ms': { type: 'string', default: '0' },
    'seed-dir': { type: 'string' }
  }
})

if (values.edition !== 'OSS' && values.edition !== 'EE') {
  throw new Error(`--edition must be OSS or EE, not ${values.edition}`)
}
const tenants = values.tenant ?? ['main']
const auth =
  values.username !== undefined || values.token !== undefined
    ? { username: values.username, password: values.password, token: values.token }
    : undefined

const emu = await startKestraEmulator({
  version: values.version,
  edition: values.edition,
  tenants,
  auth,
  host: values.host,
  port: Number(values.port),
  latencyMs: Number(values['latency-ms'])
})

if (values['seed-dir']) {
  const files = await readdir(values['seed-dir'], { recursive: true })
  for (const file of files.filter(f => /\.ya?ml$/.test(f)).sort()) {
    emu.store.seed(tenants[0], await readFile(join(values['seed-dir'], file), 'utf8'))
  }
}

console.log(emu.url)
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    emu.close().then(() => process.exit(0))
  })
}
