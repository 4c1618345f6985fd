import { structuredPatch, type StructuredPatchHunk } from 'diff'

export interface UnifiedDiff {
  /** The patch: `---`/`+++` header, then `@@` hunks with `context` lines around each change. */
  text: string
  added: number
  removed: number
}

/**
 * Beyond this many differing lines, the patch replaces the whole text: still correct, no longer
 * the shortest, and the search stays bounded (its work grows with the lines times this bound).
 */
export const MAX_EDIT_LENGTH = 1000

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
  const a = withLf(before)
  const b = withLf(after)
  if (a === b) return undefined
  const hunks = structuredPatch('', '', a, b, undefined, undefined, {
    context,
    maxEditLength: MAX_EDIT_LENGTH
  })?.hunks ?? [wholeReplacement(a, b)]
  const lines = hunks.flatMap(hunk => hunk.lines)
  return {
    text: [
      `--- ${labels.before}`,
      `+++ ${labels.after}`,
      ...hunks.flatMap(hunk => [hunkHeader(hunk), ...hunk.lines])
    ].join('\n'),
    added: lines.filter(line => line.startsWith('+')).length,
    removed: lines.filter(line => line.startsWith('-')).length
  }
}

function withLf(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}

/** As diff prints it: a count of 1 is left out, and an empty side is numbered from the line before. */
function hunkHeader(hunk: StructuredPatchHunk): string {
  const range = (start: number, count: number): string =>
    count === 0 ? `${start - 1},0` : count === 1 ? `${start}` : `${start},${count}`
  return `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`
}

/** Every line of `a` removed, then every line of `b` added. */
function wholeReplacement(a: string, b: string): StructuredPatchHunk {
  const before = splitLines(a)
  const after = splitLines(b)
  return {
    oldStart: 1,
    oldLines: before.length,
    newStart: 1,
    newLines: after.length,
    lines: [...patchLines('-', before), ...patchLines('+', after)]
  }
}

/** Each line keeps its `\n`, so that a last line without one can be marked as diff does. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? []
}

function patchLines(prefix: string, lines: readonly string[]): string[] {
  return lines.flatMap(line =>
    line.endsWith('\n') ? [prefix + line.slice(0, -1)] : [prefix + line, NO_NEWLINE]
  )
}
