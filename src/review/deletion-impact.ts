import { compareFlowKeys, flowKeyString, type FlowKey } from '../flow/flow-key.js'
import type { LocalFlow } from '../flow/local-flow.js'
import type { ServerFlow } from '../flow/server-flow.js'
import type { FlowChange } from '../plan/changeset.js'
import { callsOf, isTemplate, type FlowCall } from './flow-calls.js'
import { loadFlowDocument, mappingsOf } from './flow-document.js'
import { triggerWords } from './flow-digest.js'
import { name, type Phrase } from './phrase.js'

/** A flow that the sync leaves in place and that calls a deleted one. */
export interface CallingFlow extends FlowKey {
  /** The file in the folder; undefined for a flow only on the server. */
  gitPath: string | undefined
  calls: FlowCall[]
}

/** What deleting one flow breaks and stops. */
export interface DeletionImpact {
  deleted: FlowChange
  /** Flows that call it by its namespace and id: they fail at their next run. */
  callers: CallingFlow[]
  /** Flows whose calls name it perhaps, through a template: no one can tell before they run. */
  unresolved: CallingFlow[]
  /** Its triggers, which stop with it: a Schedule's cron in words. */
  stops: Phrase[]
  /** A flow of the same id that the plan adds elsewhere: the file was moved, its callers not. */
  movedTo: FlowKey | undefined
}

/**
 * Pure: for each flow the plan deletes, the flows that still call it once the sync is done (those
 * of the folder, and those only on the server that the plan keeps), and what stops with it.
 */
export function deletionImpacts(
  changes: readonly FlowChange[],
  { local, server }: { local: readonly LocalFlow[]; server: readonly ServerFlow[] }
): DeletionImpact[] {
  const deletions = changes.filter(change => change.syncState === 'DELETED')
  if (deletions.length === 0) return []
  const deleted = new Set(deletions.map(flowKeyString))
  const inFolder = new Set(local.map(flowKeyString))
  const remaining = [
    ...local.map(flow => ({
      key: flow,
      gitPath: flow.gitPath as string | undefined,
      source: flow.source
    })),
    ...server
      .filter(flow => !inFolder.has(flowKeyString(flow)) && !deleted.has(flowKeyString(flow)))
      .map(flow => ({ key: flow, gitPath: undefined, source: flow.source }))
  ]
  // Every call names its flow under a `flowId` key (tasks, conditions, preconditions): a flow
  // whose text has none calls nothing, and is not parsed.
  const calling = remaining.flatMap(flow => {
    if (!flow.source.includes('flowId')) return []
    const document = loadFlowDocument(flow.source)
    const calls = document ? callsOf(document) : []
    return calls.length > 0 ? [{ ...flow, calls }] : []
  })
  return deletions.map(change => {
    const callers: CallingFlow[] = []
    const unresolved: CallingFlow[] = []
    for (const flow of calling) {
      const sure = flow.calls.filter(call => callsExactly(call, change))
      const maybe = flow.calls.filter(call => mayCall(call, change))
      const caller = { namespace: flow.key.namespace, id: flow.key.id, gitPath: flow.gitPath }
      if (sure.length > 0) callers.push({ ...caller, calls: sure })
      if (maybe.length > 0) unresolved.push({ ...caller, calls: maybe })
    }
    const moved = changes.find(other => other.syncState === 'ADDED' && other.id === change.id)
    return {
      deleted: change,
      callers: callers.sort(compareFlowKeys),
      unresolved: unresolved.sort(compareFlowKeys),
      stops: stoppedTriggers(change.serverSource),
      movedTo: moved ? { namespace: moved.namespace, id: moved.id } : undefined
    }
  })
}

function callsExactly(call: FlowCall, flow: FlowKey): boolean {
  return call.namespace === flow.namespace && call.flowId === flow.id && !isTemplate(call.namespace)
}

/** A call with a template where the rest does not rule the flow out. */
function mayCall(call: FlowCall, flow: FlowKey): boolean {
  const namespaceOpen = isTemplate(call.namespace)
  const idOpen = isTemplate(call.flowId)
  return (
    (namespaceOpen || idOpen) &&
    (namespaceOpen || call.namespace === flow.namespace) &&
    (idOpen || call.flowId === flow.id)
  )
}

function stoppedTriggers(source: string | null): Phrase[] {
  const document = source === null ? undefined : loadFlowDocument(source)
  if (!document || document.disabled === true) return []
  return mappingsOf(document.triggers).map(trigger => [
    'trigger ',
    name(String(trigger.id ?? '(no id)')),
    ': ',
    ...triggerWords(trigger)
  ])
}
