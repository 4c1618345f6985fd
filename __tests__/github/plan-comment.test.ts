import { describe, expect, it } from '@jest/globals'
import type { GitHubPort, IssueComment } from '../../src/github/github-port.js'
import type { PlannedFlow } from '../../src/plan/plan-id.js'
import {
  commentMarker,
  decodeState,
  encodeState,
  findReviewedPlan,
  publishComment
} from '../../src/github/plan-comment.js'

/** An in-memory GitHub that records its calls. */
function fakeGitHub(
  comments: IssueComment[] = [],
  commitPulls: number[] = []
): GitHubPort & { calls: string[] } {
  const calls: string[] = []
  let next = 100
  return {
    calls,
    listComments: async issue => (calls.push(`list #${issue.number}`), comments),
    createComment: async (issue, body) => {
      calls.push(`create #${issue.number}`)
      const comment = { id: next++, body }
      comments.push(comment)
      return comment
    },
    updateComment: async (_repository, id, body) => {
      calls.push(`update ${id}`)
      const comment = comments.find(candidate => candidate.id === id) as IssueComment
      comment.body = body
      return comment
    },
    pullRequestsOfCommit: async (_repository, sha) => (calls.push(`pulls of ${sha}`), commitPulls)
  }
}
const pr = { owner: 'o', repo: 'r', number: 3 }
const marker = commentMarker({
  targetNamespace: 'acme',
  tenant: 'main',
  kestraUrl: 'https://kestra.example.com/',
  environment: ''
})
const flows: PlannedFlow[] = [
  { syncState: 'UPDATED', namespace: 'acme', id: 'etl', revision: 3, sourceDigest: 'a'.repeat(64) },
  { syncState: 'DELETED', namespace: 'acme', id: 'old', revision: 1, sourceDigest: null },
  {
    syncState: 'UNCHANGED',
    namespace: 'acme',
    id: 'same',
    revision: 2,
    sourceDigest: 'b'.repeat(64)
  }
]

describe('the comment marker and state', () => {
  it('names namespace and tenant, and the server by a hash only', () => {
    expect(marker).toMatch(
      /^<!-- kestra-sync-flows plan: namespace=acme tenant=main server=[0-9a-f]{12} -->$/
    )
    expect(marker).not.toContain('kestra.example.com')
    expect(
      commentMarker({
        targetNamespace: 'acme',
        tenant: 'main',
        kestraUrl: 'https://staging/',
        environment: ''
      })
    ).not.toBe(marker)
    const named = commentMarker({
      targetNamespace: 'acme',
      tenant: 'main',
      kestraUrl: 'https://kestra.example.com/',
      environment: 'prod --> eu <1>'
    })
    expect(named).toBe(marker.replace(' -->', ' environment=prod%20--%3E%20eu%20%3C1%3E -->'))
  })

  it('round-trips the plan id and every flow, unchanged ones included, with short digests', () => {
    const state = encodeState({ planId: 'f'.repeat(64), flows })
    expect(state).toContain(`"${'a'.repeat(16)}"`)
    expect(state).not.toContain('a'.repeat(17))
    expect(decodeState(`${marker}\n${state}\n## report`)).toEqual({
      planId: 'f'.repeat(64),
      flows: flows.map(flow => ({
        ...flow,
        sourceDigest: flow.sourceDigest?.slice(0, 16) ?? null
      })),
      withUnchanged: true
    })
  })

  it('leaves out the unchanged flows, then every flow, when they would crowd the comment', () => {
    const planId = 'f'.repeat(64)
    const copies = (flow: PlannedFlow, count: number): PlannedFlow[] =>
      Array.from({ length: count }, (_, i) => ({ ...flow, id: `${flow.id}${i}` }))
    const changes = copies(flows[0] as PlannedFlow, 10)
    const withUnchanged = [...changes, ...copies(flows[2] as PlannedFlow, 1000)]
    const decoded = decodeState(`${marker}\n${encodeState({ planId, flows: withUnchanged })}`)
    expect(decoded?.withUnchanged).toBe(false)
    expect(decoded?.flows?.map(flow => flow.id)).toEqual(changes.map(flow => flow.id))
    const state = encodeState({ planId, flows: copies(flows[0] as PlannedFlow, 1000) })
    expect(state.length).toBeLessThan(200)
    expect(decodeState(`${marker}\n${state}`)).toEqual({ planId })
  })

  it('reads nothing from a body without a state, or with a damaged one', () => {
    expect(decodeState(`${marker}\nhello`)).toBeUndefined()
    expect(decodeState(`${marker}\n<!-- kestra-sync-flows state: {"planId": -->`)).toBeUndefined()
    expect(
      decodeState(
        `${marker}\n<!-- kestra-sync-flows state: {"planId":"x","flows":[["Z","a","b",1,null]]} -->`
      )
    ).toEqual({
      planId: 'x'
    })
  })

  it('reads the state from the line right after the marker only, whatever the line endings', () => {
    const state = encodeState({ planId: 'f'.repeat(64), flows })
    expect(decodeState(`${marker}\r\n${state}\r\n## report`)).toMatchObject({
      planId: 'f'.repeat(64)
    })
    // A state further down (quoted by a person) is not the comment's.
    expect(decodeState(`${marker}\n## report\n${state}`)).toBeUndefined()
  })
})

describe('publishComment', () => {
  it('creates, then updates the oldest comment that starts with the marker, then leaves it alone', async () => {
    const comments: IssueComment[] = [
      { id: 1, body: `> quoting\n${marker}\nnot ours` },
      { id: 2, body: `${marker}\nfirst` },
      { id: 3, body: `${marker}\nduplicate` }
    ]
    const github = fakeGitHub(comments)
    expect((await publishComment(github, pr, marker, `${marker}\nsecond`)).outcome).toBe('updated')
    expect(comments.map(comment => comment.body)).toEqual([
      `> quoting\n${marker}\nnot ours`,
      `${marker}\nsecond`,
      `${marker}\nduplicate`
    ])
    expect((await publishComment(github, pr, marker, `${marker}\nsecond`)).outcome).toBe(
      'unchanged'
    )
    expect(github.calls).toEqual(['list #3', 'update 2', 'list #3'])

    const empty = fakeGitHub()
    expect((await publishComment(empty, pr, marker, `${marker}\nbody`)).outcome).toBe('created')
  })

  it("finds its comment after an edit in GitHub's page made the line endings CRLF", async () => {
    const comments: IssueComment[] = [{ id: 1, body: `${marker}\r\nedited\r\n` }]
    const github = fakeGitHub(comments)
    expect((await publishComment(github, pr, marker, `${marker}\nnew`)).outcome).toBe('updated')
    expect(comments.map(comment => comment.body)).toEqual([`${marker}\nnew`])
  })

  it("prefers a bot's comment to an older one a person wrote with the marker", async () => {
    const comments: IssueComment[] = [
      { id: 1, body: `${marker}\npasted`, author: { login: 'octocat', type: 'User' } },
      { id: 2, body: `${marker}\nours`, author: { login: 'github-actions[bot]', type: 'Bot' } }
    ]
    const github = fakeGitHub(comments)
    expect((await publishComment(github, pr, marker, `${marker}\nnew`)).outcome).toBe('updated')
    expect(comments.map(comment => comment.body)).toEqual([`${marker}\npasted`, `${marker}\nnew`])
  })
})

describe('findReviewedPlan', () => {
  const body = `${marker}\n${encodeState({ planId: 'p'.repeat(64), flows })}\nreport`
  it("reads the plan of the event's pull request comment, the one asked or any", async () => {
    const github = fakeGitHub([{ id: 1, body }])
    const where = { repository: pr, pullRequest: pr }
    expect(
      (await findReviewedPlan(github, where, marker, 'p'.repeat(64)))?.state.flows
    ).toHaveLength(flows.length)
    expect(await findReviewedPlan(github, where, marker, 'q'.repeat(64))).toBeUndefined()
    expect(await findReviewedPlan(github, where, marker)).toEqual({
      pullRequest: 3,
      state: expect.objectContaining({ planId: 'p'.repeat(64) })
    })
  })

  it('on a push, looks in the pull requests of the commit', async () => {
    const github = fakeGitHub([{ id: 1, body }], [8])
    expect(await findReviewedPlan(github, { repository: pr, sha: 'abc' }, marker)).toMatchObject({
      pullRequest: 8
    })
    expect(github.calls).toEqual(['pulls of abc', 'list #8'])
  })
})
