import type { KestraClient } from '../kestra/kestra-client.js'
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
  const report: ValidationReport = { invalid: [], notices: [] }
  writes.forEach((change, index) => {
    const verdict = verdicts[index]
    if (!verdict) return
    if (verdict.constraints) report.invalid.push({ change, message: verdict.constraints })
    if (!verdict.checked) {
      report.notices.push({
        change,
        message:
          "holds a line starting with '---', which Kestra's validate endpoint takes as the start of another flow: it is validated when written instead"
      })
    }
    for (const warning of verdict.warnings) report.notices.push({ change, message: warning })
    for (const path of verdict.deprecationPaths) {
      report.notices.push({ change, message: `uses a deprecated property: ${path}` })
    }
  })
  return report
}
