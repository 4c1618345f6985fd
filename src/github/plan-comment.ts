import type { GitHubPort, IssueComment, IssueRef, RepositoryRef } from './github-port.js'
import type { PlannedFlow } from '../plan/plan-id.js'
import { sha256 } from '../util/sha256.js'

/** What one sync's comment is keyed by: two syncs in one pull request keep two comments. */
export interface CommentKey {
  targetNamespace: string
  tenant: string
  kestraUrl: string
  /** Empty when none is given: the marker is then the one of earlier versions. */
  environment: string
}

/**
 * The hidden first line that finds the comment again. It names the namespace, tenant and
 * environment, and the server by a hash only: the comment is not masked as the log is, and the
 * URL may be a secret. The environment is URI-encoded: one word, never `-->`.
 */
export function commentMarker(key: CommentKey): string {
  const server = sha256(key.kestraUrl).slice(0, 12)
  const environment = key.environment ? ` environment=${encodeURIComponent(key.environment)}` : ''
  return `<!-- kestra-sync-flows plan: namespace=${key.targetNamespace} tenant=${key.tenant} server=${server}${environment} -->`
}

/** What the comment remembers of its plan, so an apply can say what changed since the review. */
export interface PlanState {
  planId: string
  /**
   * Every flow of the plan, UNCHANGED ones included while they fit; absent when even the flows
   * to change are too many to keep in the comment.
   */
  flows?: PlannedFlow[]
  /** Whether `flows` holds the UNCHANGED flows too. */
  withUnchanged?: boolean
}

const STATE_PREFIX = '<!-- kestra-sync-flows state: '
/** The state keeps a prefix of each source digest: enough to tell two sources apart. */
const DIGEST_CHARS = 16
/** Past this, the state keeps the plan id only: the flows would crowd out the plan itself. */
const MAX_STATE_CHARS = 16_000

const STATE_CODE = { ADDED: 'A', UPDATED: 'U', DELETED: 'D', UNCHANGED: 'N' } as const

/**
 * The state as a hidden line: every flow while they fit, else the flows to change, else the plan
 * id alone. Flow keys and hex digests cannot hold `-->`.
 */
export function encodeState(state: PlanState): string {
  const line = (content: object): string => `${STATE_PREFIX}${JSON.stringify(content)} -->`
  const encode = (flows: readonly PlannedFlow[]): unknown[][] =>
    flows.map(flow => [
      STATE_CODE[flow.syncState],
      flow.namespace,
      flow.id,
      flow.revision,
      flow.sourceDigest?.slice(0, DIGEST_CHARS) ?? null
    ])
  const { planId, flows } = state
  if (!flows) return line({ planId })
  const every = line({ planId, flows: encode(flows), unchanged: true })
  if (every.length <= MAX_STATE_CHARS) return every
  const changes = line({
    planId,
    flows: encode(flows.filter(flow => flow.syncState !== 'UNCHANGED'))
  })
  return changes.length <= MAX_STATE_CHARS ? changes : line({ planId })
}

/**
 * The state of a comment's body, read from the line right after the marker only: a state quoted
 * further down (a reply, an edit) is not the comment's. Undefined when it has none or it cannot
 * be read.
 */
export function decodeState(body: string): PlanState | undefined {
  const line = body.split(/\r?\n/, 2)[1] ?? ''
  if (!line.startsWith(STATE_PREFIX) || !line.endsWith(' -->')) return undefined
  try {
    const parsed = JSON.parse(line.slice(STATE_PREFIX.length, -' -->'.length)) as {
      planId?: unknown
      flows?: unknown
      unchanged?: unknown
    }
    if (typeof parsed.planId !== 'string') return undefined
    const flows = Array.isArray(parsed.flows) ? parsed.flows.map(toPlannedFlow) : undefined
    return {
      planId: parsed.planId,
      ...(flows && flows.every(flow => flow !== undefined)
        ? { flows: flows as PlannedFlow[], withUnchanged: parsed.unchanged === true }
        : {})
    }
  } catch {
    return undefined
  }
}

function toPlannedFlow(entry: unknown): PlannedFlow | undefined {
  if (!Array.isArray(entry)) return undefined
  const [code, namespace, id, revision, digest] = entry as unknown[]
  const syncState = (Object.keys(STATE_CODE) as Array<keyof typeof STATE_CODE>).find(
    state => STATE_CODE[state] === code
  )
  if (!syncState || typeof namespace !== 'string' || typeof id !== 'string') return undefined
  if (revision !== null && typeof revision !== 'number') return undefined
  if (digest !== null && typeof digest !== 'string') return undefined
  return { syncState, namespace, id, revision, sourceDigest: digest }
}

export type CommentOutcome = 'created' | 'updated' | 'unchanged'

/**
 * Creates the sync's comment on the pull request, or updates it in place: it is the oldest comment
 * whose first line is the marker (written by a bot if any is), looked for in every page of the
 * conversation.
 */
export async function publishComment(
  github: GitHubPort,
  pullRequest: IssueRef,
  marker: string,
  body: string
): Promise<{ outcome: CommentOutcome; comment: IssueComment }> {
  const existing = await findComment(github, pullRequest, marker)
  if (!existing) {
    return { outcome: 'created', comment: await github.createComment(pullRequest, body) }
  }
  if (existing.body === body) return { outcome: 'unchanged', comment: existing }
  return {
    outcome: 'updated',
    comment: await github.updateComment(pullRequest, existing.id, body)
  }
}

/**
 * The plan the sync's comment holds, on the pull request of the event or else on those the
 * commit belongs to (an apply on push, after the merge); with `planId`, only that plan.
 */
export async function findReviewedPlan(
  github: GitHubPort,
  where: { repository: RepositoryRef; pullRequest?: IssueRef; sha?: string },
  marker: string,
  planId?: string
): Promise<{ pullRequest: number; state: PlanState } | undefined> {
  const numbers = where.pullRequest
    ? [where.pullRequest.number]
    : where.sha
      ? await github.pullRequestsOfCommit(where.repository, where.sha)
      : []
  for (const number of numbers) {
    const comment = await findComment(github, { ...where.repository, number }, marker)
    const state = comment && decodeState(comment.body)
    if (state && (planId === undefined || state.planId === planId)) {
      return { pullRequest: number, state }
    }
  }
  return undefined
}

/**
 * The oldest comment whose first line is the marker; a bot's first, since a person may paste one.
 * An edit in GitHub's page turns the line endings into CRLF.
 */
async function findComment(
  github: GitHubPort,
  issue: IssueRef,
  marker: string
): Promise<IssueComment | undefined> {
  const marked = (await github.listComments(issue)).filter(
    comment => comment.body.startsWith(marker) && /^\r?\n/.test(comment.body.slice(marker.length))
  )
  return marked.find(comment => comment.author?.type === 'Bot') ?? marked[0]
}
