import { Output } from '../action-interface.js'
import { countAllByState, type FileChange, type FlowChange } from '../plan/changeset.js'
import { toChangeRows, type ChangeRow } from './change-rows.js'

export type SetOutput = (name: string, value: string) => void

/**
 * GitHub keeps at most 1 MB of outputs per job, counting two bytes a character: a longer `changes`
 * would be lost to a workflow that passes it on as a job output. 10,000 flows take some 1.8 million
 * characters.
 */
export const MAX_CHANGES_LENGTH = 500_000

/**
 * Every output, so a workflow can branch on them even after a failure. A `changes` list too long
 * for GitHub leaves rows out, UNCHANGED ones first, and `warn` says so; the counts cover every flow
 * and namespace file.
 */
export function writeOutputs(
  setOutput: SetOutput,
  changes: readonly FlowChange[],
  {
    planId = '',
    warn = () => {},
    files = []
  }: { planId?: string; warn?: (message: string) => void; files?: readonly FileChange[] } = {}
): void {
  const counts = countAllByState({ changes, files })
  const { json, leftOut } = changesJson(toChangeRows(changes, files))
  setOutput(Output.Changes, json)
  setOutput(Output.Added, String(counts.ADDED))
  setOutput(Output.Updated, String(counts.UPDATED))
  setOutput(Output.Unchanged, String(counts.UNCHANGED))
  setOutput(Output.Deleted, String(counts.DELETED))
  setOutput(Output.HasChanges, String(counts.ADDED + counts.UPDATED + counts.DELETED > 0))
  setOutput(Output.PlanId, planId)
  if (leftOut) {
    warn(
      `The '${Output.Changes}' output leaves out ${leftOut} to stay within GitHub's limit on outputs (${MAX_CHANGES_LENGTH.toLocaleString('en')} characters kept). The counts cover every flow, and the job log lists them all.`
    )
  }
}

function changesJson(rows: readonly ChangeRow[]): { json: string; leftOut?: string } {
  const all = JSON.stringify(rows)
  if (all.length <= MAX_CHANGES_LENGTH) return { json: all }
  const changed = rows.filter(row => row.syncState !== 'UNCHANGED')
  const unchanged = `the ${rows.length - changed.length} UNCHANGED row(s)`
  const withoutUnchanged = JSON.stringify(changed)
  if (withoutUnchanged.length <= MAX_CHANGES_LENGTH) {
    return { json: withoutUnchanged, leftOut: unchanged }
  }
  const kept: string[] = []
  let length = 2 // the brackets
  for (const row of changed) {
    const text = JSON.stringify(row)
    if (length + text.length + 1 > MAX_CHANGES_LENGTH) break
    kept.push(text)
    length += text.length + 1
  }
  const cut = `the last ${changed.length - kept.length} change(s) of the list`
  return {
    json: `[${kept.join(',')}]`,
    leftOut: changed.length < rows.length ? `${unchanged} and ${cut}` : cut
  }
}
