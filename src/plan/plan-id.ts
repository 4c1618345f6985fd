import { Input } from '../action-interface.js'
import { describeProblems } from '../errors.js'
import { compareFlowKeys, flowKeyString, flowName, type FlowKey } from '../flow/flow-key.js'
import { sha256 } from '../util/sha256.js'
import type { FlowChange, SyncState } from './changeset.js'

/** What a plan promises to do to one flow; the plan id is the hash of these. */
export interface FlowFingerprint extends FlowKey {
  syncState: Exclude<SyncState, 'UNCHANGED'>
  /** The server's revision the change was planned against; null for an addition. */
  revision: number | null
  /**
   * SHA-256 (hex) of the exact source to write; null for a deletion. A reviewed plan read back
   * from a pull request comment may carry only a prefix of it.
   */
  sourceDigest: string | null
}

/** Changes the format of the hash input, so two versions never compare different things. */
const PLAN_ID_VERSION = 'kestra-sync-flows plan v2'

/**
 * Where a plan applies: a plan reviewed against one server, tenant or namespace must never be
 * applied to another, even when the flows to change are the same (an empty plan, for one).
 */
export interface PlanScope {
  /** The server's base URL; only its SHA-256 goes into the id, which names no server. */
  serverUrl: string
  /** The tenant, when the server's paths have one. */
  tenant: string | undefined
  namespace: string
  includeChildren: boolean
}

/**
 * The writes and deletions of a changeset, by flow. UNCHANGED flows are left out (nothing is done
 * to them), and so are flows the server refuses (they are never written): a plan id then changes
 * only when what would be done changes.
 */
export function planFingerprints(changes: readonly FlowChange[]): FlowFingerprint[] {
  return changes
    .filter(change => change.syncState !== 'UNCHANGED' && change.applyOutcome !== 'invalid')
    .map(change => ({
      namespace: change.namespace,
      id: change.id,
      syncState: change.syncState as FlowFingerprint['syncState'],
      revision: change.previousRevision,
      sourceDigest: change.source === null ? null : sha256(change.source)
    }))
    .sort(compareFlowKeys)
}

/**
 * SHA-256, in hex, of the scope and the fingerprints in flow order: the same plan for the same
 * scope gives the same id anywhere.
 */
export function planIdOf(scope: PlanScope, fingerprints: readonly FlowFingerprint[]): string {
  const lines = fingerprints.map(
    flow =>
      `${flow.syncState} ${flow.namespace}/${flow.id} ${flow.revision ?? '-'} ${flow.sourceDigest ?? '-'}`
  )
  return sha256(
    [
      PLAN_ID_VERSION,
      `server ${sha256(scope.serverUrl)}`,
      `tenant ${scope.tenant ?? '-'}`,
      `namespace ${scope.namespace}${scope.includeChildren ? ' and its children' : ''}`,
      ...lines
    ].join('\n')
  )
}

/**
 * One line per flow that the reviewed plan and the plan now treat differently, saying whether the
 * server (its revision) or the branch (the source to write) moved.
 */
export function describePlanDifferences(
  reviewed: readonly FlowFingerprint[],
  current: readonly FlowFingerprint[]
): string[] {
  // Keyed by (namespace, id): `a.b` + `c` and `a` + `b.c` have the same name but are two flows.
  const before = new Map(reviewed.map(flow => [flowKeyString(flow), flow]))
  const now = new Map(current.map(flow => [flowKeyString(flow), flow]))
  const keys = [
    ...new Map([...reviewed, ...current].map(flow => [flowKeyString(flow), flow])).values()
  ]
  return keys.sort(compareFlowKeys).flatMap(key => {
    const was = before.get(flowKeyString(key))
    const is = now.get(flowKeyString(key))
    const name = flowName(key)
    if (!is) return [`${name}: ${was?.syncState} in the reviewed plan, nothing to do now`]
    if (!was) return [`${name}: ${is.syncState} now, not in the reviewed plan`]
    const reasons: string[] = []
    if (was.syncState !== is.syncState) {
      reasons.push(`${was.syncState} in the reviewed plan, ${is.syncState} now`)
    }
    if (was.revision !== is.revision) {
      reasons.push(
        is.revision === null
          ? `the server had revision ${was.revision} at review, and has no such flow now`
          : `the server's revision is ${is.revision} now, ${was.revision === null ? 'there was no such flow' : `it was ${was.revision}`} at review`
      )
    }
    if (!sameDigest(was.sourceDigest, is.sourceDigest) && was.syncState === is.syncState) {
      reasons.push('the source to write differs from the reviewed one (the branch changed)')
    }
    return reasons.length === 0 ? [] : [`${name}: ${reasons.join('; ')}`]
  })
}

/**
 * Why a plan is refused for not being the reviewed one: which flows the two plans treat
 * differently when the reviewed plan's flows are known, else what the plan is now.
 */
export function explainPlanChange({
  expected,
  actual,
  current,
  reviewed
}: {
  expected: string
  actual: string
  current: readonly FlowFingerprint[]
  reviewed: readonly FlowFingerprint[] | undefined
}): string {
  const heading = `The plan is not the reviewed one: '${Input.ExpectedPlanId}' is ${expected}, the plan now is ${actual}. The server or the branch changed since the review; nothing was written.`
  if (reviewed) {
    return describeProblems(
      `${heading} What changed:`,
      describePlanDifferences(reviewed, current).map(message => ({ message }))
    )
  }
  const now = current.map(flow => ({
    message: `${flow.syncState} ${flowName(flow)}${flow.revision === null ? '' : ` (server revision ${flow.revision})`}`
  }))
  return describeProblems(
    `${heading} The reviewed plan's flows were not found (they are read from the pull request's plan comment), so compare with the plan now${now.length === 0 ? ', which is empty.' : ':'}`,
    now
  )
}

/** A reviewed digest may be a prefix (as kept in a comment); an empty one never matches. */
function sameDigest(reviewed: string | null, current: string | null): boolean {
  if (reviewed === null || current === null) return reviewed === current
  return reviewed.length > 0 && current.startsWith(reviewed)
}
