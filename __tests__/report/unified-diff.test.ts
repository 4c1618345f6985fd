import { describe, expect, it } from '@jest/globals'
import { lineDiff } from 'diff'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { MAX_EDIT_LENGTH, unifiedDiff } from '../../src/report/unified-diff.js'

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

/** The length of a longest common subsequence, by dynamic programming. */
function lcs(a: string[], b: string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      (table[i] as number[])[j] =
        a[i - 1] === b[j - 1]
          ? ((table[i - 1] as number[])[j - 1] as number) + 1
          : Math.max(
              (table[i - 1] as number[])[j] as number,
              (table[i] as number[])[j - 1] as number
            )
  return (table[a.length] as number[])[b.length] as number
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

const text = (lines: string[]): string => lines.map(line => `${line}\n`).join('')

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

  it('counts a shortest edit: the lines outside a longest common subsequence, on many random pairs', () => {
    const next = random(42)
    for (let round = 0; round < 400; round++) {
      const line = (): string => 'abcde'[Math.floor(next() * 5)] as string
      const a = Array.from({ length: Math.floor(next() * 14) }, line)
      const b = Array.from({ length: Math.floor(next() * 14) }, line)
      const diff = unifiedDiff(text(a), text(b), labels)
      const common = lcs(a, b)
      expect([diff?.removed ?? 0, diff?.added ?? 0]).toEqual([a.length - common, b.length - common])
    }
  })

  it('numbers a side that becomes empty 0,0', () => {
    expect(unifiedDiff('x\ny\n', '', labels)?.text).toBe(
      ['--- server', '+++ repository', '@@ -1,2 +0,0 @@', '-x', '-y'].join('\n')
    )
  })

  it('finds the few changes of a large file', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `line ${i}`)
    const b = a.map((line, i) => (i % 1000 === 0 ? `${line} changed` : line))
    const diff = unifiedDiff(text(a), text(b), labels)
    expect([diff?.added, diff?.removed]).toEqual([20, 20])
    expect(diff?.text.match(/^@@/gm)).toHaveLength(20)
  })

  it('past the edit bound, replaces the whole text, with a bounded number of line comparisons', () => {
    // Every line differs: a shortest script would take some (2n)² / 2 comparisons to find.
    const n = 5_000
    const a = Array.from({ length: n }, (_, i) => `a${i}`)
    const b = Array.from({ length: n }, (_, i) => `b${i}`)
    const bound = (MAX_EDIT_LENGTH + 1) * (2 * n + 1)
    let comparisons = 0
    // Counted by hand: a jest spy would record every call.
    const equals = lineDiff.equals
    lineDiff.equals = function (...args) {
      if (++comparisons > bound) throw new Error(`more than ${bound} line comparisons`)
      return equals.apply(this, args)
    }
    const before = `${text(a)}last`
    const after = `${text(b)}last\n`
    let diff: ReturnType<typeof unifiedDiff>
    try {
      diff = unifiedDiff(before, after, labels)
    } finally {
      lineDiff.equals = equals
    }
    expect(comparisons).toBeGreaterThan(0)
    expect([diff?.removed, diff?.added]).toEqual([n + 1, n + 1])
    expect(diff?.text.split('\n').slice(0, 4)).toEqual([
      '--- server',
      '+++ repository',
      `@@ -1,${n + 1} +1,${n + 1} @@`,
      '-a0'
    ])
    expect(applyWithGit(before, diff?.text ?? '')).toBe(after)
  })
})
