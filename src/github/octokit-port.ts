import type { getOctokit } from '@actions/github'
import { GitHubApiError, type GitHubPort, type IssueComment } from './github-port.js'

/**
 * The port over Octokit. Its base URL comes from `GITHUB_API_URL` (GitHub Enterprise, or a test's
 * stand-in), as @actions/github reads it.
 */
export function octokitPort(token: string): GitHubPort {
  // Loaded at the first call, from a file of its own in the bundle: most runs never call GitHub,
  // and Node would otherwise read Octokit's code (its REST endpoint table) at every start.
  let loaded: Promise<Octokit> | undefined
  const client = (): Promise<Octokit> =>
    (loaded ??= import('@actions/github').then(github => github.getOctokit(token)))
  return {
    listComments: issue =>
      call('list the comments', async () => {
        const octokit = await client()
        return (
          await octokit.paginate(octokit.rest.issues.listComments, {
            owner: issue.owner,
            repo: issue.repo,
            issue_number: issue.number,
            per_page: 100
          })
        ).map(toComment)
      }),
    createComment: (issue, body) =>
      call('create a comment', async () =>
        toComment(
          (
            await (
              await client()
            ).rest.issues.createComment({
              owner: issue.owner,
              repo: issue.repo,
              issue_number: issue.number,
              body
            })
          ).data
        )
      ),
    updateComment: (repository, commentId, body) =>
      call('update a comment', async () =>
        toComment(
          (
            await (
              await client()
            ).rest.issues.updateComment({
              owner: repository.owner,
              repo: repository.repo,
              comment_id: commentId,
              body
            })
          ).data
        )
      ),
    pullRequestsOfCommit: (repository, sha) =>
      call('list the pull requests of a commit', async () => {
        const octokit = await client()
        return (
          await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
            owner: repository.owner,
            repo: repository.repo,
            commit_sha: sha,
            per_page: 100
          })
        ).map(pull => pull.number)
      })
  }
}

type Octokit = ReturnType<typeof getOctokit>

function toComment(comment: {
  id: number
  body?: string | null
  html_url?: string
  user?: { login: string; type?: string } | null
}): IssueComment {
  return {
    id: comment.id,
    body: comment.body ?? '',
    ...(comment.html_url ? { url: comment.html_url } : {}),
    ...(comment.user
      ? { author: { login: comment.user.login, type: comment.user.type ?? '' } }
      : {})
  }
}

/** Octokit's errors carry a status; GitHub's message says what is missing (a permission...). */
async function call<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    const status =
      typeof (error as { status?: unknown }).status === 'number'
        ? (error as { status: number }).status
        : 0
    const message = error instanceof Error ? error.message : String(error)
    throw new GitHubApiError(
      status > 0
        ? `GitHub answered ${status} when asked to ${what}: ${message}`
        : `GitHub could not be reached to ${what}: ${message}`,
      status
    )
  }
}
