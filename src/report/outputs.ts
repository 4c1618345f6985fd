import { Output } from '../action-interface.js'
import { countByState, type FlowChange } from '../plan/changeset.js'
import { toChangeRows } from './change-rows.js'

export type SetOutput = (name: string, value: string) => void

/** Every output, so a workflow can branch on them even after a failure. */
export function writeOutputs(
  setOutput: SetOutput,
  changes: readonly FlowChange[],
  planId = ''
): void {
  const counts = countByState(changes)
  setOutput(Output.Changes, JSON.stringify(toChangeRows(changes)))
  setOutput(Output.Added, String(counts.ADDED))
  setOutput(Output.Updated, String(counts.UPDATED))
  setOutput(Output.Unchanged, String(counts.UNCHANGED))
  setOutput(Output.Deleted, String(counts.DELETED))
  setOutput(Output.HasChanges, String(counts.ADDED + counts.UPDATED + counts.DELETED > 0))
  setOutput(Output.PlanId, planId)
}
