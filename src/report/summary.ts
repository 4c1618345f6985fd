import { problemPlace, type FileProblem } from '../errors.js'
import {
  countByState,
  tookEffect,
  type FlowChange,
  type KeptFlow,
  type KeptReason,
  type SyncState
} from '../plan/changeset.js'
import type { SyncResult } from '../sync.js'
import { compareStrings } from '../util/compare.js'
import { outcomeSuffix, revisionText } from './change-text.js'

export interface SummaryContext {
  targetNamespace: string
  kestraUrl: string
  tenant: string
}

const STATE_LABEL: Record<SyncState, string> = {
  DELETED: '🗑️ DELETED',
  ADDED: '➕ ADDED',
  UPDATED: '✏️ UPDATED',
  UNCHANGED: 'UNCHANGED'
}

/** Beyond this many unchanged flows in a namespace, the table gives their number only. */
const MAX_UNCHANGED_ROWS = 100

/** The step summary: a heading, the counts, then one table per namespace. */
export function renderSummary(result: SyncResult, context: SummaryContext): string {
  const { changes, kept } = result.changeset
  const server = `Kestra ${result.server.version} (${result.server.edition})${result.server.tenantInPath ? `, tenant \`${context.tenant}\`` : ''} at ${context.kestraUrl}`
  const lines = [
    `## Kestra sync${result.dryRun ? ' (dry run)' : ''}: \`${context.targetNamespace}\`${result.failure ? ' failed' : ''}`,
    '',
    `**${describeCounts(changes)}** — ${server}`,
    ...(changes.some(change => !tookEffect(change))
      ? ['', `Not done: ${describeCounts(changes, change => !tookEffect(change))}.`]
      : []),
    ''
  ]
  if (result.dryRun)
    lines.push('Dry run: nothing was written. Revisions are the ones the sync would create.', '')
  if (result.failure) lines.push('> [!CAUTION]', ...quote(result.failure.message), '')

  for (const [namespace, rows] of groupByNamespace(changes)) {
    lines.push(
      `### ${namespace}`,
      '',
      '| State | Flow | File | Revision |',
      '| --- | --- | --- | --- |'
    )
    const unchanged = rows.filter(row => row.syncState === 'UNCHANGED')
    const shown =
      unchanged.length > MAX_UNCHANGED_ROWS
        ? rows.filter(row => row.syncState !== 'UNCHANGED')
        : rows
    for (const row of shown) lines.push(renderRow(row))
    if (shown.length < rows.length) lines.push(`| UNCHANGED | ${unchanged.length} flows | | |`)
    lines.push('')
  }
  if (changes.length === 0 && kept.length === 0) {
    lines.push('No flow in the folder or in scope on the server.', '')
  }

  lines.push(...renderKept(kept))
  lines.push(...renderProblems('Skipped invalid flows', result.invalidSkipped))
  lines.push(...renderProblems('Server notices', result.notices))
  if (result.skippedFiles.length > 0) {
    lines.push(
      `<details><summary>${result.skippedFiles.length} file(s) skipped: not .yml or .yaml</summary>`,
      ''
    )
    lines.push(...result.skippedFiles.map(file => `- \`${file}\``), '', '</details>', '')
  }
  return lines.join('\n')
}

/** `2 added · 1 updated · 0 deleted · 3 unchanged`, by default of what took effect. */
function describeCounts(
  changes: readonly FlowChange[],
  counted: (change: FlowChange) => boolean = tookEffect
): string {
  const counts = countByState(changes, counted)
  return `${counts.ADDED} added · ${counts.UPDATED} updated · ${counts.DELETED} deleted · ${counts.UNCHANGED} unchanged`
}

function renderRow(change: FlowChange): string {
  const file = change.gitPath ? `\`${cell(change.gitPath)}\`` : '—'
  const state = STATE_LABEL[change.syncState] + outcomeSuffix(change)
  return `| ${state} | ${cell(change.id)} | ${file} | ${revisionText(change, '→')} |`
}

function renderKept(kept: readonly KeptFlow[]): string[] {
  if (kept.length === 0) return []
  const reasons: Record<KeptReason, string> = {
    'delete-disabled': "only on the server, kept because 'delete' is false",
    'protected-namespace': "kept because its namespace is in 'protected-namespaces'",
    'invalid-in-git': 'kept because the flow is invalid in Git (never deleted for that)',
    'unreadable-file-in-git':
      'kept because a file in Git could not be read and may define it (see the invalid flows)'
  }
  return [
    `<details><summary>${kept.length} flow(s) only on the server, kept</summary>`,
    '',
    ...kept.map(
      flow =>
        `- \`${flow.namespace}.${flow.id}\` (revision ${flow.revision}): ${reasons[flow.reason]}`
    ),
    '',
    '</details>',
    ''
  ]
}

function renderProblems(title: string, problems: readonly FileProblem[]): string[] {
  if (problems.length === 0) return []
  return [
    `#### ${title}`,
    '',
    ...problems.map(
      problem =>
        `- ${problemPlace(problem) ? `\`${problemPlace(problem)}\`: ` : ''}${cell(problem.message)}`
    ),
    ''
  ]
}

function groupByNamespace(changes: readonly FlowChange[]): Array<[string, FlowChange[]]> {
  const groups = new Map<string, FlowChange[]>()
  for (const change of changes) {
    const group = groups.get(change.namespace)
    if (group) group.push(change)
    else groups.set(change.namespace, [change])
  }
  return [...groups.entries()].sort(([a], [b]) => compareStrings(a, b))
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

function quote(text: string): string[] {
  return text.split('\n').map(line => `> ${line}`)
}
