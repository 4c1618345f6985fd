import type { FlowKey } from './flow-key.js'
import { parseFlowSource } from './flow-source.js'

/** A flow's text as read back from the server, and the flow it declares, if it declares one. */
export interface IdentifiedText {
  /** The text, or an equal one already held: thousands of equal texts then take no memory twice. */
  source: string
  /** Undefined when the text has no top-level `namespace`. */
  key: FlowKey | undefined
}

/** Tells which flow a text declares; throws a FlowSourceError when it cannot be read. */
export type IdentifyFlowText = (text: string) => IdentifiedText

/** Identifies a text by parsing it. */
export const identifyByParsing: IdentifyFlowText = text => {
  const parsed = parseFlowSource(text)
  return {
    source: text,
    key: parsed.namespace ? { namespace: parsed.namespace, id: parsed.id } : undefined
  }
}

/**
 * Identifies texts by the run's local flows first: the server's export gives each unchanged flow
 * back as the very text the sync compares it with, which then needs no second parse. Made for one
 * run from its flows, and holding nothing else, it keeps nothing between runs.
 */
export function identifyByLocalFlows(
  flows: ReadonlyArray<FlowKey & { source: string }>
): IdentifyFlowText {
  const known = new Map(flows.map(flow => [flow.source, flow]))
  return text => {
    const flow = known.get(text)
    if (!flow) return identifyByParsing(text)
    return { source: flow.source, key: { namespace: flow.namespace, id: flow.id } }
  }
}
