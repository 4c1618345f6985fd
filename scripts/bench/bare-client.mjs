// @ts-check
// The benchmark's floor for a sync that changes nothing: the least a client of the Kestra API does
// as a whole process. Node starts, lists and reads the flow files while it asks the server's
// version (GET configs), keys each file (namespace from its folder, id from its `id:` line) and
// sets its `namespace:` line, then reads the scope (search and export side by side), unzips the
// export and compares each text with the local one. No YAML parse, no checks, no report: what is
// left of any tool once everything but the unavoidable work is taken away.
// Prints the counts and the peak resident memory of the process, in kB, as JSON.
//   node scripts/bench/bare-client.mjs <folder> <kestra-url> <user> <password> <namespace>
import { readdirSync, readFileSync } from 'node:fs'
import * as http from 'node:http'
import * as path from 'node:path'
import { strFromU8, unzipSync } from 'fflate'

const [folder, url, username, password, target] = process.argv.slice(2)
if (!folder || !url || !username || !password || !target) {
  throw new Error('usage: bare-client.mjs <folder> <kestra-url> <user> <password> <namespace>')
}
const agent = new http.Agent({ keepAlive: true })
const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
let requests = 0

/** @param {string} route @param {string} accept @returns {Promise<Buffer>} */
function get(route, accept) {
  requests++
  return new Promise((resolve, reject) => {
    const request = http.get(
      new URL(route, url),
      { agent, headers: { authorization, accept } },
      response => {
        /** @type {Buffer[]} */
        const chunks = []
        response.on('data', chunk => chunks.push(chunk))
        response.on('end', () =>
          response.statusCode === 200
            ? resolve(Buffer.concat(chunks))
            : reject(new Error(`${route}: ${response.statusCode}`))
        )
      }
    )
    request.on('error', reject)
  })
}

const ID_LINE = /^id:[ \t]*(\S+)/m
const NAMESPACE_LINE = /^namespace:.*$/m

const configs = get('/api/v1/configs', 'application/json')
/** @type {Map<string, string>} local texts by `namespace/id` */
const local = new Map()
for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.ya?ml$/i.test(entry.name)) continue
  // `path` is the name of `parentPath` before Node 20.12.
  const parent = entry.parentPath ?? entry.path
  const text = readFileSync(path.join(parent, entry.name), 'utf8')
  const folders = path.relative(folder, parent).split(path.sep).filter(Boolean)
  const namespace = [target, ...folders].join('.')
  const id = ID_LINE.exec(text)?.[1]
  if (id) local.set(`${namespace}/${id}`, text.replace(NAMESPACE_LINE, `namespace: ${namespace}`))
}
const version = JSON.parse((await configs).toString('utf8')).version
const filter = `filters[namespace][PREFIX]=${encodeURIComponent(target)}`
const [search, exported] = await Promise.all([
  get(
    `/api/v1/main/flows/search?${filter}&size=10000&page=1&sort=namespace:asc&sort=id:asc`,
    'application/json'
  ),
  get(`/api/v1/main/flows/export/by-query?${filter}`, 'application/octet-stream')
])
const listed = JSON.parse(search.toString('utf8')).results.length
let unchanged = 0
for (const bytes of Object.values(unzipSync(exported))) {
  const text = strFromU8(bytes)
  const namespace = /^namespace:[ \t]*(\S+)/m.exec(text)?.[1]
  const id = ID_LINE.exec(text)?.[1]
  if (local.get(`${namespace}/${id}`) === text) unchanged++
}
agent.destroy()
console.log(
  JSON.stringify({
    version,
    local: local.size,
    listed,
    unchanged,
    requests,
    peakRssKb: process.resourceUsage().maxRSS
  })
)
