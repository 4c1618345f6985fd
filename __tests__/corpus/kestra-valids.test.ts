import { afterEach, expect, it } from '@jest/globals'
import { cp, readdir, rm } from 'node:fs/promises'
import * as path from 'node:path'
import { connectKestra } from '../../src/kestra/kestra-client.js'
import type { Settings } from '../../src/settings.js'
import type { SyncResult } from '../../src/sync.js'
import { startKestraEmulator, type Emulator } from '../../test-support/kestra-emulator/index.js'
import { requestsBeyondVersion, TEST_AUTH } from '../helpers/emulator.js'
import { runSync } from '../helpers/run-sync.js'
import { settingsFor } from '../helpers/settings.js'
import { describeWithShared, kestraTestFlows } from '../helpers/skip.js'
import { makeWorkspace, removeWorkspace } from '../helpers/workspace.js'

// The real flows of Kestra's own test suite, shipped beside the project in ../shared. A clone
// without it (e.g. on GitHub) skips this suite and says so.
const valids = path.join(kestraTestFlows, 'valids')

let emulator: Emulator | undefined
let workspace: string

afterEach(async () => {
  await emulator?.close()
  await removeWorkspace(workspace)
})

async function setUp(
  version: string
): Promise<{ files: number; run: (overrides?: Partial<Settings>) => Promise<SyncResult> }> {
  const server = await startKestraEmulator({ version, auth: TEST_AUTH })
  emulator = server
  workspace = await makeWorkspace({})
  await cp(valids, path.join(workspace, '_flows'), { recursive: true })
  const files = (await readdir(valids)).length
  const run = (overrides: Partial<Settings> = {}): Promise<SyncResult> =>
    runSync(
      settingsFor(workspace, server.url, {
        targetNamespace: 'corpus.tests',
        delete: true,
        ...overrides
      }),
      { connect: connectKestra }
    )
  return { files, run }
}

describeWithShared(valids)("Kestra's valid test flows, with their namespaces rewritten", () => {
  it("refuses the two files that share id minimal, naming both, before reading the server's flows", async () => {
    const { files, run } = await setUp('0.22.6')
    expect(files).toBeGreaterThan(150)
    await expect(run()).rejects.toThrow(
      /corpus\.tests\.minimal: _flows\/minimal\.yaml:\d+ and _flows\/minimal2\.yaml:\d+/
    )
    expect(emulator && requestsBeyondVersion(emulator)).toEqual([])
  })

  it('without one of them, plans, applies, then re-plans as all UNCHANGED (Kestra 0.22, their era)', async () => {
    const { files, run } = await setUp('0.22.6')
    await rm(path.join(workspace, '_flows', 'minimal2.yaml'))
    const plan = await run({ dryRun: true })
    expect(plan.changeset.changes).toHaveLength(files - 1)
    expect(new Set(plan.changeset.changes.map(change => change.syncState))).toEqual(
      new Set(['ADDED'])
    )
    expect(emulator?.store.list('main')).toEqual([])

    const applied = await run()
    expect(applied.failure).toBeUndefined()
    const stored = emulator?.store.list('main') ?? []
    expect(stored).toHaveLength(files - 1)
    expect(new Set(stored.map((flow: { namespace: string }) => flow.namespace))).toEqual(
      new Set(['corpus.tests'])
    )

    emulator?.clearRequests()
    const again = await run({ dryRun: true })
    expect(again.changeset.changes.filter(change => change.syncState !== 'UNCHANGED')).toEqual([])
    expect(emulator?.requests).toHaveLength(3)
  })

  // As real 1.3.0 does: `pause` is reserved from 1.0, and from 1.3 an input with defaults must be
  // required (kv.yaml's is not).
  it('on Kestra 1.3, refuses the flows it no longer takes, or skips them when told to', async () => {
    const { files, run } = await setUp('1.3.21')
    await rm(path.join(workspace, '_flows', 'minimal2.yaml'))
    const refused = await run()
    expect(refused.failure?.message).toMatch(
      /_flows\/pause\.yaml:\d+: corpus\.tests\.pause: Invalid flow id: 'pause' is reserved since Kestra 1\.0/
    )
    expect(emulator?.store.list('main')).toEqual([])

    const applied = await run({ ignoreInvalidFlows: true })
    expect(applied.failure).toBeUndefined()
    expect(applied.invalidSkipped.map(problem => problem.gitPath)).toEqual([
      '_flows/kv.yaml',
      '_flows/pause.yaml'
    ])
    expect(emulator?.store.list('main')).toHaveLength(files - 3)
    const again = await run({ ignoreInvalidFlows: true, dryRun: true })
    expect(
      again.changeset.changes
        .filter(change => change.syncState !== 'UNCHANGED')
        .map(change => [change.id, change.applyOutcome])
    ).toEqual([
      ['kv', 'invalid'],
      ['pause', 'invalid']
    ])
  })
})
