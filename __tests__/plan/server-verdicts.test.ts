import { describe, expect, it } from '@jest/globals'
import type { FlowValidation } from '../../src/flow/server-flow.js'
import type { FlowChange, SyncState } from '../../src/plan/changeset.js'
import { flowsToValidate, judgeChanges } from '../../src/plan/server-verdicts.js'

const change = (id: string, syncState: SyncState, namespace = 'acme'): FlowChange => ({
  namespace,
  id,
  syncState,
  gitPath: `_flows/${id}.yml`,
  idLine: 1,
  source: `id: ${id}`,
  serverSource: null,
  previousRevision: null,
  revision: 1
})

/** What a server of 1.0 or later answers for the flows to validate: these constraints, in order. */
function judgedBy(
  changes: FlowChange[],
  constraints: Array<string | undefined>
): ReturnType<typeof judgeChanges> {
  const verdicts: FlowValidation[] = constraints.map(text => ({
    ...(text ? { constraints: text } : {}),
    warnings: [],
    deprecationPaths: [],
    infos: [],
    checked: true
  }))
  return judgeChanges(changes, verdicts, true)
}

describe('judgeChanges', () => {
  it('validates only what would be written, and keeps the server message', () => {
    const changes = [change('same', 'UNCHANGED'), change('bad', 'ADDED'), change('ok', 'UPDATED')]
    expect(flowsToValidate(changes, true)).toEqual([changes[1], changes[2]])
    const report = judgedBy(changes, ['tasks: must not be empty', undefined])
    expect(report.invalid).toEqual([{ change: changes[1], message: 'tasks: must not be empty' }])
    expect(report.notices).toEqual([])
  })

  it('accepts a flow whose only fault is calling a subflow that this sync creates', () => {
    const changes = [change('child', 'ADDED'), change('parent', 'UPDATED')]
    const report = judgedBy(changes, [
      undefined,
      "flow.tasks: The subflow 'child' not found in namespace 'acme'."
    ])
    expect(report.invalid).toEqual([])
    expect(report.notices).toEqual([])
    expect(report.subflowsCreatedFirst).toEqual([
      { change: changes[1], message: 'calls acme.child, which this sync creates first' }
    ])
  })

  it('still refuses a subflow that nothing creates, or another fault beside it', () => {
    const changes = [change('child', 'ADDED'), change('parent', 'ADDED'), change('other', 'ADDED')]
    const report = judgedBy(changes, [
      undefined,
      "flow.tasks: The subflow 'ghost' not found in namespace 'acme'.",
      "flow.tasks: The subflow 'child' not found in namespace 'acme'., flow.tasks[1].id: must not be null"
    ])
    expect(report.invalid.map(invalid => invalid.change.id)).toEqual(['parent', 'other'])
  })
})
