import type { FlowChange } from '../plan/changeset.js'
import { outcomeSuffix, revisionText } from './change-text.js'
import { flowName } from '../flow/flow-key.js'

/** The changeset as plain text for the job log, one aligned line per flow. */
export function renderLogTable(changes: readonly FlowChange[]): string {
  if (changes.length === 0) return 'No flow to sync.'
  const rows = changes.map(change => [
    change.syncState + outcomeSuffix(change),
    flowName(change),
    change.gitPath ?? '-',
    revisionText(change, '->')
  ])
  const header = ['STATE', 'FLOW', 'FILE', 'REVISION']
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map(row => (row[column] as string).length))
  )
  return [header, ...rows]
    .map(row =>
      row
        .map((value, column) => value.padEnd(widths[column] as number))
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}
