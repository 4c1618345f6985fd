import type { KestraClient } from '../kestra/kestra-client.js'
import { flowKeyString } from '../flow/flow-key.js'
import { isWrite, type FlowChange } from '../plan/changeset.js'

/** What the server says of one change. */
export interface ChangeMessage {
  change: FlowChange
  message: string
}

export interface ValidationReport {
  /** Flows the server refuses, with its reason. */
  invalid: ChangeMessage[]
  /** Things the server accepts but wants the author to know. */
  notices: ChangeMessage[]
}

/** Asks the server to validate every flow the changeset would write, before anything is written. */
export async function validateChanges(
  client: KestraClient,
  changes: readonly FlowChange[]
): Promise<ValidationReport> {
  const writes = changes.filter(isWrite)
  const verdicts = await client.validateFlows(writes.map(change => change.source as string))
  const added = new Set(changes.filter(change => change.syncState === 'ADDED').map(flowKeyString))
  const report: ValidationReport = { invalid: [], notices: [] }
  writes.forEach((change, index) => {
    const verdict = verdicts[index]
    if (!verdict) return
    if (verdict.constraints) {
      const pending = subflowsAddedBySync(verdict.constraints, added)
      if (pending) report.notices.push({ change, message: pending })
      else report.invalid.push({ change, message: verdict.constraints })
    }
    if (!verdict.checked) {
      report.notices.push({
        change,
        message:
          "holds a line starting with '---', which Kestra's validate endpoint takes as the start of another flow: it is validated when written instead"
      })
    }
    for (const warning of verdict.warnings) {
      report.notices.push({ change, message: subflowsAddedBySync(warning, added) ?? warning })
    }
    for (const path of verdict.deprecationPaths) {
      report.notices.push({ change, message: `uses a deprecated property: ${path}` })
    }
  })
  return report
}

/** Kestra 0.21.0 to 0.21.4 put this among the constraints; later versions make it a warning. */
const SUBFLOW_NOT_FOUND =
  /(?:flow\.tasks:\s*)?The subflow '([^']+)' not found in namespace '([^']+)'\.?/g

/**
 * Kestra refuses (0.21) or warns of (later) a flow that calls a subflow it does not have yet, even
 * one this very sync creates first. When that is the whole complaint, it is no fault: returns the
 * notice to give instead.
 */
function subflowsAddedBySync(constraints: string, added: ReadonlySet<string>): string | undefined {
  const missing = [...constraints.matchAll(SUBFLOW_NOT_FOUND)]
  if (missing.length === 0) return undefined
  const allAdded = missing.every(([, id, namespace]) =>
    added.has(flowKeyString({ namespace: namespace as string, id: id as string }))
  )
  const rest = constraints
    .replace(SUBFLOW_NOT_FOUND, '')
    .replace(/Invalid (Flow|entity)|[\s:;,.]/gi, '')
  if (!allAdded || rest !== '') return undefined
  const names = missing.map(([, id, namespace]) => `${namespace}.${id}`).join(', ')
  return `calls ${names}, which the server does not have yet: this sync creates it first`
}
