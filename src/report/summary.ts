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

/**
 * GitHub refuses a step summary over 1 MiB (and then shows none): the tables and lists, which grow
 * with the number of flows, share this many characters, and give the number of what is left out.
 */
export const SUMMARY_BUDGET = 600_000

/** Characters left for the lines that grow with the number of flows; once one does not fit, none does. */
class LineBudget {
  constructor(private left: number) {}

  get exhausted(): boolean {
    return this.left === 0
  }

  fits(line: string): boolean {
    if (line.length + 1 > this.left) {
      this.left = 0
      return false
    }
    this.left -= line.length + 1
    return true
  }
}

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

  const budget = new LineBudget(SUMMARY_BUDGET)
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
    const listed = fitting(shown.map(renderRow), budget)
    lines.push(...listed)
    if (listed.length < shown.length) {
      lines.push(`| … | ${shown.length - listed.length} more flow(s) | | |`)
    }
    if (shown.length < rows.length) lines.push(`| UNCHANGED | ${unchanged.length} flows | | |`)
    lines.push('')
  }
  if (budget.exhausted) {
    lines.push(
      'A step summary holds at most 1 MiB: not every flow is listed. The job log lists them all.',
      ''
    )
  }
  if (changes.length === 0 && kept.length === 0) {
    lines.push('No flow in the folder or in scope on the server.', '')
  }

  lines.push(...renderKept(kept, budget))
  lines.push(...renderProblems('Skipped invalid flows', result.invalidSkipped, budget))
  lines.push(...renderProblems('Server notices', result.notices, budget))
  if (result.skippedFiles.length > 0) {
    lines.push(
      `<details><summary>${result.skippedFiles.length} file(s) skipped: not .yml or .yaml</summary>`,
      ''
    )
    lines.push(
      ...listItems(
        result.skippedFiles.map(file => `- \`${file}\``),
        budget
      )
    )
    lines.push('', '</details>', '')
  }
  return lines.join('\n')
}

/** The first of `lines` that fit in the budget. */
function fitting(lines: readonly string[], budget: LineBudget): string[] {
  const fit: string[] = []
  for (const line of lines) {
    if (!budget.fits(line)) break
    fit.push(line)
  }
  return fit
}

/** List items within the budget, and the number of those left out. */
function listItems(items: readonly string[], budget: LineBudget): string[] {
  const fit = fitting(items, budget)
  return fit.length < items.length ? [...fit, `- … and ${items.length - fit.length} more`] : fit
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

function renderKept(kept: readonly KeptFlow[], budget: LineBudget): string[] {
  if (kept.length === 0) return []
  const reasons: Record<KeptReason, string> = {
    'delete-disabled': "only on the server, kept because 'delete' is false",
    'invalid-in-git': 'kept because the flow is invalid in Git (never deleted for that)',
    'unreadable-file-in-git':
      'kept because a file in Git could not be read and may define it (see the invalid flows)'
  }
  return [
    `<details><summary>${kept.length} flow(s) only on the server, kept</summary>`,
    '',
    ...listItems(
      kept.map(
        flow =>
          `- \`${flow.namespace}.${flow.id}\` (revision ${flow.revision}): ${reasons[flow.reason]}`
      ),
      budget
    ),
    '',
    '</details>',
    ''
  ]
}

function renderProblems(
  title: string,
  problems: readonly FileProblem[],
  budget: LineBudget
): string[] {
  if (problems.length === 0) return []
  return [
    `#### ${title}`,
    '',
    ...listItems(
      problems.map(
        problem =>
          `- ${problemPlace(problem) ? `\`${problemPlace(problem)}\`: ` : ''}${cell(problem.message)}`
      ),
      budget
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
