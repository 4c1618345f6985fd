import { diffLines, type LineEdit } from '../util/line-diff.js'

export interface UnifiedDiff {
  /** The patch: `---`/`+++` header, then `@@` hunks with `context` lines around each change. */
  text: string
  added: number
  removed: number
}

const NO_NEWLINE = '\\ No newline at end of file'

/**
 * The unified diff (as `diff -u` and git print it) from `before` to `after`; undefined when the
 * texts are the same. Line endings are compared as LF, so a CRLF file does not show every line.
 */
export function unifiedDiff(
  before: string,
  after: string,
  labels: { before: string; after: string },
  context = 3
): UnifiedDiff | undefined {
  const a = splitLines(before)
  const b = splitLines(after)
  const edits = diffLines(a, b)
  const changed = edits.flatMap((edit, index) => (edit.kind === 'equal' ? [] : [index]))
  if (changed.length === 0) return undefined

  const lines = [`--- ${labels.before}`, `+++ ${labels.after}`]
  let first = 0
  while (first < changed.length) {
    // A hunk runs while the next change is within two contexts of the last one.
    let last = first
    while (
      last + 1 < changed.length &&
      (changed[last + 1] as number) - (changed[last] as number) <= 2 * context + 1
    )
      last++
    const start = Math.max(0, (changed[first] as number) - context)
    const end = Math.min(edits.length, (changed[last] as number) + context + 1)
    lines.push(...hunk(edits.slice(start, end), a, b))
    first = last + 1
  }
  return {
    text: lines.join('\n'),
    added: edits.filter(edit => edit.kind === 'insert').length,
    removed: edits.filter(edit => edit.kind === 'delete').length
  }
}

/**
 * Each line keeps its `\n`, so a last line without one differs from the same line with one, and
 * the hunk can say so as diff does.
 */
function splitLines(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n')
  return normalized === '' ? [] : (normalized.match(/[^\n]*\n|[^\n]+$/g) ?? [])
}

function hunk(edits: readonly LineEdit[], a: readonly string[], b: readonly string[]): string[] {
  const body: string[] = []
  let aStart: number | undefined
  let bStart: number | undefined
  let aCount = 0
  let bCount = 0
  const line = (prefix: string, text: string): void => {
    body.push(prefix + text.replace(/\n$/, ''))
    if (!text.endsWith('\n')) body.push(NO_NEWLINE)
  }
  for (const edit of edits) {
    if (edit.kind !== 'insert') {
      aStart ??= edit.a
      aCount++
    }
    if (edit.kind !== 'delete') {
      bStart ??= edit.b
      bCount++
    }
    if (edit.kind === 'equal') line(' ', a[edit.a] as string)
    else if (edit.kind === 'delete') line('-', a[edit.a] as string)
    else line('+', b[edit.b] as string)
  }
  // A side with no line is empty as a whole (any line would be context): diff numbers it 0,0.
  const range = (start: number | undefined, count: number): string =>
    count === 0 ? '0,0' : `${(start as number) + 1}${count === 1 ? '' : `,${count}`}`
  return [`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`, ...body]
}
