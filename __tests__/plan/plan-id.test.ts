import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import type { FileChange, FlowChange } from '../../src/plan/changeset.js'
import {
  describePlanDifferences,
  explainPlanChange,
  planFingerprints,
  planIdOf,
  planSnapshot,
  type PlanScope,
  type ReviewedPlan
} from '../../src/plan/plan-id.js'

const change = (overrides: Partial<FlowChange>): FlowChange => ({
  namespace: 'acme',
  id: 'flow',
  syncState: 'UPDATED',
  gitPath: '_flows/flow.yml',
  idLine: 1,
  source: 'id: flow\nnamespace: acme\n',
  serverSource: 'id: flow\n',
  previousRevision: 2,
  revision: 3,
  ...overrides
})
const plan = [
  change({ syncState: 'DELETED', id: 'old', source: null, gitPath: null, previousRevision: 4 }),
  change({}),
  change({ syncState: 'ADDED', id: 'new', source: 'id: new\n', previousRevision: null }),
  change({ syncState: 'UNCHANGED', id: 'same' })
]
const scope: PlanScope = {
  serverUrl: 'https://kestra.example.com/',
  tenant: 'main',
  namespace: 'acme',
  includeChildren: true
}
const idOf = (changes: FlowChange[], where: PlanScope = scope): string =>
  planIdOf(where, planFingerprints(changes))

describe('plan id', () => {
  it('is the SHA-256 of the scope, then of each flow to change: state, key, server revision, source digest', () => {
    const sha = (text: string): string => createHash('sha256').update(text).digest('hex')
    expect(idOf(plan)).toBe(
      sha(
        [
          'kestra-sync-flows plan v2',
          `server ${sha('https://kestra.example.com/')}`,
          'tenant main',
          'namespace acme and its children',
          `UPDATED acme/flow 2 ${sha('id: flow\nnamespace: acme\n')}`,
          `ADDED acme/new - ${sha('id: new\n')}`,
          'DELETED acme/old 4 -'
        ].join('\n')
      )
    )
    expect(idOf(plan)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('covers each namespace file to write or delete: path, SHA-256 on the server and in Git', () => {
    const sha = (bytes: Uint8Array | string): string =>
      createHash('sha256').update(bytes).digest('hex')
    const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
    const file = (
      kestraPath: string,
      state: FileChange['syncState'],
      before: string | null,
      after: string | null
    ): FileChange => ({
      namespace: 'acme',
      kestraPath,
      syncState: state,
      gitPath: after === null ? null : `_files${kestraPath}`,
      content: after === null ? null : bytes(after),
      serverContent: before === null ? null : bytes(before)
    })
    const fingerprints = planFingerprints(plan)
    const files = [
      file('/gone.txt', 'DELETED', 'old', null),
      file('/a.sql', 'UPDATED', 'select 0;', 'select 1;'),
      file('/same.txt', 'UNCHANGED', 'same', 'same')
    ]
    // Without files (none synced, or all unchanged), the id is the flows' id as before.
    expect(planIdOf(scope, fingerprints, [])).toBe(idOf(plan))
    expect(planIdOf(scope, fingerprints, files.slice(2))).toBe(idOf(plan))
    const withFiles = planIdOf(scope, fingerprints, files)
    expect(withFiles).toBe(
      sha(
        [
          'kestra-sync-flows plan v2',
          `server ${sha('https://kestra.example.com/')}`,
          'tenant main',
          'namespace acme and its children',
          `UPDATED acme/flow 2 ${sha('id: flow\nnamespace: acme\n')}`,
          `ADDED acme/new - ${sha('id: new\n')}`,
          'DELETED acme/old 4 -',
          `FILE DELETED acme:/gone.txt ${sha('old')} -`,
          `FILE UPDATED acme:/a.sql ${sha('select 0;')} ${sha('select 1;')}`
        ].join('\n')
      )
    )
    const moved = [files[0] as FileChange, { ...(files[1] as FileChange), kestraPath: '/b.sql' }]
    expect(planIdOf(scope, fingerprints, moved)).not.toBe(withFiles)
  })

  it('depends on the scope, the server, tenant, namespace and child namespaces, an empty plan too', () => {
    const scopes: PlanScope[] = [
      scope,
      { ...scope, serverUrl: 'https://staging.kestra.example.com/' },
      { ...scope, tenant: 'other' },
      { ...scope, tenant: undefined },
      { ...scope, namespace: 'acme.team' },
      { ...scope, includeChildren: false }
    ]
    expect(new Set(scopes.map(where => idOf([], where))).size).toBe(scopes.length)
    expect(new Set(scopes.map(where => idOf(plan, where))).size).toBe(scopes.length)
    expect(idOf([], { ...scope })).toBe(idOf([]))
  })

  it('does not depend on order, unchanged flows or flows the server refuses', () => {
    expect(idOf([...plan].reverse())).toBe(idOf(plan))
    expect(idOf(plan.slice(0, 3))).toBe(idOf(plan))
    const refused = change({ syncState: 'ADDED', id: 'bad', applyOutcome: 'invalid' })
    expect(idOf([...plan, refused])).toBe(idOf(plan))
  })

  it('changes with the server revision, the source to write, the state or the flow', () => {
    const variants = [
      plan.map(c => (c.id === 'flow' ? { ...c, previousRevision: 5 } : c)),
      plan.map(c => (c.id === 'flow' ? { ...c, source: `${c.source}# edited\n` } : c)),
      plan.map(c => (c.id === 'old' ? { ...c, syncState: 'UNCHANGED' as const } : c)),
      plan.map(c => (c.id === 'new' ? { ...c, namespace: 'acme.sub' } : c))
    ]
    const ids = new Set([idOf(plan), ...variants.map(variant => idOf(variant))])
    expect(ids.size).toBe(5)
  })
})

describe('what changed between two plans', () => {
  const snapshot = (changes: FlowChange[]): ReturnType<typeof planSnapshot> => planSnapshot(changes)
  const reviewed: ReviewedPlan = { flows: snapshot(plan), withUnchanged: true }
  it('names each flow treated differently, and how', () => {
    const now = snapshot([
      change({ syncState: 'DELETED', id: 'old', source: null, gitPath: null, previousRevision: 6 }),
      change({ source: 'id: flow\n# edited\n' }),
      change({ syncState: 'UPDATED', id: 'new', source: 'id: new\n', previousRevision: 1 }),
      change({ syncState: 'ADDED', id: 'extra', source: 'id: extra\n', previousRevision: null }),
      change({ syncState: 'UPDATED', id: 'same', previousRevision: 3 })
    ])
    expect(describePlanDifferences(reviewed, now)).toEqual([
      'acme.extra: new since the review (ADDED now)',
      'acme.flow: the source in the branch changed',
      'acme.new: ADDED at review, UPDATED now: created on the server since the review (revision 1)',
      'acme.old: the server revision moved from 4 to 6',
      'acme.same: UNCHANGED at review, UPDATED now: the server revision moved from 2 to 3'
    ])
    expect(describePlanDifferences(reviewed, snapshot(plan.slice(1)))).toEqual([
      'acme.old: no longer in the plan (DELETED at review)'
    ])
    expect(
      describePlanDifferences(
        reviewed,
        snapshot(plan.map(c => (c.id === 'flow' ? { ...c, syncState: 'UNCHANGED' as const } : c)))
      )
    ).toEqual(['acme.flow: no longer in the plan (UPDATED at review, UNCHANGED now)'])
  })

  it('says what it cannot know when the comment had no room for the unchanged flows', () => {
    const changesOnly: ReviewedPlan = {
      flows: reviewed.flows.filter(flow => flow.syncState !== 'UNCHANGED'),
      withUnchanged: false
    }
    expect(
      describePlanDifferences(
        changesOnly,
        snapshot([...plan, change({ syncState: 'UPDATED', id: 'same', previousRevision: 3 })])
      )
    ).toEqual([
      'acme.same: UPDATED now, not among the changes of the reviewed plan (it was unchanged then, or is new since: the plan comment had no room for the unchanged flows)'
    ])
  })

  it('tells apart two flows whose namespace.id names are the same', () => {
    const dotted = {
      flows: snapshot([change({ namespace: 'acme.a', id: 'b' })]),
      withUnchanged: true
    }
    const other = snapshot([change({ namespace: 'acme', id: 'a.b' })])
    expect(describePlanDifferences(dotted, other)).toEqual([
      'acme.a.b: new since the review (UPDATED now)',
      'acme.a.b: no longer in the plan (UPDATED at review)'
    ])
  })

  it('compares a source digest kept as a prefix', () => {
    const shortened = reviewed.flows.map(flow => ({
      ...flow,
      sourceDigest: flow.sourceDigest?.slice(0, 16) ?? null
    }))
    expect(
      describePlanDifferences({ flows: shortened, withUnchanged: true }, reviewed.flows)
    ).toEqual([])
  })

  it('explains a refusal with the differences, the scope, or the plan now when the reviewed one is unknown', () => {
    const current = snapshot(plan.slice(1))
    const expected = 'a'.repeat(64)
    const actual = 'b'.repeat(64)
    expect(explainPlanChange({ expected, actual, current, reviewed })).toBe(
      [
        `The plan is not the reviewed one: 'expected-plan-id' is ${expected}, the plan now is ${actual}. The server or the branch changed since the review; nothing was written. What changed:`,
        '  - acme.old: no longer in the plan (DELETED at review)'
      ].join('\n')
    )
    expect(explainPlanChange({ expected, actual, current: reviewed.flows, reviewed })).toContain(
      "nothing was written. Every flow is planned as it was at review: the reviewed plan was made for another server, tenant, 'target-namespace' or 'include-child-namespaces', or by another version of this action."
    )
    expect(
      explainPlanChange({ expected, actual, current: reviewed.flows, reviewed, withFiles: true })
    ).toContain(
      'Every flow is planned as it was at review: the namespace files to write or delete changed (the plan comment does not list them), the reviewed plan was made for another server'
    )
    expect(explainPlanChange({ expected, actual, current, reviewed: undefined })).toContain(
      "The reviewed plan's flows were not found (they are read from the pull request's plan comment), so compare with the plan now:\n  - UPDATED acme.flow (server revision 2)\n  - ADDED acme.new"
    )
  })
})
