// @ts-check
// A stand-in for the few GitHub REST API routes the action calls, on loopback: the comments of a
// pull request (list with pagination, create, update) and the pull requests of a commit. It keeps
// GitHub's rules that matter to the action: `token` auth, pages of at most 100 with a Link header,
// 65,536 characters at most per comment body, and a read-only token (a fork's) refused with 403.
// Test and demo infrastructure only: never imported by src/.
import { createServer } from 'node:http'

/**
 * @typedef {{ id: number, body: string, user: { login: string, type: string }, html_url: string,
 *   issue_url: string, created_at: string }} Comment
 * @typedef {{ method: string, path: string, query: string, status: number }} RecordedRequest
 *
 * @typedef {object} StandInOptions
 * @property {string} [token]     the token the action must send (default 'ghs_standin')
 * @property {boolean} [readOnly] refuse every write with 403, as for a pull request from a fork
 * @property {string} [botLogin]  author of the comments the token writes
 */

/** GitHub's own limit, from its error message. */
export const MAX_COMMENT_BODY = 65_536

/** @param {StandInOptions} [options] */
export async function startGitHubStandIn(options = {}) {
  const { token = 'ghs_standin', botLogin = 'github-actions[bot]' } = options
  const state = { readOnly: options.readOnly ?? false, nextId: 1000 }
  /** @type {Map<string, Comment[]>} key: owner/repo#number */
  const comments = new Map()
  /** @type {Map<string, number[]>} key: owner/repo@sha */
  const commitPulls = new Map()
  /** @type {RecordedRequest[]} */
  const requests = []
  let baseUrl = ''

  /** @param {string} owner @param {string} repo @param {number} number */
  const thread = (owner, repo, number) => {
    const key = `${owner}/${repo}#${number}`
    if (!comments.has(key)) comments.set(key, [])
    return /** @type {Comment[]} */ (comments.get(key))
  }

  /**
   * @param {string} owner @param {string} repo @param {number} number
   * @param {string} body @param {{ login: string, type: string }} user
   */
  const addComment = (owner, repo, number, body, user) => {
    const id = state.nextId++
    /** @type {Comment} */
    const comment = {
      id,
      body,
      user,
      html_url: `https://github.com/${owner}/${repo}/pull/${number}#issuecomment-${id}`,
      issue_url: `${baseUrl}/repos/${owner}/${repo}/issues/${number}`,
      created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, id - 1000)).toISOString()
    }
    thread(owner, repo, number).push(comment)
    return comment
  }

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {number} status
   * @param {unknown} body
   * @param {Record<string, string>} [headers]
   */
  const send = (res, status, body, headers = {}) => {
    const text = JSON.stringify(body)
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      ...headers
    })
    res.end(text)
  }

  /** @param {import('node:http').ServerResponse} res @param {string} docs */
  const forbidden = (res, docs) =>
    send(res, 403, {
      message: 'Resource not accessible by integration',
      documentation_url: `https://docs.github.com/rest/issues/comments#${docs}`,
      status: '403'
    })

  /** @param {import('node:http').ServerResponse} res @param {unknown} body */
  const checkBody = (res, body) => {
    const text = /** @type {{ body?: unknown }} */ (body)?.body
    if (typeof text !== 'string') {
      send(res, 422, { message: 'Invalid request.\n\n"body" wasn\'t supplied.', status: '422' })
      return undefined
    }
    if (text.length > MAX_COMMENT_BODY) {
      send(res, 422, {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: `body is too long (maximum is ${MAX_COMMENT_BODY} characters)`
          }
        ],
        status: '422'
      })
      return undefined
    }
    return text
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    const url = new URL(req.url ?? '/', baseUrl)
    /** @type {RecordedRequest} */
    const entry = { method: req.method ?? 'GET', path: url.pathname, query: url.search, status: 0 }
    requests.push(entry)
    const writeHead = res.writeHead
    res.writeHead = /** @type {typeof writeHead} */ (
      (/** @type {number} */ status, /** @type {unknown[]} */ ...rest) => {
        entry.status = status
        return Reflect.apply(writeHead, res, [status, ...rest])
      }
    )
    /** @type {Buffer[]} */
    const chunks = []
    for await (const chunk of req) chunks.push(chunk)
    const raw = Buffer.concat(chunks).toString('utf8')

    if (req.headers.authorization !== `token ${token}`) {
      send(res, 401, { message: 'Bad credentials', status: '401' })
      return
    }
    let match
    if ((match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname))) {
      const [, owner, repo, number] = /** @type {string[]} */ (match)
      const list = thread(owner, repo, Number(number))
      if (req.method === 'GET') {
        sendPage(res, url, list)
        return
      }
      if (req.method === 'POST') {
        if (state.readOnly) return forbidden(res, 'create-an-issue-comment')
        const body = checkBody(res, JSON.parse(raw || '{}'))
        if (body === undefined) return
        send(
          res,
          201,
          addComment(owner, repo, Number(number), body, { login: botLogin, type: 'Bot' })
        )
        return
      }
    }
    if ((match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname))) {
      const [, owner, repo, id] = /** @type {string[]} */ (match)
      const comment = [...comments.entries()]
        .filter(([key]) => key.startsWith(`${owner}/${repo}#`))
        .flatMap(([, list]) => list)
        .find(candidate => candidate.id === Number(id))
      if (req.method === 'PATCH') {
        if (!comment) return send(res, 404, { message: 'Not Found', status: '404' })
        if (state.readOnly) return forbidden(res, 'update-an-issue-comment')
        const body = checkBody(res, JSON.parse(raw || '{}'))
        if (body === undefined) return
        comment.body = body
        send(res, 200, comment)
        return
      }
    }
    if ((match = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/pulls$/.exec(url.pathname))) {
      const [, owner, repo, sha] = /** @type {string[]} */ (match)
      sendPage(
        res,
        url,
        (commitPulls.get(`${owner}/${repo}@${sha}`) ?? []).map(number => ({
          number,
          state: 'closed',
          merge_commit_sha: sha
        }))
      )
      return
    }
    send(res, 404, { message: 'Not Found', status: '404' })
  }

  /**
   * One page of `list` as GitHub sends it: `per_page` (30 by default, 100 at most), `page`, and a
   * Link header to the next and last pages.
   * @param {import('node:http').ServerResponse} res @param {URL} url @param {unknown[]} list
   */
  const sendPage = (res, url, list) => {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30)
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1)
    const last = Math.max(1, Math.ceil(list.length / perPage))
    const link = (/** @type {number} */ p, /** @type {string} */ rel) => {
      const next = new URL(url)
      next.searchParams.set('per_page', String(perPage))
      next.searchParams.set('page', String(p))
      return `<${next.href}>; rel="${rel}"`
    }
    const links = page < last ? [link(page + 1, 'next'), link(last, 'last')] : []
    send(
      res,
      200,
      list.slice((page - 1) * perPage, page * perPage),
      links.length > 0 ? { Link: links.join(', ') } : {}
    )
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy())
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(undefined))
  })
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  baseUrl = `http://127.0.0.1:${address.port}`

  return {
    /** Set GITHUB_API_URL to this. */
    url: baseUrl,
    token,
    requests,
    clearRequests() {
      requests.length = 0
    },
    /**
     * The comments of a pull request, oldest first.
     * @param {string} repository owner/repo
     * @param {number} number
     */
    comments(repository, number) {
      const [owner = '', repo = ''] = repository.split('/')
      return thread(owner, repo, number)
    },
    /**
     * A comment written by someone else.
     * @param {string} repository owner/repo
     * @param {number} number
     * @param {string} body
     * @param {string} [login]
     */
    seedComment(repository, number, body, login = 'octocat') {
      const [owner = '', repo = ''] = repository.split('/')
      return addComment(owner, repo, number, body, { login, type: 'User' })
    },
    /**
     * Makes `sha` a commit of these pull requests (GET /repos/{o}/{r}/commits/{sha}/pulls).
     * @param {string} repository owner/repo
     * @param {string} sha
     * @param {number[]} numbers
     */
    setCommitPulls(repository, sha, numbers) {
      commitPulls.set(`${repository}@${sha}`, numbers)
    },
    /** @param {boolean} readOnly */
    setReadOnly(readOnly) {
      state.readOnly = readOnly
    },
    async close() {
      server.closeAllConnections()
      await new Promise(resolve => server.close(() => resolve(undefined)))
    }
  }
}
