import { isMapping, mappingsOf, textOf, type YamlMapping } from './flow-document.js'

/** Tasks that run another flow, current names and their aliases from before 0.17 and 0.14. */
const CALLING_TASKS: Record<string, string> = {
  'io.kestra.plugin.core.flow.Subflow': 'Subflow task',
  'io.kestra.core.tasks.flows.Subflow': 'Subflow task',
  'io.kestra.core.tasks.flows.Flow': 'Subflow task',
  'io.kestra.plugin.core.flow.ForEachItem': 'ForEachItem task',
  'io.kestra.core.tasks.flows.ForEachItem': 'ForEachItem task'
}
/** Triggers that start a flow when another one ends. */
const FLOW_TRIGGERS = new Set([
  'io.kestra.plugin.core.trigger.Flow',
  'io.kestra.core.models.triggers.types.Flow'
])
/** Conditions (of a Flow trigger, perhaps nested in Or, Not, MultipleCondition) naming a flow. */
const FLOW_CONDITIONS = new Set([
  'io.kestra.plugin.core.condition.ExecutionFlow',
  'io.kestra.plugin.core.condition.ExecutionFlowCondition',
  'io.kestra.core.models.conditions.types.ExecutionFlowCondition',
  'io.kestra.plugin.core.condition.FlowCondition',
  'io.kestra.core.models.conditions.types.FlowCondition'
])
/** Plugin defaults may name a flow for every Subflow task: a default, not a call. */
const DEFAULTS_KEYS = new Set(['pluginDefaults', 'taskDefaults'])

/** One place where a flow names another flow it runs or waits for. */
export interface FlowCall {
  /** `Subflow task`, `ForEachItem task`, `Flow trigger`. */
  kind: string
  /** The id of the task or trigger that calls. */
  via: string
  /** As written: it may be a template (`{{ … }}`) or missing. */
  namespace: string | undefined
  flowId: string | undefined
}

/**
 * The calls of a flow: Subflow and ForEachItem tasks wherever they are nested, and the upstream
 * flows its Flow triggers name in their conditions, preconditions (0.20+) or `dependsOn` (2.0).
 */
export function callsOf(flow: YamlMapping): FlowCall[] {
  const calls: FlowCall[] = []
  visitMappings(flow, mapping => {
    const kind = CALLING_TASKS[textOf(mapping.type) ?? '']
    if (kind) calls.push(callFrom(kind, textOf(mapping.id), mapping.namespace, mapping.flowId))
  })
  for (const trigger of mappingsOf(flow.triggers)) {
    if (!FLOW_TRIGGERS.has(textOf(trigger.type) ?? '')) continue
    const via = textOf(trigger.id)
    visitMappings(trigger.conditions, condition => {
      if (FLOW_CONDITIONS.has(textOf(condition.type) ?? '')) {
        calls.push(callFrom('Flow trigger', via, condition.namespace, condition.flowId))
      }
    })
    const upstream = [
      ...(isMapping(trigger.preconditions) ? mappingsOf(trigger.preconditions.flows) : []),
      ...mappingsOf(trigger.dependsOn)
    ]
    // An entry without a flowId waits for any flow of its namespace: it names none.
    for (const entry of upstream) {
      if (entry.flowId !== undefined) {
        calls.push(callFrom('Flow trigger', via, entry.namespace, entry.flowId))
      }
    }
  }
  return calls
}

function callFrom(
  kind: string,
  via: string | undefined,
  namespace: unknown,
  flowId: unknown
): FlowCall {
  return { kind, via: via ?? '(no id)', namespace: textOf(namespace), flowId: textOf(flowId) }
}

function visitMappings(value: unknown, visit: (mapping: YamlMapping) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visitMappings(item, visit)
    return
  }
  if (!isMapping(value)) return
  visit(value)
  for (const [key, child] of Object.entries(value)) {
    if (!DEFAULTS_KEYS.has(key)) visitMappings(child, visit)
  }
}

/** A namespace or flow id that Kestra renders at run time: no one can tell statically. */
export function isTemplate(text: string | undefined): boolean {
  return text === undefined || text.includes('{{') || text.includes('{%')
}
