// Writes the inputs and outputs tables of README.md from action.yml, between the markers
// <!-- inputs:start --> ... <!-- inputs:end --> and <!-- outputs:start --> ... <!-- outputs:end -->.
// `node scripts/docs.mjs --check` fails instead when the README is stale (a test runs it).
import { readFileSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { load } from 'js-yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const action = load(readFileSync(path.join(root, 'action.yml'), 'utf8'))
const readmePath = path.join(root, 'README.md')
const readme = readFileSync(readmePath, 'utf8')

const text = value =>
  String(value ?? '')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
const inputs = [
  '| Input | Description | Default | Required |',
  '| --- | --- | --- | --- |',
  ...Object.entries(action.inputs).map(
    ([name, input]) =>
      `| \`${name}\` | ${text(input.description)} | ${input.default === undefined || input.default === '' ? '' : `\`${input.default}\``} | ${input.required ? 'yes' : 'no'} |`
  )
].join('\n')
const outputs = [
  '| Output | Description |',
  '| --- | --- |',
  ...Object.entries(action.outputs).map(
    ([name, output]) => `| \`${name}\` | ${text(output.description)} |`
  )
].join('\n')

const replaceBetween = (source, marker, table) => {
  const pattern = new RegExp(`(<!-- ${marker}:start -->\\n)[\\s\\S]*?(\\n<!-- ${marker}:end -->)`)
  if (!pattern.test(source))
    throw new Error(`README.md has no <!-- ${marker}:start/end --> markers`)
  return source.replace(pattern, `$1${table}$2`)
}
const updated = replaceBetween(replaceBetween(readme, 'inputs', inputs), 'outputs', outputs)

if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error("README.md's inputs or outputs table is stale: run 'npm run docs'.")
    process.exit(1)
  }
} else if (updated !== readme) {
  writeFileSync(readmePath, updated)
  console.log('README.md tables updated from action.yml.')
}
