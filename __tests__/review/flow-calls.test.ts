import { describe, expect, it } from '@jest/globals'
import { callsOf } from '../../src/review/flow-calls.js'
import { loadFlowDocument } from '../../src/review/flow-document.js'

const calls = (source: string): string[] =>
  callsOf(loadFlowDocument(source) ?? {}).map(
    call => `${call.kind} ${call.via} -> ${call.namespace ?? '?'}.${call.flowId ?? '?'}`
  )

describe('callsOf', () => {
  it('finds Subflow tasks by their old names too, nested in Dag items, If branches and Switch cases', () => {
    expect(
      calls(`id: f
namespace: a
tasks:
  - id: dag
    type: io.kestra.plugin.core.flow.Dag
    tasks:
      - task:
          id: old
          type: io.kestra.core.tasks.flows.Flow
          namespace: a
          flowId: one
  - id: choose
    type: io.kestra.plugin.core.flow.Switch
    value: x
    cases:
      x:
        - id: in_case
          type: io.kestra.core.tasks.flows.Subflow
          namespace: a
          flowId: two
errors:
  - id: if
    type: io.kestra.plugin.core.flow.If
    condition: "{{ true }}"
    else:
      - id: items
        type: io.kestra.plugin.core.flow.ForEachItem
        items: "{{ x }}"
        namespace: b
        flowId: three
`)
    ).toEqual([
      'Subflow task old -> a.one',
      'Subflow task in_case -> a.two',
      'ForEachItem task items -> b.three'
    ])
  })

  it('reads Flow triggers: conditions nested in Or, preconditions, and 2.0 dependsOn; not plugin defaults', () => {
    expect(
      calls(`id: f
namespace: a
pluginDefaults:
  - type: io.kestra.plugin.core.flow.Subflow
    values:
      namespace: a
      flowId: never
triggers:
  - id: old_style
    type: io.kestra.core.models.triggers.types.Flow
    conditions:
      - type: io.kestra.plugin.core.condition.Or
        conditions:
          - type: io.kestra.core.models.conditions.types.ExecutionFlowCondition
            namespace: a
            flowId: up
  - id: new_style
    type: io.kestra.plugin.core.trigger.Flow
    preconditions:
      id: p
      flows:
        - namespace: a
          flowId: up2
        - namespace: whole.namespace
    dependsOn:
      - namespace: a
        flowId: up3
  - id: not_flow
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "@daily"
`)
    ).toEqual([
      'Flow trigger old_style -> a.up',
      'Flow trigger new_style -> a.up2',
      'Flow trigger new_style -> a.up3'
    ])
  })
})
