import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startGitHubStandIn } from '../../test-support/github-api/index.js'
import { runActionHere } from '../helpers/run-in-process.js'
import { REPOSITORY, RUN_URL, runnerEnv } from '../helpers/github-env.js'
import { TEST_AUTH, useEmulatorAndWorkspace } from '../helpers/emulator.js'
import { flowYaml, writeFiles } from '../helpers/workspace.js'

// The action, run as on a pull_request event, against the Kestra emulator and a stand-in for the
// GitHub REST API, both over loopback: the sticky comment's whole life.
type GitHub = Awaited<ReturnType<typeof startGitHubStandIn>>
const PR = 17

let github: GitHub
let env: Record<string, string>
let cleanup: () => Promise<void>

beforeAll(async () => {
  github = await startGitHubStandIn()
  ;({ env, cleanup } = await runnerEnv(github.url, {
    name: 'pull_request',
    number: PR,
    headSha: '1234567890abcdef1234567890abcdef12345678'
  }))
})
afterAll(async () => {
  await github.close()
  await cleanup()
})
const testbed = useEmulatorAndWorkspace({
  files: {
    '_flows/etl.yml': flowYaml('etl', 'acme', 'new message'),
    '_flows/hello.yml': flowYaml('hello', 'acme')
  }
})
beforeEach(() => {
  testbed.emulator.store.seed('main', flowYaml('etl', 'acme', 'old message'))
  testbed.emulator.store.seed('main', flowYaml('obsolete', 'acme'))
  github.comments(REPOSITORY, PR).length = 0
  github.setReadOnly(false)
  github.clearRequests()
})

const plan = (extra: Record<string, string> = {}): ReturnType<typeof runActionHere> =>
  runActionHere({
    inputs: {
      ...testbed.serverInputs,
      'target-namespace': 'acme',
      delete: 'true',
      'dry-run': 'true',
      'comment-on-pr': 'true',
      'github-token': github.token,
      ...extra
    },
    workspace: testbed.workspace,
    env
  })
const ours = (): Array<{ id: number; body: string }> =>
  github
    .comments(REPOSITORY, PR)
    .filter(comment => comment.body.startsWith('<!-- kestra-sync-flows plan:'))

describe('the plan comment on a pull request', () => {
  it('is created with the counts, the table, the diff of each update and a link to the run', async () => {
    const run = await plan()
    expect(run.exitCode).toBe(0)
    expect(ours()).toHaveLength(1)
    const body = ours()[0]?.body ?? ''
    expect(body).toMatch(
      /^<!-- kestra-sync-flows plan: namespace=acme tenant=main server=[0-9a-f]{12} -->\n<!-- kestra-sync-flows state: \{"planId":"[0-9a-f]{64}","flows":\[/
    )
    expect(body).toContain(
      '**Plan: +1 ~1 -1, 0 unchanged** against Kestra 1.3.21 (OSS), tenant `main`'
    )
    expect(body).toContain('| 🗑️ **DELETED** | `acme.obsolete` | — | deleted (was r1) |')
    expect(body).toContain('-    message: old message\n+    message: new message')
    expect(body).toContain(`[workflow run](${RUN_URL})`)
    // The commit checked out (GITHUB_SHA: the merge commit), which the plan was made from.
    expect(body).toContain(`commit \`${'f'.repeat(12)}\``)
    expect(body).not.toContain('commit `1234567890ab')
    // Files link to the branch's file at the head commit.
    expect(body).toContain(
      '[`_flows/etl.yml`](https://github.com/acme/flows/blob/1234567890abcdef1234567890abcdef12345678/_flows/etl.yml)'
    )
    expect(body).toContain(`Plan id \`${run.outputs['plan-id']}\``)
    // The comment is not masked as the log is: no server URL, no secret.
    expect(body).not.toContain(testbed.emulator.url)
    expect(body).not.toContain(TEST_AUTH.password)
    // The step summary has the same report, and names the server as the comment does.
    expect(run.summary).toContain('-    message: old message\n+    message: new message')
    expect(run.summary).toContain('against Kestra 1.3.21 (OSS), tenant `main`')
    expect(run.summary).not.toContain(testbed.emulator.url)
    expect(run.stdout).toMatch(
      /Plan comment created on pull request #17: https:\/\/github\.com\/acme\/flows\/pull\/17#issuecomment-\d+\./
    )
  })

  it('is updated in place on the next run, found among many pages of other comments', async () => {
    await plan()
    const [first] = ours()
    for (let i = 0; i < 230; i++) github.seedComment(REPOSITORY, PR, `review comment ${i}`)
    await writeFiles(testbed.workspace, {
      '_flows/etl.yml': flowYaml('etl', 'acme', 'newer message')
    })
    github.clearRequests()

    const run = await plan()
    expect(run.exitCode).toBe(0)
    expect(ours().map(comment => comment.id)).toEqual([first?.id])
    expect(ours()[0]?.body).toContain('+    message: newer message')
    const calls = github.requests.map(
      request => `${request.method} ${request.path}${request.query}`
    )
    expect(calls).toEqual([
      `GET /repos/acme/flows/issues/${PR}/comments?per_page=100`,
      `GET /repos/acme/flows/issues/${PR}/comments?per_page=100&page=2`,
      `GET /repos/acme/flows/issues/${PR}/comments?per_page=100&page=3`,
      `PATCH /repos/acme/flows/issues/comments/${first?.id}`
    ])
    expect(run.stdout).toContain('Plan comment updated on pull request #17')
  })

  it('is one per target namespace, so two syncs in one workflow keep two comments', async () => {
    await writeFiles(testbed.workspace, { 'other/x.yml': flowYaml('x', 'whatever') })
    await plan()
    await plan({ 'target-namespace': 'acme.other', 'git-directory': 'other', delete: 'false' })
    await plan()
    expect(ours()).toHaveLength(2)
    expect(ours().map(comment => /namespace=(\S+)/.exec(comment.body)?.[1])).toEqual([
      'acme',
      'acme.other'
    ])
  })

  it('is one per environment: staging and production keep two comments, each named in its headline', async () => {
    const staging = await plan({ environment: 'staging' })
    const production = await plan({ environment: 'production' })
    await plan({ environment: 'staging' })
    expect(ours()).toHaveLength(2)
    const [first, second] = ours().map(comment => comment.body)
    expect(first).toMatch(
      /^<!-- kestra-sync-flows plan: namespace=acme tenant=main server=[0-9a-f]{12} environment=staging -->\n/
    )
    expect(first).toContain('## Kestra sync (dry run): `acme` on `staging`')
    expect(first).toContain('against Kestra 1.3.21 (OSS), tenant `main`, environment `staging`')
    expect(second).toContain('## Kestra sync (dry run): `acme` on `production`')
    expect(staging.summary).toContain('## Kestra sync (dry run): `acme` on `staging`')
    expect(production.summary).toContain(
      'against Kestra 1.3.21 (OSS), tenant `main`, environment `production`'
    )
    expect(production.summary).not.toContain(testbed.emulator.url)
  })

  it('is cut at a flow boundary under 65,536 characters, pointing to the step summary', async () => {
    const big = (id: string, word: string): string =>
      `${flowYaml(id, 'acme', word)}${Array.from({ length: 120 }, (_, i) => `# ${word} line ${i} ${'.'.repeat(60)}`).join('\n')}\n`
    for (let i = 0; i < 30; i++) testbed.emulator.store.seed('main', big(`big${i}`, 'old'))
    await writeFiles(
      testbed.workspace,
      Object.fromEntries(
        Array.from({ length: 30 }, (_, i) => [`_flows/big${i}.yml`, big(`big${i}`, 'new')])
      )
    )
    const run = await plan()
    expect(run.exitCode).toBe(0)
    const body = ours()[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body.length).toBeGreaterThan(50_000)
    // 31 updates have a diff, the addition and the deletion their sources; the last ones are left
    // out whole.
    const shown = body.match(/^```(diff|yaml)$/gm)?.length ?? 0
    const left = 33 - shown
    expect(left).toBeGreaterThan(0)
    expect(body).toContain(
      `✂️ **${left} flow(s) left out** to stay within GitHub's limit of 65,536 characters for a comment: the diff or source of ${left} flow(s). See the step summary of the [workflow run](${RUN_URL}).`
    )
    // Every changed flow is still in the table, and the summary has every diff.
    expect(body.match(/^\| ✏️ UPDATED/gm)).toHaveLength(31)
    expect(run.summary.match(/```diff/g)).toHaveLength(31)
    expect(body.match(/<details>/g)?.length).toBe(body.match(/<\/details>/g)?.length)
  })

  it('on a read-only token (a fork), warns once and goes on: the summary has everything', async () => {
    github.setReadOnly(true)
    const run = await plan()
    expect(run.exitCode).toBe(0)
    expect(ours()).toHaveLength(0)
    const warnings = run.stdout.split('\n').filter(line => line.startsWith('::warning'))
    expect(warnings).toEqual([
      expect.stringMatching(
        /^::warning::Could not comment on pull request #17: GitHub answered 403 when asked to create a comment: Resource not accessible by integration.*The token is read-only on pull requests from forks/
      )
    ])
    expect(run.summary).toContain('-    message: old message')
    expect(run.outputs['has-changes']).toBe('true')
  })

  it('says the run failed, rather than keep showing an older plan', async () => {
    await plan()
    await writeFiles(testbed.workspace, { '_flows/broken.yml': 'id: broken\ntasks: [\n' })
    const run = await plan()
    expect(run.exitCode).toBe(1)
    expect(ours()).toHaveLength(1)
    expect(ours()[0]?.body).toContain('## Kestra sync: `acme` failed')
    expect(ours()[0]?.body).toContain('_flows/broken.yml')
    expect(ours()[0]?.body).not.toContain('message: old message')
  })

  it("keeps the server's URL out of a failure that names it", async () => {
    const url = testbed.emulator.url
    await testbed.emulator.close()
    const run = await plan({ 'kestra-url': `${url}/` })
    await testbed.restartEmulator()
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`Could not reach Kestra at ${url}`)
    const body = ours()[0]?.body ?? ''
    expect(body).toContain('Could not reach Kestra at the Kestra server')
    expect(body).not.toContain(url)
    expect(body).not.toContain(new URL(url).host)
  })

  it('is not posted when comment-on-pr is false', async () => {
    const run = await plan({ 'comment-on-pr': 'false' })
    expect(run.exitCode).toBe(0)
    expect(github.requests).toEqual([])
  })

  it('is not posted when comment-on-pr is false, even when the GitHub API is used for the expected plan', async () => {
    // A plan that differs from the expected one: the report of a run with a plan.
    const mismatch = await plan({ 'comment-on-pr': 'false', 'expected-plan-id': 'f'.repeat(64) })
    expect(mismatch.exitCode).toBe(1)
    // No plan comment to read: the report of a run that failed before its plan.
    const missing = await plan({ 'comment-on-pr': 'false', 'expected-plan-id': 'pull-request' })
    expect(missing.exitCode).toBe(1)
    expect(missing.stdout).toContain('no plan comment of this sync was found on pull request #17')
    expect(github.requests.filter(request => request.method !== 'GET')).toEqual([])
    expect(ours()).toHaveLength(0)
  })
})
