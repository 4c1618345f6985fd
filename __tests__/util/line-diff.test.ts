import { describe, expect, it } from '@jest/globals'
import { diffLines, type LineEdit } from '../../src/util/line-diff.js'

/**
 * Replays a script: it must keep, drop and add lines in order and produce `b` from `a`. The steps
 * are checked in plain code and asserted once: an expect() per line made a large file take seconds.
 */
function replay(a: string[], b: string[], edits: LineEdit[]): string[] {
  let i = 0
  let j = 0
  const out: string[] = []
  const misplaced: string[] = []
  edits.forEach((edit, index) => {
    if (edit.kind === 'equal') {
      if (edit.a !== i || edit.b !== j || a[i] !== b[j]) {
        misplaced.push(`#${index} equal ${edit.a}/${edit.b} at ${i}/${j}`)
      }
      out.push(a[i++] as string)
      j++
    } else if (edit.kind === 'delete') {
      if (edit.a !== i) misplaced.push(`#${index} delete ${edit.a} at ${i}`)
      i++
    } else {
      if (edit.b !== j) misplaced.push(`#${index} insert ${edit.b} at ${j}`)
      out.push(b[j++] as string)
    }
  })
  expect(misplaced).toEqual([])
  expect([i, j]).toEqual([a.length, b.length])
  return out
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

describe('diffLines', () => {
  it('gives a shortest script that turns a into b, on many random pairs', () => {
    const next = random(42)
    for (let round = 0; round < 400; round++) {
      const line = (): string => 'abcde'[Math.floor(next() * 5)] as string
      const a = Array.from({ length: Math.floor(next() * 14) }, line)
      const b = Array.from({ length: Math.floor(next() * 14) }, line)
      const edits = diffLines(a, b)
      expect(replay(a, b, edits)).toEqual(b)
      expect(edits.filter(edit => edit.kind === 'equal')).toHaveLength(lcs(a, b))
    }
  })

  it('handles empty sides', () => {
    expect(diffLines([], [])).toEqual([])
    expect(diffLines(['x'], [])).toEqual([{ kind: 'delete', a: 0 }])
    expect(diffLines([], ['y'])).toEqual([{ kind: 'insert', b: 0 }])
  })

  it('past the edit limit, still gives a correct script, replacing the middle', () => {
    const a = ['head', ...Array.from({ length: 50 }, (_, i) => `a${i}`), 'tail']
    const b = ['head', ...Array.from({ length: 50 }, (_, i) => `b${i}`), 'tail']
    const edits = diffLines(a, b, 10)
    expect(replay(a, b, edits)).toEqual(b)
    expect(edits.map(edit => edit.kind)).toEqual([
      'equal',
      ...new Array(50).fill('delete'),
      ...new Array(50).fill('insert'),
      'equal'
    ])
  })

  it('finds the few changes of a large file', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `line ${i}`)
    const b = a.map((line, i) => (i % 1000 === 0 ? `${line} changed` : line))
    const edits = diffLines(a, b)
    expect(replay(a, b, edits)).toEqual(b)
    expect(edits.filter(edit => edit.kind === 'insert')).toHaveLength(20)
  })
})
