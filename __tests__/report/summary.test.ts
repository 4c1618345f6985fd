import { describe, expect, it } from '@jest/globals'
import type { FlowChange } from '../../src/plan/changeset.js'
import { renderLogTable } from '../../src/report/log-table.js'
import { writeOutputs } from '../../src/report/outputs.js'
import { renderSummary } from '../../src/report/summary.js'
import type { SyncResult } from '../../src/sync.js'

const change = (overrides: Partial<FlowChange>): FlowChange => ({
  namespace: 'acme',
  id: 'flow',
  syncState: 'UNCHANGED',
  gitPath: '_flows/flow.yml',
  idLine: 1,
  source: 'id: flow',
  previousRevision: 2,
  revision: 2,
  ...overrides
})

const result = (changes: FlowChange[], overrides: Partial<SyncResult> = {}): SyncResult => ({
  server: {
    version: '1.3.21',
    edition: 'OSS',
    tenantInPath: true,
    queryFilters: true,
    reservedFlowIds: true,
    flowDrafts: false
  },
  dryRun: false,
  changeset: { changes, kept: [] },
  skippedFiles: [],
  invalidSkipped: [],
  notices: [],
  ...overrides
})
const context = {
  targetNamespace: 'acme',
  kestraUrl: 'https://kestra.example.com/',
  tenant: 'main'
}

describe('renderSummary', () => {
  const changes = [
    change({
      syncState: 'DELETED',
      id: 'old',
      gitPath: null,
      idLine: null,
      revision: 5,
      previousRevision: 4
    }),
    change({
      syncState: 'ADDED',
      id: 'new',
      gitPath: '_flows/new.yml',
      previousRevision: null,
      revision: 1
    }),
    change({
      syncState: 'UPDATED',
      namespace: 'acme.data',
      id: 'etl',
      gitPath: '_flows/data/etl.yml',
      previousRevision: 3,
      revision: 4
    }),
    change({ id: 'same' })
  ]

  it('has a heading, the counts, and one table per namespace with deletions first', () => {
    const markdown = renderSummary(result(changes), context)
    expect(markdown).toContain('## Kestra sync: `acme`')
    expect(markdown).toContain(
      '**1 added · 1 updated · 1 deleted · 1 unchanged** — Kestra 1.3.21 (OSS), tenant `main`'
    )
    const acme = markdown.slice(markdown.indexOf('### acme\n'), markdown.indexOf('### acme.data'))
    expect(
      acme
        .split('\n')
        .filter(
          line => line.startsWith('| ') && !line.startsWith('| State') && !line.startsWith('| ---')
        )
    ).toEqual([
      '| 🗑️ DELETED | old | — | 4 → 5 |',
      '| ➕ ADDED | new | `_flows/new.yml` | 1 |',
      '| UNCHANGED | same | `_flows/flow.yml` | 2 |'
    ])
    expect(markdown).toContain('| ✏️ UPDATED | etl | `_flows/data/etl.yml` | 3 → 4 |')
  })

  it('says when nothing was written', () => {
    expect(renderSummary(result(changes, { dryRun: true }), context)).toContain(
      'Dry run: nothing was written.'
    )
    expect(renderSummary(result(changes), context)).not.toContain('Dry run')
  })

  it('says there is no flow only when there is none anywhere', () => {
    expect(renderSummary(result([]), context)).toContain('No flow in the folder or in scope')
    const kept = result([], {
      changeset: {
        changes: [],
        kept: [{ namespace: 'acme', id: 'm', revision: 1, reason: 'delete-disabled' }]
      }
    })
    expect(renderSummary(kept, context)).not.toContain('No flow in the folder')
  })

  it('lists kept flows, skipped files and invalid flows', () => {
    const markdown = renderSummary(
      result([], {
        changeset: {
          changes: [],
          kept: [{ namespace: 'acme', id: 'manual', revision: 9, reason: 'delete-disabled' }]
        },
        skippedFiles: ['_flows/README.md'],
        invalidSkipped: [
          { gitPath: '_flows/bad.yml', line: 3, message: 'acme.bad: tasks: must not be empty' }
        ]
      }),
      context
    )
    expect(markdown).toContain(
      "`acme.manual` (revision 9): only on the server, kept because 'delete' is false"
    )
    expect(markdown).toContain('- `_flows/README.md`')
    expect(markdown).toContain('- `_flows/bad.yml:3`: acme.bad: tasks: must not be empty')
  })

  it('counts unchanged flows instead of listing them when there are many', () => {
    const many = Array.from({ length: 150 }, (_, i) => change({ id: `f${i}` }))
    const markdown = renderSummary(
      result([...many, change({ syncState: 'ADDED', id: 'new' })]),
      context
    )
    expect(markdown).toContain('| UNCHANGED | 150 flows | | |')
    expect(markdown).toContain('| ➕ ADDED | new |')
    expect(markdown).not.toContain('| f42 |')
  })

  it('stays under the 1 MiB GitHub allows a step summary, saying what it leaves out', () => {
    const path = `_flows/${'deep/'.repeat(20)}`
    const added = Array.from({ length: 12000 }, (_, i) =>
      change({
        syncState: 'ADDED',
        namespace: `acme.n${i % 40}`,
        id: `f${i}`,
        gitPath: `${path}f${i}.yml`,
        previousRevision: null,
        revision: 1
      })
    )
    const markdown = renderSummary(
      result(added, {
        changeset: {
          changes: added,
          kept: Array.from({ length: 5000 }, (_, i) => ({
            namespace: 'acme',
            id: `k${i}`,
            revision: 1,
            reason: 'delete-disabled' as const
          }))
        },
        skippedFiles: Array.from({ length: 5000 }, (_, i) => `${path}r${i}.md`)
      }),
      context
    )
    expect(Buffer.byteLength(markdown)).toBeLessThan(1024 * 1024)
    expect(markdown).toContain('**12000 added · 0 updated · 0 deleted · 0 unchanged**')
    const listed = markdown.split('\n').filter(line => line.startsWith('| ➕ ADDED')).length
    expect(listed).toBeGreaterThan(1000)
    expect(listed).toBeLessThan(12000)
    const more = [...markdown.matchAll(/\| … \| (\d+) more flow\(s\) \|/g)].map(match =>
      Number(match[1])
    )
    expect(listed + more.reduce((sum, count) => sum + count, 0)).toBe(12000)
    expect(markdown).toContain('not every flow is listed. The job log lists them all.')
    expect(markdown).toContain('5000 flow(s) only on the server, kept')
    expect(markdown).toContain('- … and 5000 more')
    expect(markdown).toContain('5000 file(s) skipped')
  })

  it('escapes table cells', () => {
    const markdown = renderSummary(result([change({ gitPath: '_flows/a|b.yml' })]), context)
    expect(markdown).toContain('`_flows/a\\|b.yml`')
  })

  it('marks what an interrupted apply did not do, and shows the failure', () => {
    const markdown = renderSummary(
      result(
        [
          { ...(changes[0] as FlowChange), applyOutcome: 'not-attempted' },
          { ...(changes[1] as FlowChange), applyOutcome: 'applied' },
          { ...(changes[2] as FlowChange), applyOutcome: 'failed', error: 'boom' },
          { ...(changes[3] as FlowChange), applyOutcome: 'applied' }
        ],
        { failure: { message: 'The apply stopped:\n  - x: boom', problems: [] } }
      ),
      context
    )
    expect(markdown).toContain('## Kestra sync: `acme` failed')
    expect(markdown).toContain('**1 added · 0 updated · 0 deleted · 1 unchanged**')
    expect(markdown).toContain('Not done: 0 added · 1 updated · 1 deleted · 0 unchanged.')
    expect(markdown).toContain('> [!CAUTION]\n> The apply stopped:\n>   - x: boom')
    expect(markdown).toContain('| 🗑️ DELETED (not applied) | old | — | 4 |')
    expect(markdown).toContain('| ✏️ UPDATED (failed) | etl | `_flows/data/etl.yml` | 3 |')
    expect(markdown).toContain('| ➕ ADDED | new | `_flows/new.yml` | 1 |')
  })
})

describe('outputs and log', () => {
  it('writes every output from the changes', () => {
    const outputs: Record<string, string> = {}
    writeOutputs(
      (name, value) => (outputs[name] = value),
      [change({ syncState: 'ADDED', previousRevision: null, revision: 1 })]
    )
    expect(outputs).toEqual({
      changes:
        '[{"gitPath":"_flows/flow.yml","syncState":"ADDED","flowId":"flow","namespace":"acme","revision":1,"previousRevision":null}]',
      added: '1',
      updated: '0',
      unchanged: '0',
      deleted: '0',
      'has-changes': 'true'
    })
    writeOutputs((name, value) => (outputs[name] = value), [change({})])
    expect(outputs['has-changes']).toBe('false')
    writeOutputs(
      (name, value) => (outputs[name] = value),
      [change({ syncState: 'UPDATED', revision: 3, applyOutcome: 'failed', error: 'boom' })]
    )
    expect(JSON.parse(outputs.changes ?? '')).toEqual([
      expect.objectContaining({ syncState: 'UPDATED', revision: 2, applied: false, error: 'boom' })
    ])
    expect(outputs).toMatchObject({ updated: '0', 'has-changes': 'false' })
  })

  it('aligns the log table', () => {
    expect(
      renderLogTable([
        change({ syncState: 'UPDATED', previousRevision: 1, revision: 2 }),
        change({ id: 'x', gitPath: null })
      ])
    ).toBe(
      [
        'STATE      FLOW       FILE             REVISION',
        'UPDATED    acme.flow  _flows/flow.yml  1 -> 2',
        'UNCHANGED  acme.x     -                2'
      ].join('\n')
    )
  })
})
