// Builds the bundle: `npm run package` into dist/, check-dist.mjs into a temporary folder to
// compare. ncc bundles src/index.ts with its source maps (no source-map register: the action never
// shows a stack). The action loads its bulk in a second file (see src/main.ts), and ncc's licence
// option writes licenses.txt once per file, each over the last: the licences are therefore written
// here, for every package that any file of the bundle holds, as ncc lays them out.
//   node scripts/package.mjs [folder]
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** @param {string} out the folder to build into; emptied first, as ncc leaves old chunks */
export function buildBundle(out) {
  rmSync(out, { recursive: true, force: true })
  const build = spawnSync(
    'npx',
    ['ncc', 'build', 'src/index.ts', '-o', out, '--source-map', '--no-source-map-register'],
    { cwd: root, encoding: 'utf8' }
  )
  if (build.status !== 0) {
    throw new Error(`ncc failed:\n${build.stdout}\n${build.stderr}`)
  }
  writeFileSync(path.join(out, 'licenses.txt'), licenses(bundledPackages(out)))
}

/**
 * The folder of each package whose code is in the bundle, from the sources of its maps.
 * @param {string} out
 * @returns {Map<string, string>} folder by package name (the first found, for a name found twice)
 */
function bundledPackages(out) {
  /** @type {Map<string, string>} */
  const packages = new Map()
  const maps = readdirSync(out)
    .filter(name => name.endsWith('.js.map'))
    .sort()
  for (const map of maps) {
    const { sources } = JSON.parse(readFileSync(path.join(out, map), 'utf8'))
    for (const source of /** @type {string[]} */ (sources)) {
      const bundled = packageOfSource(source)
      if (bundled && !packages.has(bundled.name)) {
        packages.set(bundled.name, path.join(root, bundled.folder))
      }
    }
  }
  return packages
}

/**
 * The package a source of a map belongs to: its name, and its folder relative to the project (the
 * last `node_modules/` of the path names it: a copy nested in another package is that copy).
 * @param {string} source
 * @returns {{ name: string, folder: string } | undefined} undefined for the project's own code
 */
export function packageOfSource(source) {
  const first = source.indexOf('node_modules/')
  if (first < 0) return undefined
  const last = source.lastIndexOf('node_modules/') + 'node_modules/'.length
  const name = /^(?:@[^/]+\/)?[^/]+/.exec(source.slice(last))?.[0]
  return name ? { name, folder: source.slice(first, last + name.length) } : undefined
}

/**
 * Name, licence and licence text of each package, in name order, as ncc's licenses.txt has them.
 * @param {Map<string, string>} packages
 */
function licenses(packages) {
  return [...packages]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, folder]) => {
      const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'))
      const license =
        typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? '')
      const file = readdirSync(folder)
        .sort()
        .find(entry => /^(licen[cs]e|copying)([.-]\w+)?$/i.test(entry))
      const text = file ? readFileSync(path.join(folder, file), 'utf8') : ''
      return `${name}\n${license}\n${text}`
    })
    .join('\n\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? path.join(root, 'dist'))
  if (!existsSync(path.join(root, 'node_modules'))) throw new Error('Run npm ci first.')
  buildBundle(out)
  console.log(`Built ${path.relative(process.cwd(), out) || out}: ${readdirSync(out).join(', ')}`)
}
