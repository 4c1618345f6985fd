import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { packageOfSource } from '../../scripts/package.mjs'

// The committed bundle as built (check-dist holds it to src/): what its files hold.
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist')
const sourcesOf = (file: string): string[] =>
  (JSON.parse(readFileSync(path.join(dist, `${file}.map`), 'utf8')) as { sources: string[] })
    .sources

describe('dist/', () => {
  it('starts from a small entry file: the first request needs no package but the proxy rules', () => {
    const packaged = sourcesOf('index.js').filter(source => source.includes('node_modules/'))
    expect(packaged.map(source => source.replace(/^.*node_modules\//, ''))).toEqual([
      '@actions/http-client/lib/proxy.js'
    ])
    expect(sourcesOf('index.js')).toContain('.././src/run-start.ts')
    expect(sourcesOf('index.js')).not.toContain('.././src/action.ts')
    // Well under the bulk of the action, which Node would otherwise read before the first request.
    expect(readFileSync(path.join(dist, 'index.js')).byteLength).toBeLessThan(150_000)
  })

  it("names in licenses.txt every package that any of its files holds", () => {
    const files = readdirSync(dist).filter(name => name.endsWith('.js'))
    expect(files.length).toBeGreaterThan(1)
    const bundled = new Set(
      files.flatMap(file => sourcesOf(file).flatMap(source => packageOfSource(source)?.name ?? []))
    )
    const licenses = readFileSync(path.join(dist, 'licenses.txt'), 'utf8')
    const named = [...bundled].filter(name =>
      new RegExp(`(^|\\n\\n)${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\n`).test(licenses)
    )
    expect(named.sort()).toEqual([...bundled].sort())
    expect(bundled).toContain('@actions/core')
    expect(bundled).toContain('@octokit/core')
    expect(bundled).toContain('js-yaml')
  })
})
