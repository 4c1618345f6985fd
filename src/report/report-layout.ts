/** Where a report goes, and how much of it fits there. */
export interface ReportSink {
  /** The most the report may hold, as `measure` counts. */
  limit: number
  measure(text: string): number
  /** The limit in words, e.g. "GitHub's limit of 65,536 characters for a comment". */
  limitName: string
  /** Where a reader finds what was left out, e.g. "the step summary of the run". */
  elsewhere: string
}

/**
 * A report in parts, by how much each may be given up for room. Blocks are joined by a blank
 * line; the table's rows by a line break.
 */
export interface ReportLayout {
  /** Always kept: heading, counts, alerts. */
  head: string[]
  /** The table's header lines, shown when at least one row is. */
  tableHead: string
  /** One row per changed flow, in order; the last are the first to go after every detail. */
  rows: string[]
  /** Per row (same index), its collapsed diff or source, if any; given up from the last. */
  details: Array<string | undefined>
  /** Given up first, lowest `rank` first (the last of equals first): lists one can do without. */
  optional: OptionalPart[]
  /** Always kept: the footer. */
  tail: string[]
}

export interface OptionalPart {
  text: string
  /** How the note names it once left out, e.g. "the list of unchanged flows". */
  name: string
  rank: number
}

/** Room kept for the note that says what was left out. */
const NOTE_ROOM = 800

/**
 * The layout as Markdown, within the sink's limit. What does not fit is left out at a flow's
 * boundary (whole details first, then whole rows, from the last), and a note says how many flows
 * were left out and where to see them.
 */
export function renderLayout(layout: ReportLayout, sink: ReportSink): string {
  const all = assemble(layout, layout.rows.length, layout.details, layout.optional, [])
  if (sink.measure(all) <= sink.limit) return all

  const size = (text: string): number => sink.measure(text) + 2
  const budget = sink.limit - NOTE_ROOM
  let total =
    [...layout.head, ...layout.tail].reduce((sum, block) => sum + size(block), 0) +
    (layout.rows.length > 0 ? size(layout.tableHead) : 0)
  const rowSizes = layout.rows.map(row => sink.measure(row) + 1)
  const detailSizes = layout.details.map(detail => (detail === undefined ? 0 : size(detail)))
  const optionalSizes = layout.optional.map(part => size(part.text))
  total += [...rowSizes, ...detailSizes, ...optionalSizes].reduce((sum, n) => sum + n, 0)

  const dropOrder = layout.optional
    .map((part, index) => ({ part, index }))
    .sort((a, b) => a.part.rank - b.part.rank || b.index - a.index)
  const dropped: OptionalPart[] = []
  for (const { part, index } of dropOrder) {
    if (total <= budget) break
    total -= optionalSizes[index] as number
    dropped.push(part)
  }
  const details = [...layout.details]
  for (let index = details.length - 1; total > budget && index >= 0; index--) {
    if (details[index] === undefined) continue
    total -= detailSizes[index] as number
    details[index] = undefined
  }
  let rowsKept = layout.rows.length
  while (total > budget && rowsKept > 0) total -= rowSizes[--rowsKept] as number

  const leftOut = layout.rows.filter(
    (_, index) =>
      index >= rowsKept || (layout.details[index] !== undefined && details[index] === undefined)
  ).length
  const note = leftOutNote({
    flows: leftOut,
    unlisted: layout.rows.length - rowsKept,
    parts: dropped.map(part => part.name),
    sink
  })
  const fitted = assemble(
    layout,
    rowsKept,
    details,
    layout.optional.filter(part => !dropped.includes(part)),
    [note]
  )
  return sink.measure(fitted) <= sink.limit ? fitted : cutToLimit(fitted, sink)
}

function assemble(
  layout: ReportLayout,
  rowsKept: number,
  details: ReadonlyArray<string | undefined>,
  optional: readonly OptionalPart[],
  notes: string[]
): string {
  const rows = layout.rows.slice(0, rowsKept)
  return [
    ...layout.head,
    ...(rows.length > 0 ? [[layout.tableHead, ...rows].join('\n')] : []),
    ...details.flatMap(detail => (detail === undefined ? [] : [detail])),
    ...optional.map(part => part.text),
    ...notes,
    ...layout.tail
  ].join('\n\n')
}

function leftOutNote({
  flows,
  unlisted,
  parts,
  sink
}: {
  flows: number
  unlisted: number
  parts: string[]
  sink: ReportSink
}): string {
  const what = [
    ...(flows > 0
      ? [
          `the diff or source of ${flows} flow(s)${unlisted > 0 ? ` (${unlisted} of them not in the table either)` : ''}`
        ]
      : []),
    ...parts
  ].join(', ')
  const headline = flows > 0 ? `**${flows} flow(s) left out**` : '**Left out**'
  return `✂️ ${headline} to stay within ${sink.limitName}: ${what}. See ${sink.elsewhere}.`
}

/** The last resort, when even the parts always kept are too long: cut at a line, and say so. */
function cutToLimit(text: string, sink: ReportSink): string {
  const marker = `\n\n✂️ Cut to stay within ${sink.limitName}. See ${sink.elsewhere}.`
  const lines = text.split('\n')
  let kept = ''
  let size = sink.measure(marker)
  for (const line of lines) {
    const added = sink.measure(line) + 1
    if (size + added > sink.limit) break
    kept += `${line}\n`
    size += added
  }
  return kept.replace(/\n$/, '') + marker
}
