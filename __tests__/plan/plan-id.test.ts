import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import type { FlowChange } from '../../src/plan/changeset.js'
import {
  describePlanDifferences,
  explainPlanChange,
  planFingerprints,
  planIdOf,
  type PlanScope
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
  const reviewed = planFingerprints(plan)
  it('names each flow treated differently, and why', () => {
    const now = planFingerprints([
      change({ syncState: 'DELETED', id: 'old', source: null, gitPath: null, previousRevision: 6 }),
      change({ source: 'id: flow\n# edited\n' }),
      change({ syncState: 'UPDATED', id: 'new', source: 'id: new\n', previousRevision: 1 }),
      change({ syncState: 'ADDED', id: 'extra', source: 'id: extra\n', previousRevision: null })
    ])
    expect(describePlanDifferences(reviewed, now)).toEqual([
      'acme.extra: ADDED now, not in the reviewed plan',
      'acme.flow: the source to write differs from the reviewed one (the branch changed)',
      "acme.new: ADDED in the reviewed plan, UPDATED now; the server's revision is 1 now, there was no such flow at review",
      "acme.old: the server's revision is 6 now, it was 4 at review"
    ])
    expect(describePlanDifferences(reviewed, planFingerprints(plan.slice(1)))).toEqual([
      'acme.old: DELETED in the reviewed plan, nothing to do now'
    ])
  })

  it('tells apart two flows whose namespace.id names are the same', () => {
    const dotted = planFingerprints([change({ namespace: 'acme.a', id: 'b' })])
    const other = planFingerprints([change({ namespace: 'acme', id: 'a.b' })])
    expect(describePlanDifferences(dotted, other)).toEqual([
      'acme.a.b: UPDATED now, not in the reviewed plan',
      'acme.a.b: UPDATED in the reviewed plan, nothing to do now'
    ])
  })

  it('compares a source digest kept as a prefix', () => {
    const shortened = reviewed.map(flow => ({
      ...flow,
      sourceDigest: flow.sourceDigest?.slice(0, 16) ?? null
    }))
    expect(describePlanDifferences(shortened, reviewed)).toEqual([])
  })

  it('explains a refusal with the differences, or with the plan now when the reviewed one is unknown', () => {
    const current = planFingerprints(plan.slice(1))
    const expected = 'a'.repeat(64)
    expect(explainPlanChange({ expected, actual: 'b'.repeat(64), current, reviewed })).toBe(
      [
        `The plan is not the reviewed one: 'expected-plan-id' is ${expected}, the plan now is ${'b'.repeat(64)}. The server or the branch changed since the review; nothing was written. What changed:`,
        '  - acme.old: DELETED in the reviewed plan, nothing to do now'
      ].join('\n')
    )
    expect(
      explainPlanChange({ expected, actual: 'b'.repeat(64), current, reviewed: undefined })
    ).toContain(
      "The reviewed plan's flows were not found (they are read from the pull request's plan comment), so compare with the plan now:\n  - UPDATED acme.flow (server revision 2)\n  - ADDED acme.new"
    )
  })
})
