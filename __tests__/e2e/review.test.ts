import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { runActionHere } from '../helpers/run-in-process.js'
import { editOnServer, useEmulatorAndWorkspace, writeRequests } from '../helpers/emulator.js'
import { commitBaseAndHead } from '../helpers/git-repo.js'
import { HELLO, LOAD, NS, ORCHESTRATOR } from '../review/fixtures.js'

// The action, as a workflow runs it: the base commit comes from the event's payload, git is run
// in the workspace, and the policies fail the step before any write.
const testbed = useEmulatorAndWorkspace()
let events: string
beforeAll(async () => {
  events = await mkdtemp(path.join(tmpdir(), 'kestra-sync-review-event-'))
})
afterAll(async () => {
  await rm(events, { recursive: true, force: true })
})

async function repositoryAndServer(): Promise<{ baseSha: string; headSha: string }> {
  const workspace = await testbed.makeWorkspace({})
  const base = {
    '_flows/hello.yml': HELLO('hello'),
    '_flows/load.yml': LOAD,
    '_flows/orchestrator.yml': ORCHESTRATOR
  }
  const commits = await commitBaseAndHead(workspace, base, {
    '_flows/hello.yml': HELLO('hello from git'),
    '_flows/load.yml': null
  })
  for (const source of Object.values(base)) testbed.emulator.store.seed('main', source)
  editOnServer(testbed.emulator, NS, 'hello', 'edited in the UI')
  testbed.emulator.clearRequests()
  return commits
}

async function eventFile(name: string, payload: unknown): Promise<Record<string, string>> {
  const eventPath = path.join(events, `${name}.json`)
  await writeFile(eventPath, JSON.stringify(payload))
  return {
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/flows',
    GITHUB_SERVER_URL: 'https://github.com'
  }
}

const inputs = (extra: Record<string, string>): Record<string, string> => ({
  ...testbed.serverInputs,
  'target-namespace': NS,
  delete: 'true',
  ...extra
})

describe('the review in a workflow run', () => {
  it('on a pull request, fails with on-drift and on-broken-callers before any write', async () => {
    const { baseSha, headSha } = await repositoryAndServer()
    const env = await eventFile('pull_request', {
      pull_request: { number: 5, base: { sha: baseSha }, head: { sha: headSha } }
    })
    const run = await runActionHere({
      inputs: inputs({
        'on-drift': 'fail',
        'on-broken-callers': 'fail',
        'kestra-ui-url': 'https://kestra.example.com'
      }),
      workspace: testbed.workspace,
      env: { ...env, GITHUB_SHA: 'f'.repeat(40) }
    })
    expect(run.exitCode).toBe(1)
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(run.stdout).toContain(
      '::error file=_flows/hello.yml,line=1::company.team.hello: changed on the server since the last sync — merging overwrites it'
    )
    expect(run.stdout).toContain(
      '::error::company.team.load: deleted, but still called by company.team.orchestrator (Subflow task run_load)'
    )
    expect(run.stdout).toContain("and 'on-drift' is 'fail'; nothing was written.")
    expect(run.stdout).not.toContain('::warning::company.team.hello')
    expect(run.summary).toContain(
      '**changed on the server since the last sync — merging overwrites it**'
    )
    expect(run.summary).toContain(
      `[\`_flows/hello.yml\`](https://github.com/acme/flows/blob/${headSha}/_flows/hello.yml)`
    )
    expect(run.summary).toContain(
      '[`company.team.hello`](https://kestra.example.com/ui/main/flows/edit/company.team/hello)'
    )
  })

  it('on a push, compares with the commit before it, warns by default and applies', async () => {
    const { baseSha, headSha } = await repositoryAndServer()
    const env = await eventFile('push', { before: baseSha, after: headSha })
    const run = await runActionHere({
      inputs: inputs({}),
      workspace: testbed.workspace,
      env: { ...env, GITHUB_SHA: headSha }
    })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain(
      '::warning::company.team.hello: changed on the server since the last sync — merging overwrites it'
    )
    expect(run.summary).toContain('what changed on the server (base → server)')
    expect(testbed.emulator.store.latest('main', NS, 'load')).toBeUndefined()
  })
})
