import { compareStrings } from '../util/compare.js'

/** A flow is identified by (namespace, id), as in Kestra and SyncFlows. */
export interface FlowKey {
  namespace: string
  id: string
}

/** One string per flow identity, for maps and sets. */
export function flowKeyString(key: FlowKey): string {
  return `${key.namespace}/${key.id}`
}

/** The name users know a flow by, as Kestra's UI writes it: `namespace.id`. */
export function flowName(key: FlowKey): string {
  return `${key.namespace}.${key.id}`
}

/** By namespace, then id: `prod.a` after `prod` whatever the ids. */
export function compareFlowKeys(a: FlowKey, b: FlowKey): number {
  return compareStrings(a.namespace, b.namespace) || compareStrings(a.id, b.id)
}
