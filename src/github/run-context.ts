import { readFileSync } from 'node:fs'
import type { IssueRef, RepositoryRef } from './github-port.js'

/** What the action knows of the workflow run, from the runner's environment. */
export interface RunContext {
  eventName: string
  repository?: RepositoryRef
  /** The pull request of a `pull_request` or `pull_request_target` event. */
  pullRequest?: IssueRef
  /**
   * `GITHUB_SHA`: the commit actions/checkout checks out by default, so the one the plan was made
   * from. For a pull request, the merge commit GitHub made of its head and base, not the head.
   */
  sha?: string
  /** The run's page, where its step summary is. */
  runUrl?: string
  /**
   * What the server was last synced from: a pull request's base commit, or the commit before a
   * push (`github.event.before`). Absent for other events and for a new branch.
   */
  baseSha?: string
  /** The commit of the branch's files: a pull request's head, else `GITHUB_SHA`. */
  headSha?: string
  /** The repository's page, e.g. https://github.com/owner/repo. */
  repositoryUrl?: string
}

/**
 * Reads the run from the variables the runner sets (GITHUB_EVENT_NAME, GITHUB_REPOSITORY,
 * GITHUB_SERVER_URL, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT, GITHUB_SHA) and the event's payload.
 */
export function readRunContext(
  env: Record<string, string | undefined>,
  payload: unknown
): RunContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const repository = owner && repo ? { owner, repo } : undefined
  const event = payload as {
    pull_request?: { number?: unknown; base?: { sha?: unknown }; head?: { sha?: unknown } }
    before?: unknown
  } | null
  const pull = event?.pull_request
  const number = typeof pull?.number === 'number' ? pull.number : undefined
  const baseSha = commitSha(pull ? pull.base?.sha : event?.before)
  const headSha = commitSha(pull ? pull.head?.sha : env.GITHUB_SHA)
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '')
  const attempt =
    env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1'
      ? `/attempts/${env.GITHUB_RUN_ATTEMPT}`
      : ''
  const sha = env.GITHUB_SHA
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    ...(repository ? { repository } : {}),
    ...(repository && number !== undefined ? { pullRequest: { ...repository, number } } : {}),
    ...(sha ? { sha } : {}),
    ...(baseSha ? { baseSha } : {}),
    ...(headSha ? { headSha } : {}),
    ...(repository ? { repositoryUrl: `${server}/${repository.owner}/${repository.repo}` } : {}),
    ...(repository && env.GITHUB_RUN_ID
      ? {
          runUrl: `${server}/${repository.owner}/${repository.repo}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`
        }
      : {})
  }
}

/** A commit id; the zeros of a push that created its branch name none. */
function commitSha(value: unknown): string | undefined {
  return typeof value === 'string' && /^[0-9a-f]{40,64}$/i.test(value) && !/^0+$/.test(value)
    ? value
    : undefined
}

/** The run of this process: its environment and the event payload at GITHUB_EVENT_PATH. */
export function currentRunContext(): RunContext {
  let payload: unknown = {}
  const eventPath = process.env.GITHUB_EVENT_PATH
  if (eventPath) {
    try {
      payload = JSON.parse(readFileSync(eventPath, 'utf8'))
    } catch {
      // No readable event: the run is then known by its variables alone.
    }
  }
  return readRunContext(process.env, payload)
}
