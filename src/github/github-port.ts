/** The few GitHub REST calls the action makes, so tests and the report need no Octokit. */
export interface GitHubPort {
  /** Every comment of an issue or pull request, all pages read, oldest first. */
  listComments(issue: IssueRef): Promise<IssueComment[]>
  createComment(issue: IssueRef, body: string): Promise<IssueComment>
  updateComment(repository: RepositoryRef, commentId: number, body: string): Promise<IssueComment>
  /** Numbers of the pull requests a commit belongs to (merged by it, or on its branch). */
  pullRequestsOfCommit(repository: RepositoryRef, sha: string): Promise<number[]>
}

export interface RepositoryRef {
  owner: string
  repo: string
}

export interface IssueRef extends RepositoryRef {
  number: number
}

export interface IssueComment {
  id: number
  body: string
  url?: string
  /** GitHub's `user`: `type` is 'Bot' for the token of a GitHub App (GITHUB_TOKEN's included). */
  author?: { login: string; type: string }
}

/** A refused or failed call; `status` is the HTTP status (0 when GitHub was not reached). */
export class GitHubApiError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
    this.name = 'GitHubApiError'
  }
}
