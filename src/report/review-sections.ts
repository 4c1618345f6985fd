import { flowKeyString, flowName, type FlowKey } from '../flow/flow-key.js'
import type { FlowChange } from '../plan/changeset.js'
import type { CallingFlow, DeletionImpact } from '../review/deletion-impact.js'
import { digestFlowChange } from '../review/flow-digest.js'
import type { Phrase } from '../review/phrase.js'
import { brokenDeletions, type PlanReview } from '../review/plan-review.js'
import type { UiDrift } from '../review/ui-drift.js'
import { alert, code, codeBlock, details, escapeHtml } from './markdown.js'
import { unifiedDiff } from './unified-diff.js'

/** Where the report links a flow and a file; each absent gives no link. */
export interface ReportLinks {
  /** The file at the branch's head commit on GitHub: `{repository}/blob/{sha}/{path}`. */
  fileUrl?(gitPath: string): string
  /** The flow's page in the Kestra UI. */
  flowUrl?(flow: FlowKey): string
}

/**
 * Beyond this many changed flows, the rest get no digest: no report has room for their diffs
 * either (a step summary holds about this many small ones), and parsing them would only cost.
 */
export const MAX_DIGESTS = 1000

/** The review, indexed by flow, as the report reads it. */
export interface ReviewIndex {
  drift: Map<string, UiDrift>
  deletions: Map<string, DeletionImpact>
}

/**
 * The links of a report: files at the head commit, flows in the UI at the path of the server's
 * version (`/ui/{tenant}/flows/edit/…` where paths hold the tenant, 0.23+; `/ui/flows/edit/…`
 * before).
 */
export function reportLinks(
  context: { fileBaseUrl?: string; kestraUiUrl?: string; tenant: string },
  server: { tenantInPath: boolean }
): ReportLinks {
  const { fileBaseUrl, kestraUiUrl } = context
  const ui = kestraUiUrl && `${kestraUiUrl.replace(/\/+$/, '').replace(/\/ui$/, '')}/ui/`
  const tenant = server.tenantInPath ? `${encodeURIComponent(context.tenant)}/` : ''
  return {
    ...(fileBaseUrl
      ? {
          fileUrl: (gitPath: string) =>
            `${fileBaseUrl}/${gitPath.split('/').map(encodeURIComponent).join('/')}`
        }
      : {}),
    ...(ui
      ? {
          flowUrl: (flow: FlowKey) =>
            `${ui}${tenant}flows/edit/${encodeURIComponent(flow.namespace)}/${encodeURIComponent(flow.id)}`
        }
      : {})
  }
}

export function indexReview(review: PlanReview | undefined): ReviewIndex {
  return {
    drift: new Map((review?.drift ?? []).map(drift => [flowKeyString(drift.change), drift])),
    deletions: new Map(
      (review?.deletions ?? []).map(impact => [flowKeyString(impact.deleted), impact])
    )
  }
}

/** The alerts at the head of the report: drift, broken callers, a base that could not be read. */
export function reviewAlerts(review: PlanReview | undefined): string[] {
  if (!review) return []
  const drifted = review.drift.map(({ change }) => code(flowName(change)))
  const broken = brokenDeletions(review)
  return [
    ...(drifted.length > 0
      ? [
          alert(
            'WARNING',
            `**${drifted.length} flow(s) changed on the server since the last sync — merging overwrites it:** ${drifted.join(', ')}. Each shows the diff base → server below.`
          )
        ]
      : []),
    ...(broken.length > 0
      ? [
          alert(
            'WARNING',
            `**${broken.length} flow(s) to delete are still called:** ${broken
              .map(
                impact =>
                  `${code(flowName(impact.deleted))} by ${impact.callers.map(caller => code(flowName(caller))).join(', ')}`
              )
              .join('; ')}. They fail at their next run.`
          )
        ]
      : []),
    ...(review.baseUnavailable
      ? [alert('NOTE', `Drift not checked: ${review.baseUnavailable}`)]
      : [])
  ]
}

/**
 * What a reviewer reads above a flow's collapsed diff or source: the digest of an update, its
 * drift on the server (with the diff base → server), what a deletion breaks and stops.
 */
export function reviewAbove(
  change: FlowChange,
  index: ReviewIndex,
  links: ReportLinks,
  digested: boolean
): string[] {
  const key = flowKeyString(change)
  const drift = index.drift.get(key)
  const impact = index.deletions.get(key)
  const digest =
    digested &&
    change.syncState === 'UPDATED' &&
    change.source !== null &&
    change.serverSource !== null
      ? digestFlowChange(change.serverSource, change.source)
      : undefined
  return [
    ...(drift ? [renderDrift(drift)] : []),
    ...(impact ? renderImpact(impact, links) : []),
    ...(digest && digest.length > 0
      ? [
          [
            `What changes in ${code(flowName(change))}:`,
            '',
            ...digest.map(line => `- ${renderPhrase(line)}`)
          ].join('\n')
        ]
      : [])
  ]
}

function renderDrift({ change, base, serverSource }: UiDrift): string {
  const diff = unifiedDiff(base.source, serverSource, {
    before: `base: ${base.gitPath}`,
    after: `server: ${flowName(change)} revision ${change.previousRevision ?? '?'}`
  })
  const headline = `⚠️ ${code(flowName(change))}: **changed on the server since the last sync — merging overwrites it**`
  if (!diff) return headline
  return [
    headline,
    details(
      `what changed on the server (base → server) · +${diff.added} −${diff.removed}`,
      codeBlock(diff.text, 'diff')
    )
  ].join('\n\n')
}

function renderImpact(impact: DeletionImpact, links: ReportLinks): string[] {
  const name = code(flowName(impact.deleted))
  const lines = [
    ...impact.callers.map(
      caller => `- ⚠️ still called by ${callerLink(caller, links)}: it fails at its next run`
    ),
    ...impact.unresolved.map(
      caller =>
        `- ❔ ${callerLink(caller, links, false)}: ${caller.calls
          .map(
            call =>
              `${call.kind} ${code(call.via)} calls ${code(`${call.namespace ?? '?'}.${call.flowId ?? '?'}`)}`
          )
          .join(', ')}, a template: it may call this flow, which cannot be resolved before it runs`
    ),
    ...impact.stops.map(line => `- stops with it: ${renderPhrase(line)}`),
    ...(impact.movedTo
      ? [
          `- the plan adds ${code(flowName(impact.movedTo))}: if the file moved, callers still name ${name}`
        ]
      : [])
  ]
  return lines.length > 0 ? [`${name} deleted:\n\n${lines.join('\n')}`] : []
}

function callerLink(caller: CallingFlow, links: ReportLinks, withCalls = true): string {
  const flow = links.flowUrl
    ? `[${code(flowName(caller))}](${links.flowUrl(caller)})`
    : code(flowName(caller))
  const where = caller.gitPath
    ? links.fileUrl
      ? ` ([${code(caller.gitPath)}](${links.fileUrl(caller.gitPath)}))`
      : ` (${code(caller.gitPath)})`
    : ' (on the server only)'
  if (!withCalls) return `${flow}${where}`
  const how = caller.calls.map(call => `${call.kind} ${code(call.via)}`).join(', ')
  return `${flow}${where}, ${how}`
}

/** The source of a deleted flow, collapsed: what a reviewer would bring back if need be. */
export function deletedSource(change: FlowChange): string | undefined {
  if (change.syncState !== 'DELETED' || change.serverSource === null) return undefined
  const lines = change.serverSource.replace(/\n$/, '').split('\n').length
  return details(
    `🗑️ <code>${escapeHtml(flowName(change))}</code> · deleted (was r${change.previousRevision ?? '?'}), ${lines} line(s)`,
    codeBlock(change.serverSource, 'yaml')
  )
}

/** A phrase in Markdown: names as code, the rest escaped. */
export function renderPhrase(phrase: Phrase): string {
  return phrase
    .map(part => (typeof part === 'string' ? escapeHtml(part) : code(part.code)))
    .join('')
}
