import { afterEach, describe, expect, it } from '@jest/globals'
import { renderReport, type ReportContext } from '../../src/report/plan-report.js'
import type { ReportSink } from '../../src/report/report-layout.js'
import type { Settings } from '../../src/settings.js'
import type { SyncResult } from '../../src/sync.js'
import { editOnServer, useEmulatorAndWorkspace, writeRequests } from '../helpers/emulator.js'
import { commitBaseAndHead, git, removeClone, shallowClone } from '../helpers/git-repo.js'
import { recordingLog, type RecordedLog } from '../helpers/log.js'
import { runSync } from '../helpers/run-sync.js'
import { settingsFor } from '../helpers/settings.js'
import {
  DOWNSTREAM,
  HELLO,
  LOAD,
  NOTES,
  NOTES_REFORMATTED,
  NS,
  ORCHESTRATOR,
  REPORT_AFTER,
  REPORT_BEFORE,
  WATCHER
} from './fixtures.js'

// Each part of the review over real sockets (the emulator) and a real Git repository made here:
// the server was synced from the base commit, then edited in its UI; the branch (head) changes
// flows, deletes one that others call, and moves nothing else.
const testbed = useEmulatorAndWorkspace()
const SINK: ReportSink = {
  limit: 65_536,
  measure: text => text.length,
  limitName: 'the limit',
  elsewhere: 'the log'
}
const BASE_FILES = {
  '_flows/hello.yml': HELLO('hello'),
  '_flows/load.yml': LOAD,
  '_flows/orchestrator.yml': ORCHESTRATOR,
  '_flows/downstream.yml': DOWNSTREAM,
  '_flows/report.yml': REPORT_BEFORE,
  '_flows/notes.yml': NOTES
}
const HEAD_CHANGES = {
  '_flows/hello.yml': HELLO('hello from git'),
  '_flows/load.yml': null,
  '_flows/report.yml': REPORT_AFTER,
  '_flows/notes.yml': NOTES_REFORMATTED
}

let clone: string | undefined
afterEach(async () => {
  if (clone) await removeClone(clone)
  clone = undefined
})

/** The repository, and the server as the last sync from the base left it, then edited in the UI. */
async function syncedFromBaseThenEdited(): Promise<{ baseSha: string; headSha: string }> {
  const workspace = await testbed.makeWorkspace({})
  const commits = await commitBaseAndHead(workspace, BASE_FILES, HEAD_CHANGES)
  for (const source of [...Object.values(BASE_FILES), WATCHER]) {
    testbed.emulator.store.seed('main', source)
  }
  editOnServer(testbed.emulator, NS, 'hello', 'edited in the UI')
  return commits
}

function plan(
  workspace: string,
  baseCommit: string | undefined,
  overrides: Partial<Settings> = {},
  recorded: RecordedLog = recordingLog()
): Promise<SyncResult> {
  return runSync(
    settingsFor(workspace, testbed.emulator.url, {
      includeChildNamespaces: true,
      protectedNamespaces: [`${NS}.keep`],
      delete: true,
      dryRun: true,
      ...overrides
    }),
    { log: recorded.log, ...(baseCommit ? { baseCommit } : {}) }
  )
}

const CONTEXT: ReportContext = { targetNamespace: NS, tenant: 'main', environment: '' }

describe('1. drift: changes made on the server since the last sync', () => {
  it('names the flow the server changed since the base, with the diff base → server', async () => {
    const { baseSha } = await syncedFromBaseThenEdited()
    const recorded = recordingLog()
    const result = await plan(testbed.workspace, baseSha, {}, recorded)

    expect(result.review?.drift.map(drift => drift.change.id)).toEqual(['hello'])
    const body = renderReport(result, CONTEXT, SINK)
    expect(body).toContain(
      '`company.team.hello`: **changed on the server since the last sync — merging overwrites it**'
    )
    expect(body).toContain('what changed on the server (base → server)')
    expect(body).toContain('-    message: hello\n+    message: edited in the UI')
    expect(recorded.warnings.map(warning => warning.message)).toContain(
      'company.team.hello: changed on the server since the last sync — merging overwrites it'
    )
    // The report flows the branch changed but nobody edited on the server are no drift.
    expect(body).not.toContain('`company.team.report`: **changed on the server')
  })

  it('without a base (not a pull request, not a push), looks for no drift', async () => {
    await syncedFromBaseThenEdited()
    const result = await plan(testbed.workspace, undefined)
    expect(result.review?.drift).toEqual([])
    expect(result.review?.baseCommit).toBeUndefined()
  })

  it("with 'on-drift: fail', fails before any write and names each drifted flow", async () => {
    const { baseSha } = await syncedFromBaseThenEdited()
    testbed.emulator.clearRequests()
    const result = await plan(testbed.workspace, baseSha, {
      dryRun: false,
      onDrift: 'fail',
      onBrokenCallers: 'warn'
    })
    expect(result.failure?.message).toMatch(
      /^1 flow\(s\) changed on the server since the last sync, and 'on-drift' is 'fail'; nothing was written\./
    )
    expect(result.failure?.message).toContain(
      '_flows/hello.yml:1: company.team.hello: changed on the server since the last sync'
    )
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(result.changeset.changes.filter(c => c.applyOutcome === 'not-attempted')).not.toEqual([])
  })

  it('fetches the base commit into a shallow clone, then finds the drift', async () => {
    const { baseSha, headSha } = await syncedFromBaseThenEdited()
    clone = await shallowClone(testbed.workspace)
    expect(git(clone, 'rev-parse', 'HEAD')).toBe(headSha)
    expect(() => git(clone as string, 'cat-file', '-e', `${baseSha}^{commit}`)).toThrow()

    const result = await plan(clone, baseSha)
    expect(result.review?.baseUnavailable).toBeUndefined()
    expect(result.review?.drift.map(drift => drift.change.id)).toEqual(['hello'])
    expect(git(clone, 'cat-file', '-t', baseSha)).toBe('commit')
  })

  it('says once that drift is not checked when the base cannot be fetched, and goes on', async () => {
    const { baseSha } = await syncedFromBaseThenEdited()
    clone = await shallowClone(testbed.workspace)
    git(clone, 'remote', 'remove', 'origin')
    const recorded = recordingLog()
    const result = await plan(clone, baseSha, {}, recorded)

    expect(result.review?.drift).toEqual([])
    const notes = recorded.warnings.filter(w => w.message.startsWith('Drift not checked'))
    expect(notes).toHaveLength(1)
    expect(notes[0]?.message).toContain(
      `the base commit ${baseSha.slice(0, 12)} is not in the checkout`
    )
    expect(renderReport(result, CONTEXT, SINK)).toContain('> Drift not checked: the base commit')
    expect(result.failure).toBeUndefined()
  })

  it('says that drift is not checked when the workspace is no Git checkout', async () => {
    await testbed.makeWorkspace({ '_flows/hello.yml': HELLO('hello from git') })
    testbed.emulator.store.seed('main', HELLO('hello'))
    const recorded = recordingLog()
    const result = await plan(testbed.workspace, 'a'.repeat(40), {}, recorded)
    expect(result.review?.baseUnavailable).toMatch(
      /^git cannot read the workspace as a Git checkout \(fatal: not a git repository.*\), so the base commit aaaaaaaaaaaa cannot be read\.$/
    )
    expect(result.failure).toBeUndefined()
  })
})

describe('2. what a deletion breaks', () => {
  it('names the flows in the folder and on the server that still call a deleted flow', async () => {
    const { baseSha } = await syncedFromBaseThenEdited()
    const result = await plan(testbed.workspace, baseSha)
    const impact = result.review?.deletions.find(found => found.deleted.id === 'load')

    expect(
      impact?.callers.map(caller => [
        `${caller.namespace}.${caller.id}`,
        caller.gitPath ?? 'server',
        caller.calls.map(call => `${call.kind} ${call.via}`).join(', ')
      ])
    ).toEqual([
      [`${NS}.downstream`, '_flows/downstream.yml', 'Flow trigger on_load'],
      [`${NS}.orchestrator`, '_flows/orchestrator.yml', 'Subflow task run_load'],
      [`${NS}.keep.watcher`, 'server', 'ForEachItem task each']
    ])
    expect(impact?.unresolved.map(caller => caller.id)).toEqual(['orchestrator'])
    const body = renderReport(result, CONTEXT, SINK)
    expect(body).toContain(
      '**1 flow(s) to delete are still called:** `company.team.load` by `company.team.downstream`, `company.team.orchestrator`, `company.team.keep.watcher`.'
    )
    expect(body).toContain(
      '- ⚠️ still called by `company.team.orchestrator` (`_flows/orchestrator.yml`), Subflow task `run_load`: it fails at its next run'
    )
    expect(body).toContain(
      '- ⚠️ still called by `company.team.keep.watcher` (on the server only), ForEachItem task `each`'
    )
    expect(body).toContain(
      '- ❔ `company.team.orchestrator` (`_flows/orchestrator.yml`): Subflow task `by_name` calls `company.team.{{ inputs.which }}`, a template: it may call this flow, which cannot be resolved before it runs'
    )
    expect(body).toContain(
      '- stops with it: trigger `weekdays`: Schedule, at 09:00, Monday through Friday (Europe/Paris)'
    )
    expect(body).toContain('- stops with it: trigger `hook`: Webhook')
  })

  it('tells a file moved to another folder (namespace) apart: the callers still name the old flow', async () => {
    const workspace = await testbed.makeWorkspace({})
    const base = { '_flows/load.yml': LOAD, '_flows/orchestrator.yml': ORCHESTRATOR }
    await commitBaseAndHead(workspace, base, {
      '_flows/load.yml': null,
      '_flows/etl/load.yml': LOAD
    })
    for (const source of Object.values(base)) testbed.emulator.store.seed('main', source)
    const result = await plan(workspace, undefined)
    const impact = result.review?.deletions[0]
    expect(impact?.deleted.id).toBe('load')
    expect(impact?.movedTo).toEqual({ namespace: `${NS}.etl`, id: 'load' })
    expect(impact?.callers.map(caller => caller.id)).toEqual(['orchestrator'])
    expect(renderReport(result, CONTEXT, SINK)).toContain(
      '- the plan adds `company.team.etl.load`: if the file moved, callers still name `company.team.load`'
    )
  })

  it("with 'on-broken-callers: fail', fails before any write, naming the flow and its callers", async () => {
    const { baseSha } = await syncedFromBaseThenEdited()
    testbed.emulator.clearRequests()
    const result = await plan(testbed.workspace, baseSha, {
      dryRun: false,
      onBrokenCallers: 'fail'
    })
    expect(result.failure?.message).toContain(
      "1 flow(s) to delete are still called, and 'on-broken-callers' is 'fail'; nothing was written:\n  - company.team.load: deleted, but still called by company.team.downstream (Flow trigger on_load); company.team.orchestrator (Subflow task run_load); company.team.keep.watcher (ForEachItem task each)"
    )
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(testbed.emulator.store.latest('main', NS, 'load')).toBeDefined()
  })

  it('warns by default and deletes: the plan is carried out', async () => {
    const { baseSha } = await syncedFromBaseThenEdited()
    const result = await plan(testbed.workspace, baseSha, { dryRun: false })
    expect(result.failure).toBeUndefined()
    expect(testbed.emulator.store.latest('main', NS, 'load')).toBeUndefined()
  })
})

describe('3. what each change means', () => {
  it('digests tasks, triggers (cron in words), inputs, labels and concurrency above the diff', async () => {
    const { baseSha } = await syncedFromBaseThenEdited()
    const body = renderReport(await plan(testbed.workspace, baseSha), CONTEXT, SINK)
    const digest = [
      'What changes in `company.team.report`:',
      '',
      '- tasks added: `checks`, `verify`',
      '- tasks changed: `fetch`',
      '- trigger `nightly` changed: at 09:00, Monday through Friday (Europe/Paris), was at 02:00 (the server&#39;s timezone)',
      '- trigger `manual` added: Webhook (disabled)',
      '- input `day` type `STRING` → `DATE`: callers may break',
      '- input `day` newly required: callers that do not pass it break',
      '- input `region` added, required with no default: callers that do not pass it break',
      '- labels: `team: data` → `analytics`',
      '- concurrency: no limit → limit 1, QUEUE'
    ].join('\n')
    expect(body.replace(/&#39;/g, "'")).toContain(digest.replace(/&#39;/g, "'"))
    // Above the collapsed diff of the same flow.
    const at = body.indexOf('- tasks added: `checks`')
    expect(
      body.indexOf('<details><summary>✏️ <code>company.team.report</code>', at)
    ).toBeGreaterThan(at)
  })

  it('says "only comments or formatting changed" when the parsed flows are equal', async () => {
    const { baseSha } = await syncedFromBaseThenEdited()
    const body = renderReport(await plan(testbed.workspace, baseSha), CONTEXT, SINK)
    expect(body).toContain(
      '- only comments or formatting changed\n\n<details><summary>✏️ <code>company.team.notes</code>'
    )
  })
})

describe('4. links and rows', () => {
  const HEAD = 'abcdef0123456789abcdef0123456789abcdef01'
  const linked: ReportContext = {
    ...CONTEXT,
    fileBaseUrl: `https://github.com/acme/flows/blob/${HEAD}`,
    kestraUiUrl: 'https://kestra.example.com/'
  }

  it('links each file to the head commit and each flow to its page in the UI (tenant in path)', async () => {
    const { baseSha } = await syncedFromBaseThenEdited()
    const body = renderReport(await plan(testbed.workspace, baseSha), linked, SINK)
    expect(body).toContain(
      `| ✏️ UPDATED | [\`company.team.hello\`](https://kestra.example.com/ui/main/flows/edit/company.team/hello) | [\`_flows/hello.yml\`](https://github.com/acme/flows/blob/${HEAD}/_flows/hello.yml) | 2 → 3 |`
    )
  })

  it('shows a DELETED row as "deleted (was rN)" with the source of the flow collapsed', async () => {
    const { baseSha } = await syncedFromBaseThenEdited()
    const body = renderReport(await plan(testbed.workspace, baseSha), linked, SINK)
    expect(body).toContain(
      '| 🗑️ **DELETED** | [`company.team.load`](https://kestra.example.com/ui/main/flows/edit/company.team/load) | — | deleted (was r1) |'
    )
    expect(body).toContain(
      '<details><summary>🗑️ <code>company.team.load</code> · deleted (was r1), 14 line(s)</summary>\n\n```yaml\nid: load\n'
    )
  })

  it('links without a tenant for a server before 0.23, and not at all without kestra-ui-url', async () => {
    await testbed.restartEmulator({ version: '0.20.7' })
    const { baseSha } = await syncedFromBaseThenEdited()
    const result = await plan(testbed.workspace, baseSha)
    expect(renderReport(result, linked, SINK)).toContain(
      '[`company.team.hello`](https://kestra.example.com/ui/flows/edit/company.team/hello)'
    )
    const plain = renderReport(result, CONTEXT, SINK)
    expect(plain).toContain('| ✏️ UPDATED | `company.team.hello` | `_flows/hello.yml` | 2 → 3 |')
    expect(plain).not.toContain('](https://')
  })
})
