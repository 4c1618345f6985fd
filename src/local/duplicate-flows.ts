import { flowKeyString } from '../flow/flow-key.js'
import { compareStrings } from '../util/compare.js'
import type { LocalFlow } from '../flow/local-flow.js'
import type { DuplicateFlow } from './local-flows.js'

/**
 * Splits flows into those with a (namespace, id) of their own and the groups of files that share
 * one. A shared key cannot be synced (which file would win?), so none of its files is kept.
 */
export function separateDuplicates(flows: readonly LocalFlow[]): {
  unique: LocalFlow[]
  duplicates: DuplicateFlow[]
} {
  const byKey = new Map<string, LocalFlow[]>()
  for (const flow of flows) {
    const key = flowKeyString(flow)
    const group = byKey.get(key)
    if (group) group.push(flow)
    else byKey.set(key, [flow])
  }
  const unique: LocalFlow[] = []
  const duplicates: DuplicateFlow[] = []
  for (const [first, ...others] of byKey.values()) {
    if (!first) continue
    if (others.length === 0) {
      unique.push(first)
      continue
    }
    const files = [first, ...others]
      .map(flow => ({ gitPath: flow.gitPath, line: flow.idLine }))
      .sort((a, b) => compareStrings(a.gitPath, b.gitPath))
    duplicates.push({ namespace: first.namespace, id: first.id, files })
  }
  duplicates.sort((a, b) => compareStrings(flowKeyString(a), flowKeyString(b)))
  return { unique, duplicates }
}
