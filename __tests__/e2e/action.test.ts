import { beforeAll, describe, expect, it } from '@jest/globals'
import { runAction } from '../../test-support/run-action.js'
import { requestsBeyondVersion, useEmulatorAndWorkspace } from '../helpers/emulator.js'
import { flowYaml, makeWorkspace, removeWorkspace } from '../helpers/workspace.js'

// The bundle in dist/, started as the GitHub runner starts it, against the emulator over loopback.
const testbed = useEmulatorAndWorkspace({
  once: true,
  files: {
    '_flows/hello.yml': flowYaml('hello', 'whatever'),
    '_flows/team/etl.yml': flowYaml('etl', 'whatever'),
    '_flows/notes.txt': 'not a flow'
  }
})
beforeAll(() => {
  testbed.emulator.store.seed('main', flowYaml('obsolete', 'acme'))
})

const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  ...testbed.serverInputs,
  'target-namespace': 'acme',
  'include-child-namespaces': 'true',
  delete: 'true',
  ...extra
})

describe('node dist/index.js', () => {
  it('dry run: outputs and summary show the plan, the server is untouched', async () => {
    const run = await runAction({
      inputs: inputs({ 'dry-run': 'true' }),
      workspace: testbed.workspace
    })
    expect(run.exitCode).toBe(0)
    expect(JSON.parse(run.outputs.changes ?? '')).toEqual([
      {
        kind: 'FLOW',
        gitPath: null,
        syncState: 'DELETED',
        flowId: 'obsolete',
        namespace: 'acme',
        revision: 2,
        previousRevision: 1
      },
      {
        kind: 'FLOW',
        gitPath: '_flows/hello.yml',
        syncState: 'ADDED',
        flowId: 'hello',
        namespace: 'acme',
        revision: 1,
        previousRevision: null
      },
      {
        kind: 'FLOW',
        gitPath: '_flows/team/etl.yml',
        syncState: 'ADDED',
        flowId: 'etl',
        namespace: 'acme.team',
        revision: 1,
        previousRevision: null
      }
    ])
    expect(run.outputs).toMatchObject({
      added: '2',
      updated: '0',
      unchanged: '0',
      deleted: '1',
      'has-changes': 'true'
    })
    expect(run.summary).toContain('## Kestra sync (dry run): `acme`')
    expect(run.summary).toContain('**Plan: +2 ~0 -1, 0 unchanged** against Kestra 1.3.21 (OSS)')
    expect(run.summary).toContain('| ➕ ADDED | `acme.team.etl` | `_flows/team/etl.yml` | 1 |')
    expect(run.outputs['plan-id']).toMatch(/^[0-9a-f]{64}$/)
    expect(run.stdout).toContain(
      '::notice::1 file(s) skipped, not being .yml or .yaml: _flows/notes.txt'
    )
    expect(testbed.emulator.store.list('main').map((flow: { id: string }) => flow.id)).toEqual([
      'obsolete'
    ])
  })

  it('apply, then a second run that is all UNCHANGED', async () => {
    const apply = await runAction({ inputs: inputs(), workspace: testbed.workspace })
    expect(apply.exitCode).toBe(0)
    expect(apply.outputs).toMatchObject({ added: '2', deleted: '1', 'has-changes': 'true' })
    expect(
      testbed.emulator.store
        .list('main')
        .map((flow: { id: string }) => flow.id)
        .sort()
    ).toEqual(['etl', 'hello'])

    const again = await runAction({ inputs: inputs(), workspace: testbed.workspace })
    expect(again.exitCode).toBe(0)
    expect(again.outputs).toMatchObject({
      added: '0',
      updated: '0',
      deleted: '0',
      unchanged: '2',
      'has-changes': 'false'
    })
    expect(
      JSON.parse(again.outputs.changes ?? '').map((row: { revision: number }) => row.revision)
    ).toEqual([1, 1])
  })

  it('ends at once on a broken file, without waiting for a server that does not answer', async () => {
    const broken = await makeWorkspace({
      '_flows/broken.yml': 'id: broken\nnamespace: acme\ntasks: [\n'
    })
    // The version is asked while the folder is read: this server takes the request, never answers.
    const silence = testbed.emulator.use(() => true)
    try {
      const run = await runAction({
        inputs: inputs({ 'timeout-seconds': '600' }),
        workspace: broken,
        timeoutMs: 30_000
      })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toContain('Nothing was written. 1 flow file(s) cannot be read;')
    } finally {
      silence()
      await removeWorkspace(broken)
    }
  })

  it('fails with exit code 1, a clear message and an annotation on the file, and writes nothing', async () => {
    const broken = await makeWorkspace({
      '_flows/ok.yml': flowYaml('ok', 'acme'),
      '_flows/broken.yml': 'id: broken\nnamespace: acme\ntasks: [\n'
    })
    try {
      testbed.emulator.clearRequests()
      const run = await runAction({ inputs: inputs(), workspace: broken })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(/::error file=_flows\/broken\.yml,line=\d+::/)
      expect(run.stdout).toContain('Nothing was written. 1 flow file(s) cannot be read;')
      expect(run.stdout).not.toMatch(/\n\s+at .*\.js:\d+/) // no stack trace
      expect(run.summary).toContain('failed')
      expect(run.outputs).toMatchObject({ changes: '[]', 'has-changes': 'false' })
      expect(requestsBeyondVersion(testbed.emulator)).toEqual([])
    } finally {
      await removeWorkspace(broken)
    }
  })

  it('a dry run with a flow the server refuses fails, yet reports the plan', async () => {
    const invalid = await makeWorkspace({
      '_flows/ok.yml': flowYaml('ok', 'acme'),
      '_flows/bad.yml': 'id: bad\nnamespace: acme\ntasks: []\n'
    })
    try {
      const run = await runAction({
        inputs: inputs({ 'dry-run': 'true', delete: 'false' }),
        workspace: invalid
      })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(/::error file=_flows\/bad\.yml,line=3::acme\.bad: .*tasks/)
      expect(run.stdout).toContain(
        '::error::1 flow(s) are invalid for the server; nothing was written:'
      )
      expect(
        JSON.parse(run.outputs.changes ?? '').map((row: { flowId: string }) => row.flowId)
      ).toEqual(['bad', 'ok'])
      expect(run.summary).toContain('> [!CAUTION]')
      expect(run.summary).toContain('| ➕ ADDED | `acme.ok` | `_flows/ok.yml` | 1 |')
    } finally {
      await removeWorkspace(invalid)
    }
  })

  it('says what to check on wrong credentials, without leaking them', async () => {
    const run = await runAction({
      inputs: inputs({ password: 'Wrong-Password-9' }),
      workspace: testbed.workspace
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /Kestra answered 401 to GET \/api\/v1\/main\/flows\/\S+\. Check 'username' and 'password'/
    )
    // The runner takes ::add-mask:: commands out of the log; nothing else may hold the secret.
    const shown = (run.stdout + run.stderr).replace(/^::add-mask::.*$/gm, '') + run.summary
    expect(shown).not.toContain('Wrong-Password-9')
    expect(run.stdout).toContain('::add-mask::Wrong-Password-9')
  })

  it('says the server cannot be reached', async () => {
    const run = await runAction({
      inputs: inputs({ 'kestra-url': 'http://127.0.0.1:9' }),
      workspace: testbed.workspace
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('Could not reach Kestra at http://127.0.0.1:9')
  })

  it('writes each output once, whether the run succeeds, fails before its plan or after it', async () => {
    const names = (outputFile: string): string[] =>
      [...outputFile.matchAll(/^([^<\n]+)<<(.+)$/gm)].map(match => match[1] as string).sort()
    const every = ['added', 'changes', 'deleted', 'has-changes', 'plan-id', 'unchanged', 'updated']
    const success = await runAction({
      inputs: inputs({ 'dry-run': 'true' }),
      workspace: testbed.workspace
    })
    expect(success.exitCode).toBe(0)
    expect(names(success.outputFile)).toEqual(every)
    const beforePlan = await runAction({
      inputs: inputs({ 'max-deletions': 'x' }),
      workspace: testbed.workspace
    })
    expect(beforePlan.exitCode).toBe(1)
    expect(names(beforePlan.outputFile)).toEqual(every)
    expect(beforePlan.outputs).toMatchObject({ changes: '[]', 'plan-id': '' })
    const afterPlan = await runAction({
      inputs: inputs({ 'dry-run': 'true', 'expected-plan-id': '0'.repeat(64) }),
      workspace: testbed.workspace
    })
    expect(afterPlan.exitCode).toBe(1)
    expect(names(afterPlan.outputFile)).toEqual(every)
    expect(afterPlan.outputs['plan-id']).toMatch(/^[0-9a-f]{64}$/)
  })

  it('fails with a message, not a stack trace, when the outputs cannot be written', async () => {
    const run = await runAction({
      inputs: inputs(),
      workspace: testbed.workspace,
      env: { GITHUB_OUTPUT: `${testbed.workspace}/no-such-folder/output` }
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/^::error::.*no-such-folder\/output/m)
    expect(run.stderr).not.toMatch(/^\s+at /m)
  })
})
