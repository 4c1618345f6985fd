import { describe, expect, it } from '@jest/globals'
import type { FlowChange, SyncState } from '../../src/plan/changeset.js'
import { MAX_CHANGES_LENGTH, writeOutputs } from '../../src/report/outputs.js'

const change = (index: number, syncState: SyncState): FlowChange => ({
  namespace: 'company.team.with.a.rather.long.namespace',
  id: `flow-with-a-long-name-${index}`,
  syncState,
  gitPath: syncState === 'DELETED' ? null : `_flows/team/with/a/deep/folder/flow-${index}.yml`,
  idLine: 1,
  source: null,
  serverSource: null,
  previousRevision: syncState === 'ADDED' ? null : 1,
  revision: syncState === 'UNCHANGED' ? 1 : 2
})

function write(changes: FlowChange[]): { outputs: Record<string, string>; warnings: string[] } {
  const outputs: Record<string, string> = {}
  const warnings: string[] = []
  writeOutputs((name, value) => (outputs[name] = value), changes, {
    warn: message => warnings.push(message)
  })
  return { outputs, warnings }
}

const rowsOf = (outputs: Record<string, string>): Array<{ flowId: string; syncState: string }> =>
  JSON.parse(outputs.changes ?? '') as Array<{ flowId: string; syncState: string }>

describe('writeOutputs: the changes output within GitHub limits', () => {
  it('lists every flow, without a warning, when the list is short enough', () => {
    const { outputs, warnings } = write([change(1, 'UNCHANGED'), change(2, 'ADDED')])
    expect(rowsOf(outputs)).toHaveLength(2)
    expect(warnings).toEqual([])
  })

  it('leaves UNCHANGED flows out first, and says so', () => {
    const changes = [
      ...Array.from({ length: 5000 }, (_, i) => change(i, 'UNCHANGED')),
      ...Array.from({ length: 20 }, (_, i) => change(10000 + i, 'UPDATED'))
    ]
    const { outputs, warnings } = write(changes)
    expect(outputs.changes?.length).toBeLessThanOrEqual(MAX_CHANGES_LENGTH)
    expect(rowsOf(outputs).map(row => row.syncState)).toEqual(Array(20).fill('UPDATED'))
    expect(outputs).toMatchObject({ unchanged: '5000', updated: '20' })
    expect(warnings).toEqual([
      expect.stringContaining("The 'changes' output leaves out the 5000 UNCHANGED row(s)")
    ])
  })

  it('then cuts the end of the list, keeping its order', () => {
    const changes = [
      ...Array.from({ length: 100 }, (_, i) => change(i, 'UNCHANGED')),
      ...Array.from({ length: 5000 }, (_, i) => change(i, 'ADDED'))
    ]
    const { outputs, warnings } = write(changes)
    const rows = rowsOf(outputs)
    expect(outputs.changes?.length).toBeLessThanOrEqual(MAX_CHANGES_LENGTH)
    expect(rows.length).toBeGreaterThan(1000)
    expect(rows.map(row => row.flowId)).toEqual(
      changes.slice(100, 100 + rows.length).map(flow => flow.id)
    )
    expect(outputs.added).toBe('5000')
    expect(warnings).toEqual([
      expect.stringContaining(
        `leaves out the 100 UNCHANGED row(s) and the last ${5000 - rows.length} change(s) of the list`
      )
    ])
  })
})
