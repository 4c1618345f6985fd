import { describe, expect, it } from '@jest/globals'
import { load } from 'js-yaml'
import { runActionHere } from '../helpers/run-in-process.js'
import { useEmulatorAndWorkspace } from '../helpers/emulator.js'
import { flowYaml } from '../helpers/workspace.js'

// What the server and the files say about flows becomes annotations on the file and line, so they
// show in the pull request's "Files changed"; GitHub shows ten per level and step.

const testbed = useEmulatorAndWorkspace()

/** Validation answers as a newer Kestra gives them for flows using deprecated or risky things. */
function answerValidation(
  verdict: (flow: { id: string }) => { warnings?: string[]; deprecationPaths?: string[] }
): void {
  testbed.emulator.use((ctx, res) => {
    if (!ctx.path.endsWith('/flows/validate')) return false
    const answer = ctx.body.split('\n---\n').map((source, index) => {
      const flow = load(source) as { id: string; namespace: string }
      return {
        index,
        flow: flow.id,
        namespace: flow.namespace,
        outdated: false,
        infos: [],
        warnings: [],
        deprecationPaths: [],
        ...verdict(flow)
      }
    })
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify(answer))
    return true
  })
}
const run = (extra: Record<string, string> = {}): ReturnType<typeof runActionHere> =>
  runActionHere({
    inputs: {
      ...testbed.serverInputs,
      'target-namespace': 'acme',
      'dry-run': 'true',
      ...extra
    },
    workspace: testbed.workspace
  })
const annotations = (stdout: string, level: string): string[] =>
  stdout
    .split('\n')
    .filter(line => line.startsWith(`::${level} `) || line.startsWith(`::${level}::`))

const withRetry = [
  'id: etl', // 1
  'namespace: acme', // 2
  'tasks:', // 3
  '  - id: first', // 4
  '    type: io.kestra.plugin.core.log.Log', // 5
  '    message: hi', // 6
  '    retry:', // 7
  '      type: constant', // 8
  ''
].join('\n')

describe('annotations', () => {
  it("put the server's warnings and deprecations on the file, deprecations on the property's line", async () => {
    await testbed.makeWorkspace({ '_flows/etl.yml': withRetry })
    answerValidation(() => ({
      warnings: ['The password property should not be set in plain text.'],
      deprecationPaths: ['tasks[0].retry']
    }))
    const result = await run()
    expect(result.exitCode).toBe(0)
    expect(annotations(result.stdout, 'warning')).toEqual([
      '::warning file=_flows/etl.yml,line=1::acme.etl: The password property should not be set in plain text.',
      '::warning file=_flows/etl.yml,line=7::acme.etl: uses a deprecated property: tasks[0].retry'
    ])
    expect(result.summary).toContain(
      '- `_flows/etl.yml:7`: acme.etl: uses a deprecated property: tasks[0].retry'
    )
  })

  it('keep the lines of the file when the namespace line was added to what is sent', async () => {
    await testbed.makeWorkspace({
      '_flows/etl.yml': withRetry.replace('namespace: acme\n', '')
    })
    answerValidation(() => ({ deprecationPaths: ['tasks[0].retry'] }))
    const result = await run()
    expect(annotations(result.stdout, 'warning')).toEqual([
      '::warning file=_flows/etl.yml,line=6::acme.etl: uses a deprecated property: tasks[0].retry'
    ])
  })

  it('show ten warnings at most: nine, then one saying how many more the log has', async () => {
    await testbed.makeWorkspace(
      Object.fromEntries(
        Array.from({ length: 14 }, (_, i) => [
          `_flows/f${String(i).padStart(2, '0')}.yml`,
          flowYaml(`f${String(i).padStart(2, '0')}`, 'acme')
        ])
      )
    )
    answerValidation(flow => ({ warnings: [`careful with ${flow.id}`] }))
    const full = await run()
    const shown = annotations(full.stdout, 'warning')
    expect(shown).toHaveLength(10)
    expect(shown.slice(0, 9)).toEqual(
      Array.from(
        { length: 9 },
        (_, i) => `::warning file=_flows/f0${i}.yml,line=1::acme.f0${i}: careful with f0${i}`
      )
    )
    expect(shown[9]).toBe(
      '::warning::5 more warning(s), not shown as annotations (GitHub shows 10 per step): see the log of this step.'
    )
    expect(full.stdout).toContain('warning: _flows/f13.yml:1: acme.f13: careful with f13')
  })

  it('put unreadable files and duplicate ids on their file and line, as errors', async () => {
    await testbed.makeWorkspace({
      '_flows/a.yml': flowYaml('same', 'acme'),
      '_flows/b.yml': `# another copy\n${flowYaml('same', 'acme')}`,
      '_flows/broken.yml': 'id: broken\nnamespace: acme\ntasks: [\n'
    })
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(annotations(result.stdout, 'error')).toEqual([
      expect.stringMatching(/^::error::Nothing was written\. Several files define the same flow/),
      "::error file=_flows/a.yml,line=1::flow 'same' of namespace 'acme' is also defined in _flows/b.yml",
      "::error file=_flows/b.yml,line=2::flow 'same' of namespace 'acme' is also defined in _flows/a.yml",
      expect.stringMatching(/^::error file=_flows\/broken\.yml,line=\d+::Invalid YAML/)
    ])
  })

  it('show ten errors at most, the failure first', async () => {
    await testbed.makeWorkspace(
      Object.fromEntries(
        Array.from({ length: 12 }, (_, i) => [
          `_flows/bad${String(i).padStart(2, '0')}.yml`,
          `id: bad${i}\ntasks: [\n`
        ])
      )
    )
    const result = await run()
    const shown = annotations(result.stdout, 'error')
    expect(shown).toHaveLength(10)
    expect(shown[0]).toMatch(/^::error::Nothing was written\. 12 flow file\(s\) cannot be read/)
    expect(shown.slice(1, 9).every(line => line.startsWith('::error file=_flows/bad'))).toBe(true)
    expect(shown[9]).toBe(
      '::error::4 more error(s), not shown as annotations (GitHub shows 10 per step): see the log of this step.'
    )
  })

  it('put a flow the server refuses on the line of the property it names', async () => {
    await testbed.makeWorkspace({
      '_flows/etl.yml': withRetry.replace('    message: hi\n', '')
    })
    testbed.emulator.use((ctx, res) => {
      if (!ctx.path.endsWith('/flows/validate')) return false
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(
        JSON.stringify([
          {
            index: 0,
            flow: 'etl',
            namespace: 'acme',
            constraints: 'Validation error: tasks[0].retry.maxAttempts: must not be null'
          }
        ])
      )
      return true
    })
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(annotations(result.stdout, 'error')).toContainEqual(
      '::error file=_flows/etl.yml,line=6::acme.etl: Validation error: tasks[0].retry.maxAttempts: must not be null'
    )
  })
})
