import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { unifiedDiff } from '../../src/report/unified-diff.js'

const labels = { before: 'server', after: 'repository' }

/** Applies a patch with git, which checks every hunk header and context line. */
function applyWithGit(before: string, patch: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'unified-diff-'))
  try {
    writeFileSync(path.join(folder, 'flow.yml'), before)
    const rewritten = patch
      .replace(/^--- .*$/m, '--- a/flow.yml')
      .replace(/^\+\+\+ .*$/m, '+++ b/flow.yml')
    writeFileSync(path.join(folder, 'flow.patch'), `${rewritten}\n`)
    const applied = spawnSync('git', ['apply', 'flow.patch'], {
      cwd: folder,
      encoding: 'utf8'
    })
    expect(applied.stderr).toBe('')
    return readFileSync(path.join(folder, 'flow.yml'), 'utf8')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

describe('unifiedDiff', () => {
  it('is undefined for equal texts, line endings aside', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', labels)).toBeUndefined()
    expect(unifiedDiff('a\r\nb\r\n', 'a\nb\n', labels)).toBeUndefined()
  })

  it('prints hunks as diff -u does, with three lines of context', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n'
    const after = before.replace('line 2\n', 'line two\n').replace('line 18\n', '')
    expect(unifiedDiff(before, after, labels)).toEqual({
      text: [
        '--- server',
        '+++ repository',
        '@@ -1,5 +1,5 @@',
        ' line 1',
        '-line 2',
        '+line two',
        ' line 3',
        ' line 4',
        ' line 5',
        '@@ -15,6 +15,5 @@',
        ' line 15',
        ' line 16',
        ' line 17',
        '-line 18',
        ' line 19',
        ' line 20'
      ].join('\n'),
      added: 1,
      removed: 2
    })
  })

  it('joins changes less than seven lines apart into one hunk', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\n'
    const text = unifiedDiff(
      before,
      before.replace('a\n', 'A\n').replace('h\n', 'H\n'),
      labels
    )?.text
    expect(text?.match(/^@@/gm)).toHaveLength(1)
  })

  it('says when a side has no newline at its end, and numbers an empty side 0,0', () => {
    expect(unifiedDiff('a\nb', 'a\nb\n', labels)?.text).toBe(
      [
        '--- server',
        '+++ repository',
        '@@ -1,2 +1,2 @@',
        ' a',
        '-b',
        '\\ No newline at end of file',
        '+b'
      ].join('\n')
    )
    expect(unifiedDiff('', 'x\n', labels)?.text).toBe(
      ['--- server', '+++ repository', '@@ -0,0 +1 @@', '+x'].join('\n')
    )
  })

  it('gives patches that git applies to the server source to get the repository one', () => {
    let seed = 7
    const next = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647
    for (let round = 0; round < 25; round++) {
      const before = Array.from(
        { length: 5 + Math.floor(next() * 40) },
        () => `k${Math.floor(next() * 8)}: v`
      )
      const after = before.flatMap(line => {
        const roll = next()
        if (roll < 0.1) return []
        if (roll < 0.2) return [line, `added${Math.floor(next() * 99)}: x`]
        if (roll < 0.3) return [`${line} changed`]
        return [line]
      })
      const beforeText = `${before.join('\n')}\n`
      const afterText = `${after.join('\n')}\n`
      const diff = unifiedDiff(beforeText, afterText, labels)
      if (beforeText === afterText) continue
      expect(applyWithGit(beforeText, diff?.text ?? '')).toBe(afterText)
    }
  })
})
