import { flowKeyString } from '../flow/flow-key.js'
import { reservedFlowIdProblem } from '../flow/flow-identifiers.js'
import { flowProblem } from '../flow/flow-problem.js'
import type { FlowValidation } from '../flow/server-flow.js'
import type { FileProblem } from '../errors.js'
import { isWrite, type Changeset, type FlowChange } from './changeset.js'

/** What the server says of one change. */
export interface ChangeMessage {
  change: FlowChange
  message: string
  /** The property the message is about (`tasks[0].retry`), when the server names it apart. */
  path?: string
}

/** A message about a change, placed on its file and on the line it names where known. */
export function problemOf({ change, message, path }: ChangeMessage): FileProblem {
  return flowProblem(change, message, path)
}

export interface ValidationReport {
  /** Flows the server refuses, with its reason. */
  invalid: ChangeMessage[]
  /** Things the server accepts but wants the author to know. */
  notices: ChangeMessage[]
  /**
   * Calls to a subflow that the server does not have but this sync creates first: what the server
   * says of them is no fault, and worth a line in the log at most.
   */
  subflowsCreatedFirst: ChangeMessage[]
}

/** What the server's version refuses in a flow's id, as its writes do; undefined when nothing. */
function reservedIdRefusal(change: FlowChange, reservedFlowIds: boolean): string | undefined {
  const reserved = reservedFlowIds ? reservedFlowIdProblem(change.id) : undefined
  return reserved && `Invalid flow id: ${reserved}.`
}

/**
 * The flows to ask the server to validate, before anything is written: every flow the changeset
 * would write, but those whose id the server's version reserves (its validate endpoint does not
 * check them, its writes do: they are refused by `judgeChanges`).
 */
export function flowsToValidate(
  changes: readonly FlowChange[],
  reservedFlowIds: boolean
): FlowChange[] {
  return changes.filter(change => isWrite(change) && !reservedIdRefusal(change, reservedFlowIds))
}

/**
 * Pure: what the server's verdicts on `flowsToValidate(changes)`, in that order, mean for the
 * changeset: the flows refused, the notices, and the complaints that this sync answers itself.
 */
export function judgeChanges(
  changes: readonly FlowChange[],
  verdicts: readonly FlowValidation[],
  reservedFlowIds: boolean
): ValidationReport {
  const refused = new Map<FlowChange, string>()
  const writes = changes.filter(isWrite).filter(change => {
    const reserved = reservedIdRefusal(change, reservedFlowIds)
    if (reserved) refused.set(change, reserved)
    return !reserved
  })

  // A missing subflow is no fault when this sync creates it, unless that subflow is refused too.
  let created: Set<string>
  let settled: boolean
  do {
    created = new Set(
      changes
        .filter(change => change.syncState === 'ADDED' && !refused.has(change))
        .map(flowKeyString)
    )
    settled = true
    writes.forEach((change, index) => {
      const constraints = verdicts[index]?.constraints
      if (!constraints || refused.has(change) || subflowsCreatedBySync(constraints, created)) return
      refused.set(change, constraints)
      settled = false
    })
  } while (!settled)

  const notices: ChangeMessage[] = []
  const subflowsCreatedFirst: ChangeMessage[] = []
  writes.forEach((change, index) => {
    const verdict = verdicts[index]
    if (!verdict || refused.has(change)) return
    if (verdict.constraints) {
      subflowsCreatedFirst.push({
        change,
        message: subflowsCreatedBySync(verdict.constraints, created) as string
      })
    }
    if (!verdict.checked) {
      notices.push({
        change,
        message:
          "holds a line starting with '---', which Kestra's validate endpoint takes as the start of another flow: it is validated when written instead"
      })
    }
    for (const warning of verdict.warnings) {
      const createdFirst = subflowsCreatedBySync(warning, created)
      if (createdFirst) subflowsCreatedFirst.push({ change, message: createdFirst })
      else notices.push({ change, message: warning })
    }
    for (const path of verdict.deprecationPaths) {
      notices.push({ change, message: `uses a deprecated property: ${path}`, path })
    }
  })
  const invalid = changes
    .filter(change => refused.has(change))
    .map(change => ({ change, message: refused.get(change) as string }))
  return { invalid, notices, subflowsCreatedFirst }
}

/** Invalid flows stay in the changeset, marked, so every output says what became of them. */
export function markInvalid(plan: Changeset, invalid: readonly ChangeMessage[]): Changeset {
  const refused = new Map(invalid.map(({ change, message }) => [change, message]))
  return {
    ...plan,
    changes: plan.changes.map(change => {
      const message = refused.get(change)
      return message === undefined
        ? change
        : { ...change, applyOutcome: 'invalid' as const, error: message }
    })
  }
}

/** Kestra 0.21.0 to 0.21.4 put this among the constraints; later versions make it a warning. */
const SUBFLOW_NOT_FOUND =
  /(?:flow\.tasks:\s*)?The subflow '([^']+)' not found in namespace '([^']+)'\.?/g

/**
 * Kestra refuses (0.21) or warns of (later) a flow that calls a subflow it does not have yet, even
 * one this very sync creates first. When that is the whole complaint, it is no fault: returns the
 * line to log instead.
 */
function subflowsCreatedBySync(text: string, created: ReadonlySet<string>): string | undefined {
  const missing = [...text.matchAll(SUBFLOW_NOT_FOUND)]
  if (missing.length === 0) return undefined
  const allCreated = missing.every(([, id, namespace]) =>
    created.has(flowKeyString({ namespace: namespace as string, id: id as string }))
  )
  const rest = text.replace(SUBFLOW_NOT_FOUND, '').replace(/Invalid (Flow|entity)|[\s:;,.]/gi, '')
  if (!allCreated || rest !== '') return undefined
  const names = missing.map(([, id, namespace]) => `${namespace}.${id}`).join(', ')
  return `calls ${names}, which this sync creates first`
}
