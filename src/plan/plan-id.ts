import { Input } from '../action-interface.js'
import { describeProblems } from '../errors.js'
import { compareFlowKeys, flowKeyString, flowName, type FlowKey } from '../flow/flow-key.js'
import { sha256, sha256Bytes } from '../util/sha256.js'
import type { FileChange, FlowChange, SyncState } from './changeset.js'

/**
 * What a plan says of one flow in scope: its state, the server revision it was planned against
 * (null when the server has no such flow), and the SHA-256 (hex) of the source in Git, the one to
 * write (null for a deletion). A reviewed plan read back from a pull request comment may carry
 * only a prefix of the digest.
 */
export interface PlannedFlow extends FlowKey {
  syncState: SyncState
  revision: number | null
  sourceDigest: string | null
}

/** What a plan promises to do to one flow; the plan id is the hash of these. */
export interface FlowFingerprint extends PlannedFlow {
  syncState: Exclude<SyncState, 'UNCHANGED'>
}

/** The flows of a reviewed plan, as its pull request comment kept them. */
export interface ReviewedPlan {
  flows: PlannedFlow[]
  /** Whether `flows` holds the UNCHANGED flows too; else a flow absent from it may be one. */
  withUnchanged: boolean
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
 * Every flow of a changeset as the plan treats it, UNCHANGED ones included, sorted: what a pull
 * request comment keeps, so that an apply can say what changed since the review. Flows the server
 * refuses are left out: they are never written.
 */
export function planSnapshot(changes: readonly FlowChange[]): PlannedFlow[] {
  return changes
    .filter(change => change.applyOutcome !== 'invalid')
    .map(change => ({
      namespace: change.namespace,
      id: change.id,
      syncState: change.syncState,
      revision: change.previousRevision,
      sourceDigest: change.source === null ? null : sha256(change.source)
    }))
    .sort(compareFlowKeys)
}

/**
 * The writes and deletions of a plan, by flow, in flow order. UNCHANGED flows are left out
 * (nothing is done to them): a plan id then changes only when what would be done changes. They
 * are left out before the digests, which 10,000 unchanged sources would spend some 90 ms on.
 */
export function planFingerprints(changes: readonly FlowChange[]): FlowFingerprint[] {
  return planSnapshot(changes.filter(change => change.syncState !== 'UNCHANGED')).filter(
    (flow): flow is FlowFingerprint => flow.syncState !== 'UNCHANGED'
  )
}

/**
 * SHA-256, in hex, of the scope and the fingerprints in flow order: the same plan for the same
 * scope gives the same id anywhere.
 */
export function planIdOf(
  scope: PlanScope,
  fingerprints: readonly FlowFingerprint[],
  files: readonly FileChange[] = []
): string {
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
      ...lines,
      ...fileLines(files)
    ].join('\n')
  )
}

/**
 * The namespace files to write or delete, by path: the SHA-256 of the bytes on the server (a
 * file has no revision; its content stands for it) and of the bytes to write. A plan without
 * files has the id it had before files were synced.
 */
function fileLines(files: readonly FileChange[]): string[] {
  const digest = (bytes: Uint8Array | null): string => (bytes === null ? '-' : sha256Bytes(bytes))
  return files
    .filter(file => file.syncState !== 'UNCHANGED')
    .map(
      file =>
        `FILE ${file.syncState} ${file.namespace}:${file.kestraPath} ${digest(file.serverContent)} ${digest(file.content)}`
    )
}

/**
 * One line per flow that the reviewed plan and the plan now treat differently, saying how: the
 * server's revision moved, the source in the branch changed, the flow is new since the review or
 * no longer in the plan.
 */
export function describePlanDifferences(
  reviewed: ReviewedPlan,
  current: readonly PlannedFlow[]
): string[] {
  // Keyed by (namespace, id): `a.b` + `c` and `a` + `b.c` have the same name but are two flows.
  const before = new Map(reviewed.flows.map(flow => [flowKeyString(flow), flow]))
  const now = new Map(current.map(flow => [flowKeyString(flow), flow]))
  const keys = [
    ...new Map([...reviewed.flows, ...current].map(flow => [flowKeyString(flow), flow])).values()
  ]
  return keys.sort(compareFlowKeys).flatMap(key => {
    const difference = describeDifference(
      before.get(flowKeyString(key)),
      now.get(flowKeyString(key)),
      reviewed.withUnchanged
    )
    return difference === undefined ? [] : [`${flowName(key)}: ${difference}`]
  })
}

/** How one flow differs between the reviewed plan and the plan now; undefined when it does not. */
function describeDifference(
  was: PlannedFlow | undefined,
  is: PlannedFlow | undefined,
  withUnchanged: boolean
): string | undefined {
  const changed = (flow: PlannedFlow | undefined): boolean =>
    flow !== undefined && flow.syncState !== 'UNCHANGED'
  if (!changed(was) && !changed(is)) return undefined
  if (!is) return `no longer in the plan (${was?.syncState} at review)`
  if (!was) {
    return withUnchanged
      ? `new since the review (${is.syncState} now)`
      : `${is.syncState} now, not among the changes of the reviewed plan (it was unchanged then, or is new since: the plan comment had no room for the unchanged flows)`
  }
  const reasons = [...revisionMove(was.revision, is.revision), ...sourceMove(was, is)]
  if (was.syncState === is.syncState) return reasons.length === 0 ? undefined : reasons.join('; ')
  const states =
    is.syncState === 'UNCHANGED'
      ? `no longer in the plan (${was.syncState} at review, UNCHANGED now)`
      : `${was.syncState} at review, ${is.syncState} now`
  return reasons.length === 0 ? states : `${states}: ${reasons.join('; ')}`
}

function revisionMove(was: number | null, is: number | null): string[] {
  if (was === is) return []
  if (was === null) return [`created on the server since the review (revision ${is})`]
  if (is === null) return [`deleted from the server since the review (it had revision ${was})`]
  return [`the server revision moved from ${was} to ${is}`]
}

function sourceMove(was: PlannedFlow, is: PlannedFlow): string[] {
  if (sameDigest(was.sourceDigest, is.sourceDigest)) return []
  if (was.sourceDigest === null) return ['a file in the branch defines it now']
  if (is.sourceDigest === null) return ['its file is no longer in the branch']
  return ['the source in the branch changed']
}

/**
 * Why a plan is refused for not being the reviewed one: which flows the two plans treat
 * differently when the reviewed plan's flows are known, else what the plan is now.
 */
export function explainPlanChange({
  expected,
  actual,
  current,
  reviewed,
  withFiles = false
}: {
  expected: string
  actual: string
  /** Every flow of the plan now, UNCHANGED ones included. */
  current: readonly PlannedFlow[]
  reviewed: ReviewedPlan | undefined
  /** Whether the plan syncs namespace files, which the reviewed plan's flows do not tell. */
  withFiles?: boolean
}): string {
  const heading = `The plan is not the reviewed one: '${Input.ExpectedPlanId}' is ${expected}, the plan now is ${actual}. The server or the branch changed since the review; nothing was written.`
  if (reviewed) {
    const differences = describePlanDifferences(reviewed, current)
    if (differences.length === 0) {
      const files = withFiles
        ? ' the namespace files to write or delete changed (the plan comment does not list them),'
        : ''
      return `${heading} Every flow is planned as it was at review:${files} the reviewed plan was made for another server, tenant, '${Input.TargetNamespace}' or '${Input.IncludeChildNamespaces}', or by another version of this action.`
    }
    return describeProblems(
      `${heading} What changed:`,
      differences.map(message => ({ message }))
    )
  }
  const now = current
    .filter(flow => flow.syncState !== 'UNCHANGED')
    .map(flow => ({
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
