import { describe, expect, it } from '@jest/globals'
import { readRunContext } from '../../src/github/run-context.js'

const BASE = 'a'.repeat(40)
const HEAD = 'b'.repeat(40)
const ENV = {
  GITHUB_REPOSITORY: 'acme/flows',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_SHA: 'c'.repeat(40)
}

describe('readRunContext: the commits a review compares', () => {
  it("takes a pull request's base and head", () => {
    const context = readRunContext(
      { ...ENV, GITHUB_EVENT_NAME: 'pull_request' },
      { pull_request: { number: 3, base: { sha: BASE }, head: { sha: HEAD } } }
    )
    expect(context).toMatchObject({
      baseSha: BASE,
      headSha: HEAD,
      repositoryUrl: 'https://github.com/acme/flows'
    })
  })

  it("takes a push's commit before it, and none for a new branch (all zeros)", () => {
    expect(
      readRunContext({ ...ENV, GITHUB_EVENT_NAME: 'push' }, { before: BASE, after: ENV.GITHUB_SHA })
    ).toMatchObject({ baseSha: BASE, headSha: ENV.GITHUB_SHA })
    const created = readRunContext(
      { ...ENV, GITHUB_EVENT_NAME: 'push' },
      { before: '0'.repeat(40) }
    )
    expect(created.baseSha).toBeUndefined()
  })

  it('has no base for other events', () => {
    expect(readRunContext({ ...ENV, GITHUB_EVENT_NAME: 'workflow_dispatch' }, {}).baseSha).toBe(
      undefined
    )
  })
})
