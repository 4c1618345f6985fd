/** One step of an edit script turning `a` into `b`: keep a line, drop one of `a`, add one of `b`. */
export type LineEdit =
  | { kind: 'equal'; a: number; b: number }
  | { kind: 'delete'; a: number }
  | { kind: 'insert'; b: number }

/**
 * Beyond this many differing lines (after the common head and tail are set aside), the middle is
 * given as all of `a`'s lines removed then all of `b`'s added: still a correct script, no longer
 * the shortest, and the time and memory of the search stay bounded (about its square).
 */
export const MAX_EDIT_DISTANCE = 1000

/**
 * The shortest edit script between two line lists (Myers, "An O(ND) Difference Algorithm"),
 * in order. Lines are compared as strings.
 */
export function diffLines(
  a: readonly string[],
  b: readonly string[],
  maxEditDistance = MAX_EDIT_DISTANCE
): LineEdit[] {
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++

  const edits: LineEdit[] = []
  for (let i = 0; i < head; i++) edits.push({ kind: 'equal', a: i, b: i })
  const middleA = a.slice(head, a.length - tail)
  const middleB = b.slice(head, b.length - tail)
  const middle =
    shortestEdits(middleA, middleB, maxEditDistance) ?? replaceAll(middleA.length, middleB.length)
  for (const edit of middle) edits.push(shifted(edit, head))
  for (let i = tail; i > 0; i--) {
    edits.push({ kind: 'equal', a: a.length - i, b: b.length - i })
  }
  return edits
}

function shifted(edit: LineEdit, by: number): LineEdit {
  switch (edit.kind) {
    case 'equal':
      return { kind: 'equal', a: edit.a + by, b: edit.b + by }
    case 'delete':
      return { kind: 'delete', a: edit.a + by }
    case 'insert':
      return { kind: 'insert', b: edit.b + by }
  }
}

function replaceAll(n: number, m: number): LineEdit[] {
  return [
    ...Array.from({ length: n }, (_, a): LineEdit => ({ kind: 'delete', a })),
    ...Array.from({ length: m }, (_, b): LineEdit => ({ kind: 'insert', b }))
  ]
}

/**
 * Myers' greedy search: `v[k]` is the furthest x reached on diagonal k = x - y. A snapshot of the
 * neighbourhood of v before each round is kept to walk the path back. Undefined when more than
 * `maxD` edits are needed.
 */
function shortestEdits(
  a: readonly string[],
  b: readonly string[],
  maxD: number
): LineEdit[] | undefined {
  const n = a.length
  const m = b.length
  const limit = Math.min(n + m, maxD)
  const offset = limit + 1
  const v = new Int32Array(2 * limit + 3)
  // Round d reads v[k - 1] and v[k + 1] for k in [-d, d]: the snapshot covers [-d - 1, d + 1].
  const snapshots: Int32Array[] = []
  for (let d = 0; d <= limit; d++) {
    snapshots.push(v.slice(offset - d - 1, offset + d + 2))
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))
          ? (v[offset + k + 1] as number)
          : (v[offset + k - 1] as number) + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= n && y >= m) return backtrack(snapshots, n, m)
    }
  }
  return undefined
}

function backtrack(snapshots: readonly Int32Array[], n: number, m: number): LineEdit[] {
  const edits: LineEdit[] = []
  let x = n
  let y = m
  for (let d = snapshots.length - 1; d >= 0; d--) {
    const before = snapshots[d] as Int32Array
    const at = (k: number): number => before[k + d + 1] as number
    const k = x - y
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1
    const previousX = d === 0 ? 0 : at(previousK)
    const previousY = d === 0 ? 0 : previousX - previousK
    while (x > previousX && y > previousY) {
      x--
      y--
      edits.push({ kind: 'equal', a: x, b: y })
    }
    if (d > 0) {
      if (x === previousX) edits.push({ kind: 'insert', b: y - 1 })
      else edits.push({ kind: 'delete', a: x - 1 })
    }
    x = previousX
    y = previousY
  }
  return edits.reverse()
}
