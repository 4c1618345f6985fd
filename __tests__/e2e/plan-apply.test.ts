import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startGitHubStandIn } from '../../test-support/github-api/index.js'
import { startKestraEmulator } from '../../test-support/kestra-emulator/index.js'
import { runActionHere } from '../helpers/run-in-process.js'
import {
  editOnServer,
  TEST_AUTH,
  useEmulatorAndWorkspace,
  writeRequests
} from '../helpers/emulator.js'
import { REPOSITORY, runnerEnv } from '../helpers/github-env.js'
import { flowYaml, writeFiles } from '../helpers/workspace.js'

// Plan on the pull request, apply on merge: the apply writes only the plan that was reviewed.
type GitHub = Awaited<ReturnType<typeof startGitHubStandIn>>
const PR = 5
const MERGE_SHA = 'abcdef0123456789abcdef0123456789abcdef01'

let github: GitHub
let prEnv: Record<string, string>
let pushEnv: Record<string, string>
const cleanups: Array<() => Promise<void>> = []

beforeAll(async () => {
  github = await startGitHubStandIn()
  const pr = await runnerEnv(github.url, {
    name: 'pull_request',
    number: PR,
    headSha: '9'.repeat(40)
  })
  const push = await runnerEnv(github.url, { name: 'push', sha: MERGE_SHA })
  prEnv = pr.env
  pushEnv = push.env
  cleanups.push(pr.cleanup, push.cleanup)
  github.setCommitPulls(REPOSITORY, MERGE_SHA, [PR])
})
afterAll(async () => {
  await github.close()
  for (const cleanup of cleanups) await cleanup()
})
const testbed = useEmulatorAndWorkspace({
  files: {
    '_flows/etl.yml': flowYaml('etl', 'acme', 'new message'),
    '_flows/hello.yml': flowYaml('hello', 'acme')
  }
})
beforeEach(() => {
  testbed.emulator.store.seed('main', flowYaml('etl', 'acme', 'old message'))
  github.comments(REPOSITORY, PR).length = 0
  github.clearRequests()
})

const inputs = (extra: Record<string, string>): Record<string, string> => ({
  ...testbed.serverInputs,
  'target-namespace': 'acme',
  'github-token': github.token,
  ...extra
})
/** The plan on the pull request, with its comment. */
const planOnPullRequest = (): ReturnType<typeof runActionHere> =>
  runActionHere({
    inputs: inputs({ 'dry-run': 'true', 'comment-on-pr': 'true' }),
    workspace: testbed.workspace,
    env: prEnv
  })
const applyOnPush = (expected: string): ReturnType<typeof runActionHere> =>
  runActionHere({
    inputs: inputs({ 'expected-plan-id': expected }),
    workspace: testbed.workspace,
    env: pushEnv
  })

describe('plan-id and expected-plan-id', () => {
  it('gives the same id to the same plan, and applies it when it is the expected one', async () => {
    const planned = await planOnPullRequest()
    const id = planned.outputs['plan-id'] ?? ''
    expect(id).toMatch(/^[0-9a-f]{64}$/)
    testbed.emulator.clearRequests()
    const applied = await applyOnPush(id)
    expect(applied.exitCode).toBe(0)
    expect(applied.outputs['plan-id']).toBe(id)
    expect(writeRequests(testbed.emulator)).toEqual([
      'POST /api/v1/main/flows',
      'PUT /api/v1/main/flows/acme/etl'
    ])
    // Once applied, the plan is empty: another id.
    const again = await planOnPullRequest()
    expect(again.exitCode).toBe(0)
    expect(again.outputs['has-changes']).toBe('false')
    expect(again.outputs['plan-id']).toMatch(/^[0-9a-f]{64}$/)
    expect(again.outputs['plan-id']).not.toBe(id)
  })

  it('refuses to write when the server changed since the review, naming the flow', async () => {
    const id = (await planOnPullRequest()).outputs['plan-id'] ?? ''
    editOnServer(testbed.emulator, 'acme', 'etl', 'edited in the UI')
    testbed.emulator.clearRequests()
    const run = await applyOnPush(id)
    expect(run.exitCode).toBe(1)
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(run.stdout).toContain(
      `::error::The plan is not the reviewed one: 'expected-plan-id' is ${id}, the plan now is ${run.outputs['plan-id']}. The server or the branch changed since the review; nothing was written. What changed:%0A  - acme.etl: the server revision moved from 1 to 2`
    )
    expect(JSON.parse(run.outputs.changes ?? '')).toEqual([
      expect.objectContaining({ flowId: 'etl', applied: false }),
      expect.objectContaining({ flowId: 'hello', applied: false })
    ])
    expect(run.summary).toContain('> [!CAUTION]\n> The plan is not the reviewed one')
  })

  it('refuses to write when the branch changed since the review (found through the merge commit)', async () => {
    const id = (await planOnPullRequest()).outputs['plan-id'] ?? ''
    await writeFiles(testbed.workspace, {
      '_flows/hello.yml': flowYaml('hello', 'acme', 'changed after review'),
      '_flows/extra.yml': flowYaml('extra', 'acme')
    })
    testbed.emulator.clearRequests()
    const run = await applyOnPush(id)
    expect(run.exitCode).toBe(1)
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(run.stdout).toContain(
      'What changed:%0A  - acme.extra: new since the review (ADDED now)%0A  - acme.hello: the source in the branch changed'
    )
    expect(github.requests.map(request => `${request.method} ${request.path}`)).toContain(
      `GET /repos/acme/flows/commits/${MERGE_SHA}/pulls`
    )
  })

  it('refuses a plan made for another server, tenant or namespace, even when its flows are the same', async () => {
    const staging = await startKestraEmulator({ version: '1.3.21', auth: TEST_AUTH })
    try {
      staging.store.seed('main', flowYaml('etl', 'acme', 'old message'))
      const reviewed = await runActionHere({
        inputs: { ...inputs({ 'dry-run': 'true' }), 'kestra-url': staging.url },
        workspace: testbed.workspace
      })
      const id = reviewed.outputs['plan-id'] ?? ''
      expect(id).toMatch(/^[0-9a-f]{64}$/)
      testbed.emulator.clearRequests()
      const production = await applyOnPush(id)
      expect(production.exitCode).toBe(1)
      expect(writeRequests(testbed.emulator)).toEqual([])
      expect(production.outputs['plan-id']).not.toBe(id)
      const children = await runActionHere({
        inputs: { ...inputs({ 'dry-run': 'true', 'include-child-namespaces': 'true' }) },
        workspace: testbed.workspace
      })
      const plain = await runActionHere({
        inputs: inputs({ 'dry-run': 'true' }),
        workspace: testbed.workspace
      })
      expect(children.outputs['plan-id']).not.toBe(plain.outputs['plan-id'])
    } finally {
      await staging.close()
    }
  })

  it('without the reviewed plan at hand, shows the plan now', async () => {
    const run = await applyOnPush('0'.repeat(64))
    expect(run.exitCode).toBe(1)
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(run.stdout).toContain(
      "The reviewed plan's flows were not found (they are read from the pull request's plan comment), so compare with the plan now:%0A  - UPDATED acme.etl (server revision 1)%0A  - ADDED acme.hello"
    )
  })
})

describe("expected-plan-id: 'pull-request'", () => {
  it('takes the id from the plan comment of the pull request the pushed commit merged', async () => {
    const id = (await planOnPullRequest()).outputs['plan-id']
    testbed.emulator.clearRequests()
    const applied = await applyOnPush('pull-request')
    expect(applied.exitCode).toBe(0)
    expect(applied.stdout).toContain(
      `Expected plan ${id}, from the plan comment of pull request #${PR}.`
    )
    expect(writeRequests(testbed.emulator)).toEqual([
      'POST /api/v1/main/flows',
      'PUT /api/v1/main/flows/acme/etl'
    ])
  })

  it('finds the pull request past the first page of those of the commit', async () => {
    const id = (await planOnPullRequest()).outputs['plan-id']
    const others = Array.from({ length: 101 }, (_, i) => 1000 + i)
    github.setCommitPulls(REPOSITORY, MERGE_SHA, [...others, PR])
    try {
      const applied = await applyOnPush('pull-request')
      expect(applied.exitCode).toBe(0)
      expect(applied.stdout).toContain(
        `Expected plan ${id}, from the plan comment of pull request #${PR}.`
      )
    } finally {
      github.setCommitPulls(REPOSITORY, MERGE_SHA, [PR])
    }
  })

  it('refuses, saying what changed, when the server moved since the review', async () => {
    await planOnPullRequest()
    editOnServer(testbed.emulator, 'acme', 'etl', 'edited in the UI')
    testbed.emulator.clearRequests()
    const run = await applyOnPush('pull-request')
    expect(run.exitCode).toBe(1)
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(run.stdout).toContain(
      'What changed:%0A  - acme.etl: the server revision moved from 1 to 2'
    )
  })

  it('says how each flow differs, those unchanged at review included', async () => {
    testbed.emulator.store.seed('main', flowYaml('orchestrator', 'acme'))
    testbed.emulator.store.seed('main', flowYaml('report', 'acme'))
    await writeFiles(testbed.workspace, {
      '_flows/orchestrator.yml': flowYaml('orchestrator', 'acme'),
      '_flows/report.yml': flowYaml('report', 'acme')
    })
    await planOnPullRequest()
    // After the review: an edit in the Kestra UI, a push to the branch, a new file.
    editOnServer(testbed.emulator, 'acme', 'orchestrator', 'edited in the UI')
    await writeFiles(testbed.workspace, {
      '_flows/report.yml': flowYaml('report', 'acme', 'pushed after the review'),
      '_flows/extra.yml': flowYaml('extra', 'acme')
    })
    testbed.emulator.clearRequests()
    const run = await applyOnPush('pull-request')
    expect(run.exitCode).toBe(1)
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(run.stdout).toContain(
      [
        'What changed:',
        '  - acme.extra: new since the review (ADDED now)',
        '  - acme.orchestrator: UNCHANGED at review, UPDATED now: the server revision moved from 1 to 2',
        '  - acme.report: UNCHANGED at review, UPDATED now: the source in the branch changed'
      ].join('%0A')
    )
  })

  it('refuses a push that no reviewed pull request planned', async () => {
    const direct = await runnerEnv(github.url, { name: 'push', sha: 'e'.repeat(40) })
    try {
      const run = await runActionHere({
        inputs: inputs({ 'expected-plan-id': 'pull-request' }),
        workspace: testbed.workspace,
        env: direct.env
      })
      expect(run.exitCode).toBe(1)
      // The server's version is asked at start, before the plan comment is looked for.
      expect(testbed.emulator.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
        'GET /api/v1/configs'
      ])
      expect(run.stdout).toContain(
        "::error::'expected-plan-id' is 'pull-request', but no plan comment of this sync was found on a pull request of commit eeeeeeeeeeee (pushed without one?); plan on the pull request with 'comment-on-pr: true' first. Nothing was written."
      )
    } finally {
      await direct.cleanup()
    }
  })
})

describe('fail-on-changes', () => {
  it('fails a drift check after reporting, and passes when nothing would change', async () => {
    const drift = await runActionHere({
      inputs: inputs({ 'dry-run': 'true', 'fail-on-changes': 'true' }),
      workspace: testbed.workspace
    })
    expect(drift.exitCode).toBe(1)
    expect(drift.stdout).toContain(
      "::error::'fail-on-changes' is true and the plan is not empty: +1 ~1 -0 (see the step summary)."
    )
    expect(drift.summary).toContain('**Plan: +1 ~1 -0, 0 unchanged**')
    expect(drift.outputs['has-changes']).toBe('true')

    await runActionHere({ inputs: inputs({}), workspace: testbed.workspace })
    const clean = await runActionHere({
      inputs: inputs({ 'dry-run': 'true', 'fail-on-changes': 'true' }),
      workspace: testbed.workspace
    })
    expect(clean.exitCode).toBe(0)
  })

  it('does not count a flow the server refuses with ignore-invalid-flows, as has-changes does not', async () => {
    await runActionHere({ inputs: inputs({}), workspace: testbed.workspace })
    await writeFiles(testbed.workspace, {
      '_flows/bad.yml': 'id: bad\nnamespace: acme\ntasks: []\n'
    })
    const run = await runActionHere({
      inputs: inputs({
        'dry-run': 'true',
        'fail-on-changes': 'true',
        'ignore-invalid-flows': 'true'
      }),
      workspace: testbed.workspace
    })
    expect(run.outputs['has-changes']).toBe('false')
    expect(run.stdout).not.toContain("'fail-on-changes' is true")
    expect(run.exitCode).toBe(0)
  })
})
