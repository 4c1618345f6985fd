import { compareFlowKeys, flowName } from '../flow/flow-key.js'
import { UNREAD_REASON_TEXT } from '../flow/local-flow.js'
import type { Changeset } from '../plan/changeset.js'
import { renderFileLogLines } from './file-report.js'
import { inReportOrder, KEPT_REASON, outcomeSuffix, revisionText } from './change-text.js'

/**
 * The changeset as plain text for the job log, one aligned line per flow, in the summary's order:
 * the changes (deletions first), then the unchanged flows, then the flows kept on the server.
 */
export function renderLogTable(changeset: Changeset): string {
  const fileLines = renderFileLogLines(changeset.files, changeset.keptFiles)
  const flows = renderFlowTable(changeset)
  return fileLines.length === 0 ? flows : `${flows}\n\n${fileLines.join('\n')}`
}

function renderFlowTable({ changes, kept }: Changeset): string {
  if (changes.length === 0 && kept.length === 0) return 'No flow to sync.'
  const rows = [
    ...inReportOrder(changes).map(change => [
      change.syncState + outcomeSuffix(change),
      flowName(change),
      change.gitPath ?? '-',
      revisionText(change, '->'),
      change.unreadFile
        ? `${change.unreadFile.gitPath}: ${UNREAD_REASON_TEXT[change.unreadFile.reason]}`
        : ''
    ]),
    ...[...kept]
      .sort(compareFlowKeys)
      .map(flow => ['KEPT', flowName(flow), '-', String(flow.revision), KEPT_REASON[flow.reason]])
  ]
  const header = ['STATE', 'FLOW', 'FILE', 'REVISION', '']
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
