import { problemPlace, type FileProblem } from '../errors.js'
import { compareFlowKeys, flowName } from '../flow/flow-key.js'
import { tookEffect, type FlowChange, type KeptFlow } from '../plan/changeset.js'
import { UNREAD_REASON_TEXT } from '../flow/local-flow.js'
import { compareStrings } from '../util/compare.js'
import {
  inReportOrder,
  KEPT_REASON,
  outcomeSuffix,
  revisionText,
  STATE_ICON,
  STATE_LABEL
} from './change-text.js'
import { fileDeletionAlert, fileReportParts } from './file-report.js'
import { describeOutcome } from './outcome.js'
import { alert, code, codeBlock, codeCell, details, escapeHtml } from './markdown.js'
import {
  renderLayout,
  type OptionalPart,
  type ReportLayout,
  type ReportSink
} from './report-layout.js'
import {
  deletedSource,
  indexReview,
  MAX_DIGESTS,
  reportLinks,
  reviewAbove,
  reviewAlerts,
  type ReportLinks
} from './review-sections.js'
import type { SyncReport } from './sync-report.js'
import { unifiedDiff } from './unified-diff.js'

export interface ReportContext {
  targetNamespace: string
  tenant: string
  /** The server's name for readers (`production`); empty when none is given. */
  environment: string
  /** The workflow run, for the footer's link. */
  runUrl?: string
  /** The commit the plan was made from. */
  commit?: string
  /** Where the branch's files are on GitHub: `{repository}/blob/{head commit}`; no links without. */
  fileBaseUrl?: string
  /** The Kestra UI's public address ('kestra-ui-url'); no links to flows without. */
  kestraUiUrl?: string
}

/** Beyond this many, unchanged flows are counted rather than listed. */
const MAX_UNCHANGED_LISTED = 500
/** Beyond this many, flows to delete are counted in the alert rather than named. */
const MAX_DELETIONS_NAMED = 10

/**
 * The one rendering of a sync, in GitHub Markdown, for the step summary and the pull request
 * comment alike: the counts, a table of the changed flows (deletions first), a unified diff
 * (server -> repository) per updated flow and the source of each added one, collapsed, then the
 * rest. It fits the sink's limit by leaving out whole flows, and says so.
 */
export function renderReport(result: SyncReport, context: ReportContext, sink: ReportSink): string {
  const { changes, kept } = result.changeset
  const ordered = inReportOrder(changes)
  const changed = ordered.filter(change => change.syncState !== 'UNCHANGED')
  const unchanged = ordered.filter(change => change.syncState === 'UNCHANGED')
  const links = reportLinks(context, result.server)
  const review = indexReview(result.review)
  const layout: ReportLayout = {
    head: [
      heading(result.dryRun, context, result.failure !== undefined),
      headline(result, context),
      ...(result.failure ? [alert('CAUTION', result.failure.message)] : []),
      ...deletionAlert(changed, result.dryRun),
      ...fileDeletionAlert(result.changeset.files, result.dryRun),
      ...reviewAlerts(result.review)
    ],
    tableHead: '| | Flow | File | Revision |\n| --- | --- | --- | --- |',
    rows: changed.map(change => renderRow(change, links)),
    details: changed.map((change, index) => {
      const digested = index < MAX_DIGESTS
      const parts = [...reviewAbove(change, review, links, digested), ...flowDetails(change)]
      return parts.length > 0 ? parts.join('\n\n') : undefined
    }),
    // Ranked by what a reviewer misses most once left out: problems last to go.
    optional: [
      ...fileReportParts(result.changeset.files, result.changeset.keptFiles),
      ...(unchanged.length > 0
        ? [{ text: renderUnchanged(unchanged), name: 'the list of unchanged flows', rank: 1 }]
        : []),
      ...(kept.length > 0
        ? [{ text: renderKept(kept), name: 'the flows kept on the server', rank: 2 }]
        : []),
      ...problemsPart('Skipped invalid flows', result.invalidSkipped, {
        name: 'the skipped invalid flows',
        rank: 4
      }),
      ...problemsPart('Server notices', result.notices, { name: "the server's notices", rank: 3 }),
      ...(result.skippedFiles.length > 0
        ? [{ text: renderSkippedFiles(result.skippedFiles), name: 'the files skipped', rank: 0 }]
        : [])
    ],
    tail: footer(context, result.planId)
  }
  if (changes.length === 0 && kept.length === 0) {
    layout.head.push('No flow in the folder or in scope on the server.')
  }
  return renderLayout(layout, sink)
}

/** A sync that stopped before it had a plan: the heading and the reason. */
export function renderFailureReport(
  message: string,
  context: Partial<ReportContext>,
  sink: ReportSink
): string {
  const title = context.targetNamespace
    ? `## Kestra sync: ${code(context.targetNamespace)}${onEnvironment(context)} failed`
    : '## Kestra sync failed'
  return renderLayout(
    {
      head: [title, alert('CAUTION', message)],
      tableHead: '',
      rows: [],
      details: [],
      optional: [],
      tail: footer(context, undefined)
    },
    sink
  )
}

function heading(dryRun: boolean, context: ReportContext, failed: boolean): string {
  return `## Kestra sync${dryRun ? ' (dry run)' : ''}: ${code(context.targetNamespace)}${onEnvironment(context)}${failed ? ' failed' : ''}`
}

function onEnvironment(context: Partial<ReportContext>): string {
  return context.environment ? ` on ${code(context.environment)}` : ''
}

/**
 * The plan's counts against the server (`Plan: +2 ~1 -1, 14 unchanged`), then what was done and
 * why the rest was not.
 */
function headline(result: SyncReport, context: ReportContext): string {
  // Named by version, edition, tenant and environment, never by its URL: anyone who can read
  // the pull request or the run (on a public repository, anyone) reads this.
  const server = `Kestra ${result.server.version} (${result.server.edition})${result.server.tenantInPath ? `, tenant ${code(context.tenant)}` : ''}${context.environment ? `, environment ${code(context.environment)}` : ''}`
  const { counts, outcome } = describeOutcome(result)
  return `**${counts}** against ${server}\n\n${outcome}`
}

function deletionAlert(changed: readonly FlowChange[], dryRun: boolean): string[] {
  const deletions = changed.filter(change => change.syncState === 'DELETED' && tookEffect(change))
  if (deletions.length === 0) return []
  const named = deletions.slice(0, MAX_DELETIONS_NAMED).map(change => code(flowName(change)))
  const more = deletions.length - named.length
  const unread = deletions.flatMap(change => (change.unreadFile ? [change.unreadFile] : []))
  const unreadFiles = [...unread]
    .sort((a, b) => compareStrings(a.gitPath, b.gitPath))
    .slice(0, MAX_DELETIONS_NAMED)
    .map(file => `${code(file.gitPath)} (${UNREAD_REASON_TEXT[file.reason]})`)
  const whyUnread =
    unread.length === 0
      ? ''
      : ` ${unread.length} of them because the sync does not read their files: ${unreadFiles.join(', ')}${unread.length > unreadFiles.length ? ` and ${unread.length - unreadFiles.length} more` : ''}; to keep such a flow, let the sync read its file.`
  return [
    alert(
      'WARNING',
      `**${deletions.length} flow(s) ${dryRun ? 'would be' : 'were'} deleted** from the server: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}.${whyUnread}`
    )
  ]
}

function renderRow(change: FlowChange, links: ReportLinks): string {
  const file = change.gitPath
    ? linked(codeCell(change.gitPath), links.fileUrl?.(change.gitPath))
    : change.unreadFile
      ? `${codeCell(change.unreadFile.gitPath)}: ${UNREAD_REASON_TEXT[change.unreadFile.reason]}`
      : '—'
  const state = STATE_LABEL[change.syncState] + outcomeSuffix(change)
  const flow = linked(codeCell(flowName(change)), links.flowUrl?.(change))
  return `| ${state} | ${flow} | ${file} | ${revisionText(change, '→')} |`
}

function linked(text: string, url: string | undefined): string {
  return url ? `[${text}](${url})` : text
}

/** The diff of an UPDATED flow, the source of an ADDED or DELETED one, collapsed. */
function flowDetails(change: FlowChange): string[] {
  const deleted = deletedSource(change)
  if (deleted) return [deleted]
  const place = [
    `${STATE_ICON[change.syncState]} <code>${escapeHtml(flowName(change))}</code>`,
    ...(change.gitPath ? [`<code>${escapeHtml(change.gitPath)}</code>`] : [])
  ]
  if (change.syncState === 'UPDATED' && change.source !== null && change.serverSource !== null) {
    const diff = unifiedDiff(change.serverSource, change.source, {
      before: `server: ${flowName(change)} revision ${change.previousRevision ?? '?'}`,
      after: `repository: ${change.gitPath ?? flowName(change)}`
    })
    // Never undefined: UPDATED means the sources differ even with LF line endings.
    return diff
      ? [
          details(
            [...place, `+${diff.added} −${diff.removed}`].join(' · '),
            codeBlock(diff.text, 'diff')
          )
        ]
      : []
  }
  if (change.syncState === 'ADDED' && change.source !== null) {
    const lines = change.source.replace(/\n$/, '').split('\n').length
    return [
      details([...place, `new, ${lines} line(s)`].join(' · '), codeBlock(change.source, 'yaml'))
    ]
  }
  return []
}

function renderUnchanged(unchanged: readonly FlowChange[]): string {
  const listed = unchanged.slice(0, MAX_UNCHANGED_LISTED)
  const more = unchanged.length - listed.length
  return details(
    `${unchanged.length} unchanged flow(s)`,
    [
      ...listed.map(
        change =>
          `- ${code(flowName(change))}${change.gitPath ? ` · ${code(change.gitPath)}` : ''} · revision ${change.previousRevision ?? '?'}`
      ),
      ...(more > 0 ? [`- and ${more} more`] : [])
    ].join('\n')
  )
}

function renderKept(kept: readonly KeptFlow[]): string {
  return details(
    `${kept.length} flow(s) only on the server, kept`,
    [...kept]
      .sort(compareFlowKeys)
      .map(
        flow => `- ${code(flowName(flow))} (revision ${flow.revision}): ${KEPT_REASON[flow.reason]}`
      )
      .join('\n')
  )
}

function problemsPart(
  title: string,
  problems: readonly FileProblem[],
  part: Omit<OptionalPart, 'text'>
): OptionalPart[] {
  if (problems.length === 0) return []
  const lines = problems.map(problem => {
    const place = problemPlace(problem)
    return `- ${place ? `${code(place)}: ` : ''}${escapeHtml(problem.message).replace(/\r?\n/g, ' ')}`
  })
  return [{ text: [`#### ${title}`, '', ...lines].join('\n'), ...part }]
}

function renderSkippedFiles(files: readonly string[]): string {
  return details(
    `${files.length} file(s) skipped: not .yml or .yaml`,
    files.map(file => `- ${code(file)}`).join('\n')
  )
}

/** The plan id, the commit and the run: none, one line. */
function footer(context: Partial<ReportContext>, planId: string | undefined): string[] {
  const parts = [
    ...(planId ? [`Plan id ${code(planId)}`] : []),
    ...(context.commit ? [`commit ${code(context.commit.slice(0, 12))}`] : []),
    ...(context.runUrl ? [`[workflow run](${context.runUrl})`] : [])
  ]
  return parts.length > 0 ? [`<sub>${parts.join(' · ')}</sub>`] : []
}
