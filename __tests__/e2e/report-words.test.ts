import { describe, expect, it } from '@jest/globals'
import { runActionHere } from '../helpers/run-in-process.js'
import { useEmulatorAndWorkspace, writeRequests } from '../helpers/emulator.js'
import { flowYaml } from '../helpers/workspace.js'

// What the action says of a run, in its summary and log: the words must never mislead.

const testbed = useEmulatorAndWorkspace()

const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  ...testbed.serverInputs,
  'target-namespace': 'acme',
  ...extra
})

describe('a flow deleted because the sync does not read its file', () => {
  it('says so on its row, in the deletion warning and in the log, for .kestraignore and dot-files', async () => {
    for (const id of ['kept', 'retired', 'draft', 'gone'])
      testbed.emulator.store.seed('main', flowYaml(id, 'acme'))
    await testbed.makeWorkspace({
      '_flows/.kestraignore': 'retired.yml\n',
      '_flows/kept.yml': flowYaml('kept', 'acme'),
      '_flows/retired.yml': flowYaml('retired', 'acme'),
      '_flows/.draft.yml': flowYaml('draft', 'acme')
    })
    const run = await runActionHere({
      inputs: inputs({ delete: 'true', 'dry-run': 'true' }),
      workspace: testbed.workspace
    })
    expect(run.exitCode).toBe(0)
    expect(run.summary).toContain(
      '| 🗑️ **DELETED** | `acme.retired` | `_flows/retired.yml`: ignored by .kestraignore | deleted (was r1) |'
    )
    expect(run.summary).toContain(
      '| 🗑️ **DELETED** | `acme.draft` | `_flows/.draft.yml`: not read, its name starting with a dot | deleted (was r1) |'
    )
    expect(run.summary).toContain('| 🗑️ **DELETED** | `acme.gone` | — | deleted (was r1) |')
    expect(run.summary).toContain(
      '**3 flow(s) would be deleted** from the server: `acme.draft`, `acme.gone`, `acme.retired`. 2 of them because the sync does not read their files: `_flows/.draft.yml` (not read, its name starting with a dot), `_flows/retired.yml` (ignored by .kestraignore); to keep such a flow, let the sync read its file.'
    )
    expect(run.stdout).toMatch(
      /^DELETED +acme\.retired +- +deleted \(was r1\) +`?_flows\/retired\.yml`?: ignored by \.kestraignore$/m
    )
    expect(run.stdout).toContain(
      '::notice::2 flow(s) would be deleted because the sync does not read their files: acme.draft (_flows/.draft.yml: not read, its name starting with a dot), acme.retired (_flows/retired.yml: ignored by .kestraignore). To keep such a flow, let the sync read its file.'
    )
  })
})

describe('a subflow that the same sync creates', () => {
  it('is a line in the log, neither a warning nor a notice of the summary, before and after the apply', async () => {
    const caller = `id: orchestrator\nnamespace: acme\ntasks:\n  - id: call\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: acme\n    flowId: child\n`
    await testbed.makeWorkspace({
      '_flows/child.yml': flowYaml('child', 'acme'),
      '_flows/orchestrator.yml': caller
    })
    for (const dryRun of ['true', 'false']) {
      const run = await runActionHere({
        inputs: inputs({ 'dry-run': dryRun }),
        workspace: testbed.workspace
      })
      expect(run.exitCode).toBe(0)
      expect(run.stdout).toMatch(
        /^acme\.orchestrator calls acme\.child, which this sync creates first\.$/m
      )
      expect(run.stdout).not.toMatch(/^::(warning|notice).*acme\.child/m)
      expect(run.summary).not.toContain('does not have yet')
      expect(run.summary).not.toContain('Server notices')
    }
  })
})

describe('the headline', () => {
  const seedAndFiles = async (): Promise<string> => {
    for (const id of ['a', 'b', 'c', 'u1', 'u2', 'u3', 'u4']) {
      testbed.emulator.store.seed('main', flowYaml(id, 'acme'))
    }
    await testbed.makeWorkspace({
      '_flows/bad.yml': 'id: bad\nnamespace: acme\ntasks: []\n',
      ...Object.fromEntries(
        ['a', 'b', 'c'].map(id => [`_flows/${id}.yml`, flowYaml(id, 'acme', 'changed')])
      ),
      ...Object.fromEntries(
        ['u1', 'u2', 'u3', 'u4'].map(id => [`_flows/${id}.yml`, flowYaml(id, 'acme')])
      )
    })
    return testbed.workspace
  }

  it('of an apply that wrote nothing says what was planned, that nothing was written, and why', async () => {
    const folder = await seedAndFiles()
    const run = await runActionHere({ inputs: inputs(), workspace: folder })
    expect(run.exitCode).toBe(1)
    const headline =
      'Nothing was written; not done: 1 to add, 3 to update, 0 to delete, because the server refuses 1 flow(s): acme.bad.'
    expect(run.summary).toContain(
      `**Plan: +1 ~3 -0, 4 unchanged** against Kestra 1.3.21 (OSS), tenant \`main\`\n\n${headline}`
    )
    expect(run.summary).not.toContain('matches the folder')
    expect(run.stdout).toContain(`Plan: +1 ~3 -0, 4 unchanged. ${headline}\n`)

    const refused = await runActionHere({
      inputs: inputs({ 'ignore-invalid-flows': 'true', 'expected-plan-id': '0'.repeat(64) }),
      workspace: folder
    })
    expect(refused.exitCode).toBe(1)
    expect(refused.summary).toContain(
      "Nothing was written; not done: 1 to add, 3 to update, 0 to delete, because the plan is not the reviewed one ('expected-plan-id'), and the server refuses 1 flow(s): acme.bad (skipped: 'ignore-invalid-flows')."
    )
  })

  it('of an apply that skipped a refused flow says what was done and what was not', async () => {
    const folder = await seedAndFiles()
    const run = await runActionHere({
      inputs: inputs({ 'ignore-invalid-flows': 'true' }),
      workspace: folder
    })
    expect(run.exitCode).toBe(0)
    expect(run.summary).toContain(
      "**Plan: +1 ~3 -0, 4 unchanged** against Kestra 1.3.21 (OSS), tenant `main`\n\nDone: 0 added, 3 updated, 0 deleted; not done: 1 to add, 0 to update, 0 to delete, because the server refuses 1 flow(s): acme.bad (skipped: 'ignore-invalid-flows')."
    )
  })
})

describe('a trigger written as a single value (`- bad indentation`)', () => {
  // Kestra 1.x's validation lets it pass and its create refuses it: checked before any write, so the
  // valid flow beside it is not written either.
  it('is refused before any write, at its file and line', async () => {
    await testbed.makeWorkspace({
      '_flows/ok.yml': flowYaml('ok', 'acme'),
      '_flows/cron.yml': `${flowYaml('cron', 'acme')}triggers:\n  - bad indentation\n`
    })
    const run = await runActionHere({ inputs: inputs(), workspace: testbed.workspace })
    expect(run.exitCode).toBe(1)
    expect(writeRequests(testbed.emulator)).toEqual([])
    expect(run.stdout).toContain(
      '::error file=_flows/cron.yml,line=9::`triggers[0]` is the text "bad indentation", not a trigger'
    )
  })
})
