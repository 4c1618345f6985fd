import { describe, expect, it } from '@jest/globals'
import { validateChanges } from '../../src/apply/validate-changes.js'
import type { KestraClient } from '../../src/kestra/kestra-client.js'
import type { FlowValidation } from '../../src/kestra/validate-flows.js'
import type { FlowChange, SyncState } from '../../src/plan/changeset.js'

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

/** A client whose validation answers the given constraints per source, in order. */
function clientAnswering(constraints: Array<string | undefined>): KestraClient {
  const verdicts: FlowValidation[] = constraints.map(text => ({
    ...(text ? { constraints: text } : {}),
    warnings: [],
    deprecationPaths: [],
    infos: [],
    checked: true
  }))
  return {
    server: { reservedFlowIds: true },
    validateFlows: async () => verdicts
  } as unknown as KestraClient
}

describe('validateChanges', () => {
  it('validates only what would be written, and keeps the server message', async () => {
    const changes = [change('same', 'UNCHANGED'), change('bad', 'ADDED'), change('ok', 'UPDATED')]
    const report = await validateChanges(
      clientAnswering(['tasks: must not be empty', undefined]),
      changes
    )
    expect(report.invalid).toEqual([{ change: changes[1], message: 'tasks: must not be empty' }])
    expect(report.notices).toEqual([])
  })

  it('accepts a flow whose only fault is calling a subflow that this sync creates', async () => {
    const changes = [change('child', 'ADDED'), change('parent', 'UPDATED')]
    const report = await validateChanges(
      clientAnswering([
        undefined,
        "flow.tasks: The subflow 'child' not found in namespace 'acme'."
      ]),
      changes
    )
    expect(report.invalid).toEqual([])
    expect(report.notices).toEqual([])
    expect(report.subflowsCreatedFirst).toEqual([
      { change: changes[1], message: 'calls acme.child, which this sync creates first' }
    ])
  })

  it('still refuses a subflow that nothing creates, or another fault beside it', async () => {
    const changes = [change('child', 'ADDED'), change('parent', 'ADDED'), change('other', 'ADDED')]
    const report = await validateChanges(
      clientAnswering([
        undefined,
        "flow.tasks: The subflow 'ghost' not found in namespace 'acme'.",
        "flow.tasks: The subflow 'child' not found in namespace 'acme'., flow.tasks[1].id: must not be null"
      ]),
      changes
    )
    expect(report.invalid.map(invalid => invalid.change.id)).toEqual(['parent', 'other'])
  })
})
