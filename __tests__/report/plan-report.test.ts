import { describe, expect, it } from '@jest/globals'
import type { FlowChange } from '../../src/plan/changeset.js'
import { renderLogTable } from '../../src/report/log-table.js'
import { writeOutputs } from '../../src/report/outputs.js'
import { renderFailureReport, renderReport } from '../../src/report/plan-report.js'
import type { ReportSink } from '../../src/report/report-layout.js'
import type { SyncReport } from '../../src/report/sync-report.js'

const change = (overrides: Partial<FlowChange>): FlowChange => ({
  namespace: 'acme',
  id: 'flow',
  syncState: 'UNCHANGED',
  gitPath: '_flows/flow.yml',
  idLine: 1,
  source: 'id: flow',
  serverSource: 'id: flow',
  previousRevision: 2,
  revision: 2,
  ...overrides
})

const result = (changes: FlowChange[], overrides: Partial<SyncReport> = {}): SyncReport => ({
  server: { version: '1.3.21', edition: 'OSS', tenantInPath: true },
  dryRun: false,
  changeset: { changes, kept: [] },
  planId: 'ab'.repeat(32),
  skippedFiles: [],
  invalidSkipped: [],
  notices: [],
  ...overrides
})
const context = {
  targetNamespace: 'acme',
  tenant: 'main',
  environment: '',
  runUrl: 'https://github.com/o/r/actions/runs/7',
  commit: '0123456789abcdef'
}
const roomy: ReportSink = {
  limit: 1_000_000,
  measure: text => text.length,
  limitName: 'the limit',
  elsewhere: 'the step summary'
}
const render = (r: SyncReport, sink = roomy): string => renderReport(r, context, sink)

const etlBefore =
  'id: etl\nnamespace: acme.data\ntasks:\n  - id: a\n    type: Log\n    message: old\n'
const etlAfter = etlBefore.replace('message: old', 'message: new')
const changes = [
  change({
    syncState: 'ADDED',
    id: 'new',
    gitPath: '_flows/new.yml',
    source: 'id: new\n',
    serverSource: null,
    previousRevision: null,
    revision: 1
  }),
  change({
    syncState: 'DELETED',
    id: 'old',
    gitPath: null,
    idLine: null,
    source: null,
    serverSource: 'id: old',
    revision: 5,
    previousRevision: 4
  }),
  change({
    syncState: 'UPDATED',
    namespace: 'acme.data',
    id: 'etl',
    gitPath: '_flows/data/etl.yml',
    source: etlAfter,
    serverSource: etlBefore,
    previousRevision: 3,
    revision: 4
  }),
  change({ id: 'same' })
]
const rows = (markdown: string): string[] =>
  markdown.split('\n').filter(line => /^\| (?!--- )/.test(line) && !line.startsWith('| | Flow'))

describe('renderReport', () => {
  it('gives the counts against the server and tenant, then the changed flows, deletions first', () => {
    const markdown = render(result(changes))
    expect(markdown).toContain('## Kestra sync: `acme`')
    expect(markdown).toContain(
      '**Plan: +1 ~1 -1, 1 unchanged** against Kestra 1.3.21 (OSS), tenant `main`'
    )
    expect(markdown).toContain('1 flow(s) added, 1 updated, 1 deleted.')
    expect(rows(markdown)).toEqual([
      '| 🗑️ **DELETED** | `acme.old` | — | deleted (was r4) |',
      '| ✏️ UPDATED | `acme.data.etl` | `_flows/data/etl.yml` | 3 → 4 |',
      '| ➕ ADDED | `acme.new` | `_flows/new.yml` | 1 |'
    ])
    expect(markdown).toContain(
      '> [!WARNING]\n> **1 flow(s) were deleted** from the server: `acme.old`.'
    )
  })

  it('shows each update as a collapsed unified diff from the server to the repository', () => {
    const markdown = render(result(changes))
    expect(markdown).toContain(
      [
        '<details><summary>✏️ <code>acme.data.etl</code> · <code>_flows/data/etl.yml</code> · +1 −1</summary>',
        '',
        '```diff',
        '--- server: acme.data.etl revision 3',
        '+++ repository: _flows/data/etl.yml',
        '@@ -3,4 +3,4 @@',
        ' tasks:',
        '   - id: a',
        '     type: Log',
        '-    message: old',
        '+    message: new',
        '```',
        '',
        '</details>'
      ].join('\n')
    )
    // The update comes before the addition, whose source is collapsed too.
    expect(markdown.indexOf('```diff')).toBeLessThan(markdown.indexOf('```yaml\nid: new'))
    expect(markdown).toContain(
      '➕ <code>acme.new</code> · <code>_flows/new.yml</code> · new, 1 line(s)'
    )
  })

  it('keeps code blocks closed whatever the flow holds, and escapes HTML and table cells', () => {
    const tricky = 'id: md\ndescription: |\n  ```sh\n  echo </details>\n  ```\n'
    const markdown = render(
      result([
        change({
          syncState: 'ADDED',
          id: 'md',
          gitPath: '_flows/a|<b>.yml',
          source: tricky,
          serverSource: null,
          previousRevision: null,
          revision: 1
        })
      ])
    )
    expect(markdown).toContain(`\`\`\`\`yaml\n${tricky}\`\`\`\``)
    expect(markdown).toContain('| ➕ ADDED | `acme.md` | `_flows/a\\|<b>.yml` | 1 |')
    expect(markdown).toContain('<code>_flows/a|&lt;b&gt;.yml</code>')
  })

  it('lists unchanged flows collapsed, and only counts them past 500', () => {
    expect(render(result(changes))).toContain(
      '<details><summary>1 unchanged flow(s)</summary>\n\n- `acme.same` · `_flows/flow.yml` · revision 2'
    )
    const many = Array.from({ length: 502 }, (_, i) => change({ id: `f${i}` }))
    const markdown = render(result(many))
    expect(markdown).toContain('502 unchanged flow(s)')
    expect(markdown).toContain('- and 2 more')
    expect(markdown).not.toContain('`acme.f501`')
  })

  it('says a dry run wrote nothing, and when there is nothing to do', () => {
    expect(render(result(changes, { dryRun: true }))).toContain(
      'Dry run, nothing was written: 1 flow(s) to add, 1 to update, 1 to delete.'
    )
    expect(render(result(changes, { dryRun: true }))).toContain('**1 flow(s) would be deleted**')
    expect(render(result([change({})], { dryRun: true }))).toContain(
      'Dry run: nothing to change, the server matches the folder.'
    )
    expect(render(result([]))).toContain('No flow in the folder or in scope on the server.')
  })

  it('ends with the plan id, the commit and a link to the run', () => {
    expect(render(result(changes))).toMatch(
      /<sub>Plan id `(ab){32}` · commit `0123456789ab` · \[workflow run\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/7\)<\/sub>$/
    )
  })

  it('lists kept flows, skipped files, skipped invalid flows and server notices', () => {
    const markdown = render(
      result([], {
        changeset: {
          changes: [],
          kept: [{ namespace: 'acme', id: 'manual', revision: 9, reason: 'delete-disabled' }]
        },
        skippedFiles: ['_flows/README.md'],
        invalidSkipped: [
          { gitPath: '_flows/bad.yml', line: 3, message: 'acme.bad: tasks: must not be empty' }
        ],
        notices: [
          {
            gitPath: '_flows/x.yml',
            line: 7,
            message: 'acme.x: uses a deprecated property: tasks[0]'
          }
        ]
      })
    )
    expect(markdown).toContain(
      "`acme.manual` (revision 9): only on the server, kept because 'delete' is false"
    )
    expect(markdown).toContain('- `_flows/README.md`')
    expect(markdown).toContain('- `_flows/bad.yml:3`: acme.bad: tasks: must not be empty')
    expect(markdown).toContain('- `_flows/x.yml:7`: acme.x: uses a deprecated property: tasks[0]')
  })

  it('marks what an interrupted apply did not do, and shows the failure', () => {
    const markdown = render(
      result(
        [
          { ...(changes[1] as FlowChange), applyOutcome: 'not-attempted' },
          { ...(changes[0] as FlowChange), applyOutcome: 'applied' },
          { ...(changes[2] as FlowChange), applyOutcome: 'failed', error: 'boom' },
          { ...(changes[3] as FlowChange) }
        ],
        { failure: { message: 'The apply stopped:\n  - x: boom', problems: [] } }
      )
    )
    expect(markdown).toContain('## Kestra sync: `acme` failed')
    expect(markdown).toContain('**Plan: +1 ~1 -1, 1 unchanged**')
    expect(markdown).toContain(
      'Done: 1 added, 0 updated, 0 deleted; not done: 0 to add, 1 to update, 1 to delete.'
    )
    expect(markdown).toContain('> [!CAUTION]\n> The apply stopped:\n>   - x: boom')
    expect(markdown).not.toContain('[!WARNING]')
    expect(rows(markdown)).toEqual([
      '| 🗑️ **DELETED** (not applied) | `acme.old` | — | 4 |',
      '| ✏️ UPDATED (failed) | `acme.data.etl` | `_flows/data/etl.yml` | 3 |',
      '| ➕ ADDED | `acme.new` | `_flows/new.yml` | 1 |'
    ])
  })
})

describe('the headline: what was planned, what was done, why the rest was not', () => {
  const refused = change({
    syncState: 'ADDED',
    id: 'bad',
    gitPath: '_flows/bad.yml',
    serverSource: null,
    previousRevision: null,
    revision: 1,
    applyOutcome: 'invalid',
    error: 'tasks: must not be empty'
  })
  const withOutcome = (outcome: FlowChange['applyOutcome']): FlowChange[] =>
    changes.map(c => (c.syncState === 'UNCHANGED' ? c : { ...c, applyOutcome: outcome }))
  const headline = (r: SyncReport): string => {
    const lines = render(r).split('\n')
    const counts = lines.findIndex(line => line.startsWith('**Plan: '))
    return [lines[counts], lines[counts + 2]].join('\n')
  }
  const against = 'against Kestra 1.3.21 (OSS), tenant `main`'

  it('a plan that nothing stops', () => {
    expect(headline(result(withOutcome('applied')))).toBe(
      `**Plan: +1 ~1 -1, 1 unchanged** ${against}\n1 flow(s) added, 1 updated, 1 deleted.`
    )
    expect(headline(result([change({})]))).toBe(
      `**Plan: +0 ~0 -0, 1 unchanged** ${against}\nNothing changed: the server matches the folder.`
    )
    expect(headline(result(changes, { dryRun: true }))).toBe(
      `**Plan: +1 ~1 -1, 1 unchanged** ${against}\nDry run, nothing was written: 1 flow(s) to add, 1 to update, 1 to delete. Revisions are the ones the sync would create.`
    )
  })

  it('an apply the server refuses: nothing written, and never "the server matches the folder"', () => {
    const markdown = render(
      result([refused, ...withOutcome('not-attempted')], {
        failure: { message: '1 flow(s) are invalid for the server', problems: [] }
      })
    )
    expect(markdown).toContain(
      `**Plan: +2 ~1 -1, 1 unchanged** ${against}\n\nNothing was written; not done: 2 to add, 1 to update, 1 to delete, because the server refuses 1 flow(s): acme.bad.`
    )
    expect(markdown).not.toContain('matches the folder')
  })

  it('an apply refused before its first write, for a reason of its own', () => {
    for (const reason of [
      "the plan is not the reviewed one ('expected-plan-id')",
      "the plan deletes 1 flow(s), more than 'max-deletions' (0)",
      '1 flow(s) changed on the server after the plan was made'
    ]) {
      expect(
        headline(
          result(withOutcome('not-attempted'), {
            failure: { message: 'long message', problems: [], reason }
          })
        )
      ).toBe(
        `**Plan: +1 ~1 -1, 1 unchanged** ${against}\nNothing was written; not done: 1 to add, 1 to update, 1 to delete, because ${reason}.`
      )
    }
    expect(
      headline(
        result([change({})], {
          failure: {
            message: 'long message',
            problems: [],
            reason: "the plan is not the reviewed one ('expected-plan-id')"
          }
        })
      )
    ).toBe(
      `**Plan: +0 ~0 -0, 1 unchanged** ${against}\nNothing to change now, and nothing was written, because the plan is not the reviewed one ('expected-plan-id').`
    )
  })

  it('an apply that stopped half-way, and one that skipped what the server refuses', () => {
    const [added, deleted, updated, unchanged] = changes as [
      FlowChange,
      FlowChange,
      FlowChange,
      FlowChange
    ]
    expect(
      headline(
        result(
          [
            { ...deleted, applyOutcome: 'not-attempted' },
            { ...added, applyOutcome: 'applied' },
            { ...updated, applyOutcome: 'failed', error: 'boom' },
            unchanged
          ],
          {
            failure: {
              message: 'The apply stopped',
              problems: [],
              reason: '1 write(s) failed and 1 were not attempted'
            }
          }
        )
      )
    ).toBe(
      `**Plan: +1 ~1 -1, 1 unchanged** ${against}\nDone: 1 added, 0 updated, 0 deleted; not done: 0 to add, 1 to update, 1 to delete, because 1 write(s) failed and 1 were not attempted.`
    )
    expect(
      headline(
        result([refused, ...withOutcome('applied')], {
          invalidSkipped: [
            { gitPath: '_flows/bad.yml', message: 'acme.bad: tasks: must not be empty' }
          ]
        })
      )
    ).toBe(
      `**Plan: +2 ~1 -1, 1 unchanged** ${against}\nDone: 1 added, 1 updated, 1 deleted; not done: 1 to add, 0 to update, 0 to delete, because the server refuses 1 flow(s): acme.bad (skipped: 'ignore-invalid-flows').`
    )
  })

  it('a dry run that an apply could not carry out in full', () => {
    expect(
      headline(
        result([refused, ...changes], {
          dryRun: true,
          failure: { message: 'invalid', problems: [] }
        })
      )
    ).toBe(
      `**Plan: +2 ~1 -1, 1 unchanged** ${against}\nDry run, nothing was written: 2 flow(s) to add, 1 to update, 1 to delete. An apply would write nothing, because the server refuses 1 flow(s): acme.bad.`
    )
    expect(
      headline(
        result([refused, ...changes], {
          dryRun: true,
          invalidSkipped: [{ message: 'acme.bad: tasks: must not be empty' }]
        })
      )
    ).toBe(
      `**Plan: +2 ~1 -1, 1 unchanged** ${against}\nDry run, nothing was written: 2 flow(s) to add, 1 to update, 1 to delete. An apply would leave some out, because the server refuses 1 flow(s): acme.bad (skipped: 'ignore-invalid-flows').`
    )
  })
})

describe('renderReport within a limit', () => {
  const updates = Array.from({ length: 40 }, (_, i) =>
    change({
      syncState: 'UPDATED',
      id: `f${String(i).padStart(2, '0')}`,
      gitPath: `_flows/f${i}.yml`,
      source: `id: f${i}\n${'x: new\n'.repeat(50)}`,
      serverSource: `id: f${i}\n${'x: old\n'.repeat(50)}`,
      previousRevision: 1,
      revision: 2
    })
  )
  const sink = (limit: number): ReportSink => ({
    limit,
    measure: text => text.length,
    limitName: "GitHub's limit of 65,536 characters for a comment",
    elsewhere: 'the step summary of the [workflow run](https://run)'
  })
  const balanced = (markdown: string): void => {
    expect(markdown.match(/<details>/g)?.length ?? 0).toBe(
      markdown.match(/<\/details>/g)?.length ?? 0
    )
    expect((markdown.match(/^```/gm)?.length ?? 0) % 2).toBe(0)
  }

  it('is whole when it fits', () => {
    const whole = render(result(updates))
    expect(renderReport(result(updates), context, sink(whole.length))).toBe(whole)
  })

  it('leaves out the last flows whole, lists them still, and says how many and where to look', () => {
    const whole = render(result(updates))
    const limit = Math.floor(whole.length / 2)
    const markdown = renderReport(result(updates), context, sink(limit))
    expect(markdown.length).toBeLessThanOrEqual(limit)
    balanced(markdown)
    const shown = [...markdown.matchAll(/<summary>✏️ <code>acme\.(f\d\d)<\/code>/g)].map(m => m[1])
    expect(shown).toEqual(updates.slice(0, shown.length).map(u => u.id))
    expect(rows(markdown)).toHaveLength(40)
    const left = 40 - shown.length
    expect(left).toBeGreaterThan(0)
    expect(markdown).toContain(
      `✂️ **${left} flow(s) left out** to stay within GitHub's limit of 65,536 characters for a comment: the diff or source of ${left} flow(s). See the step summary of the [workflow run](https://run).`
    )
    // The footer stays.
    expect(markdown).toContain('Plan id `abab')
  })

  it('drops table rows too when even the table does not fit', () => {
    const markdown = renderReport(result(updates), context, sink(3000))
    expect(markdown.length).toBeLessThanOrEqual(3000)
    balanced(markdown)
    expect(markdown).not.toContain('<details>')
    const listed = rows(markdown).length
    expect(listed).toBeLessThan(40)
    expect(markdown).toContain(`**40 flow(s) left out**`)
    expect(markdown).toContain(`(${40 - listed} of them not in the table either)`)
    expect(markdown).toContain('**Plan: +0 ~40 -0, 0 unchanged**')
  })

  it('gives up the unchanged list before any diff', () => {
    const withUnchanged = [
      ...updates.slice(0, 2),
      ...Array.from({ length: 400 }, (_, i) => change({ id: `u${i}` }))
    ]
    const whole = render(result(withUnchanged))
    const diffs = render(result(updates.slice(0, 2)))
    const markdown = renderReport(result(withUnchanged), context, sink(diffs.length + 900))
    expect(markdown.length).toBeLessThan(whole.length)
    expect(markdown).toContain('```diff')
    expect(markdown.match(/```diff/g)).toHaveLength(2)
    expect(markdown).not.toContain('unchanged flow(s)</summary>')
    expect(markdown).toContain('✂️ **Left out** to stay within')
    expect(markdown).toContain('the list of unchanged flows.')
  })
})

describe('renderFailureReport', () => {
  it('escapes HTML that a server message echoes from a flow', () => {
    const markdown = renderFailureReport(
      'Invalid flow:\n  - a.yml: Invalid type: <details><summary>x</summary> & more',
      context,
      roomy
    )
    expect(markdown).toContain(
      '>   - a.yml: Invalid type: &lt;details&gt;&lt;summary&gt;x&lt;/summary&gt; &amp; more'
    )
    expect(markdown).not.toContain('<details>')
    const failed = render(
      result([], { failure: { message: 'Refused: <img src=x>', problems: [] } })
    )
    expect(failed).toContain('> Refused: &lt;img src=x&gt;')
  })

  it('names the namespace and quotes the message', () => {
    expect(renderFailureReport('Bad file:\n  - a.yml:3: broken', context, roomy)).toBe(
      [
        '## Kestra sync: `acme` failed',
        '',
        '> [!CAUTION]\n> Bad file:\n>   - a.yml:3: broken',
        '',
        '<sub>commit `0123456789ab` · [workflow run](https://github.com/o/r/actions/runs/7)</sub>'
      ].join('\n')
    )
  })
})

describe('outputs and log', () => {
  it('writes every output from the changes', () => {
    const outputs: Record<string, string> = {}
    writeOutputs(
      (name, value) => (outputs[name] = value),
      [change({ syncState: 'ADDED', previousRevision: null, revision: 1 })],
      { planId: 'cd'.repeat(32) }
    )
    expect(outputs).toEqual({
      changes:
        '[{"kind":"FLOW","gitPath":"_flows/flow.yml","syncState":"ADDED","flowId":"flow","namespace":"acme","revision":1,"previousRevision":null}]',
      added: '1',
      updated: '0',
      unchanged: '0',
      deleted: '0',
      'has-changes': 'true',
      'plan-id': 'cd'.repeat(32)
    })
    writeOutputs((name, value) => (outputs[name] = value), [change({})])
    expect(outputs['has-changes']).toBe('false')
    expect(outputs['plan-id']).toBe('')
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
      renderLogTable({
        changes: [
          change({ syncState: 'UPDATED', previousRevision: 1, revision: 2 }),
          change({ id: 'x', gitPath: null })
        ],
        kept: []
      })
    ).toBe(
      [
        'STATE      FLOW       FILE             REVISION',
        'UPDATED    acme.flow  _flows/flow.yml  1 -> 2',
        'UNCHANGED  acme.x     -                2'
      ].join('\n')
    )
  })
  it('lists the changes first, as the summary does, then the unchanged flows, then those kept on the server', () => {
    const table = renderLogTable({
      changes: [
        change({ id: 'same' }),
        ...changes.filter(c => c.syncState !== 'UNCHANGED'),
        change({ id: 'also-same', gitPath: '_flows/also.yml' })
      ],
      kept: [
        { namespace: 'acme', id: 'manual', revision: 9, reason: 'delete-disabled' },
        { namespace: 'system', id: 'audit', revision: 2, reason: 'protected-namespace' }
      ]
    })
    expect(table.split('\n').map(line => line.split(/\s{2,}/).slice(0, 2))).toEqual([
      ['STATE', 'FLOW'],
      ['DELETED', 'acme.old'],
      ['UPDATED', 'acme.data.etl'],
      ['ADDED', 'acme.new'],
      ['UNCHANGED', 'acme.same'],
      ['UNCHANGED', 'acme.also-same'],
      ['KEPT', 'acme.manual'],
      ['KEPT', 'system.audit']
    ])
    expect(table).toMatch(
      /^KEPT +acme\.manual +- +9 +only on the server, kept because 'delete' is false$/m
    )
    expect(table).toMatch(
      /^KEPT +system\.audit +- +2 +kept because its namespace is in 'protected-namespaces'$/m
    )
  })
})
