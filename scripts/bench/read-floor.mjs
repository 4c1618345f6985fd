// @ts-check
// The local part of the benchmark's floor: the least any tool must do with the files, as a whole
// process like the action: start Node, list the flow files, read each one and parse it once. Reads
// are synchronous: for thousands of small files that is several times faster than the thread pool.
// Prints the number of files and the peak resident memory of the process, in kB.
//   node scripts/bench/read-floor.mjs <folder>
import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { load } from 'js-yaml'

const folder = process.argv[2]
if (!folder) throw new Error('usage: read-floor.mjs <folder>')
let documents = 0
for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.ya?ml$/i.test(entry.name)) continue
  // `path` is the name of `parentPath` before Node 20.12.
  load(readFileSync(path.join(entry.parentPath ?? entry.path, entry.name), 'utf8'))
  documents++
}
console.log(JSON.stringify({ documents, peakRssKb: process.resourceUsage().maxRSS }))
