// Rebuilds the bundle into a temporary folder and compares it with the committed dist/:
// the bundle that runs on GitHub must be the one src/ builds.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildBundle } from './package.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = mkdtempSync(path.join(tmpdir(), 'kestra-sync-dist-'))
try {
  buildBundle(out)
  const committed = path.join(root, 'dist')
  const names = new Set([...readdirSync(out), ...readdirSync(committed)])
  const differing = [...names].filter(name => {
    try {
      return !readFileSync(path.join(out, name)).equals(readFileSync(path.join(committed, name)))
    } catch {
      return true
    }
  })
  if (differing.length > 0) {
    console.error(
      `dist/ does not match src/: ${differing.join(', ')} differ. Run 'npm run package' and commit dist/.`
    )
    process.exit(1)
  }
  console.log('dist/ matches src/.')
} finally {
  rmSync(out, { recursive: true, force: true })
}
