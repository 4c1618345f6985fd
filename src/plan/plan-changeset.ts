import { compareFlowKeys, flowKeyString, type FlowKey } from '../flow/flow-key.js'
import { isInScope } from '../flow/namespace-scope.js'
import { sameFlowSource } from '../flow/normalize-source.js'
import type { ServerFlow } from '../flow/server-flow.js'
import type { LocalFlow, UnreadFlow } from '../flow/local-flow.js'
import { compareStrings } from '../util/compare.js'
import type { Changeset, FlowChange, KeptFlow } from './changeset.js'

export interface PlanInput {
  local: readonly LocalFlow[]
  server: readonly ServerFlow[]
  /** Delete the flows that are only on the server. */
  delete: boolean
  /** Namespaces (with their children) where nothing is ever deleted. */
  protectedNamespaces: readonly string[]
  /** Flows that exist in Git but are invalid there: never deleted because of it. */
  invalidInGit: readonly FlowKey[]
  /** An invalid file whose flow could not be identified: no deletion is safe then. */
  unidentifiedInvalidFiles: boolean
  /** Flows defined by files the sync does not read: deleted as absent, saying which file. */
  unreadInGit?: readonly UnreadFlow[]
}

/**
 * Pure: the changeset that makes the server match the local flows. A flow is UNCHANGED when the
 * sources are the same flow (see `sameFlowSource`), so it is never written again.
 */
export function planChangeset(input: PlanInput): Changeset {
  const serverByKey = new Map(input.server.map(flow => [flowKeyString(flow), flow]))
  const localKeys = new Set(input.local.map(flowKeyString))
  const invalidKeys = new Set(input.invalidInGit.map(flowKeyString))
  const unreadByKey = new Map<string, UnreadFlow>()
  for (const flow of input.unreadInGit ?? []) {
    if (!unreadByKey.has(flowKeyString(flow))) unreadByKey.set(flowKeyString(flow), flow)
  }

  const upserts = input.local.map((flow): FlowChange => {
    const onServer = serverByKey.get(flowKeyString(flow))
    const base = {
      namespace: flow.namespace,
      id: flow.id,
      gitPath: flow.gitPath,
      idLine: flow.idLine,
      ...(flow.namespaceLineAdded ? { namespaceLineAdded: true } : {}),
      source: flow.source
    }
    if (!onServer) {
      return {
        ...base,
        syncState: 'ADDED',
        serverSource: null,
        previousRevision: null,
        revision: 1
      }
    }
    // Identical texts, the usual case, are equal without building two normalised copies.
    const unchanged =
      onServer.source === flow.source ||
      sameFlowSource(onServer.source, flow.source, flow.namespace)
    return {
      ...base,
      syncState: unchanged ? 'UNCHANGED' : 'UPDATED',
      serverSource: onServer.source,
      previousRevision: onServer.revision,
      revision: unchanged ? onServer.revision : onServer.revision + 1
    }
  })

  const deletions: FlowChange[] = []
  const kept: KeptFlow[] = []
  for (const flow of input.server) {
    const key = flowKeyString(flow)
    if (localKeys.has(key)) continue
    const keep = (reason: KeptFlow['reason']): number =>
      kept.push({ namespace: flow.namespace, id: flow.id, revision: flow.revision, reason })
    if (!input.delete) keep('delete-disabled')
    else if (isProtected(flow.namespace, input.protectedNamespaces)) keep('protected-namespace')
    else if (invalidKeys.has(key)) keep('invalid-in-git')
    else if (input.unidentifiedInvalidFiles) keep('unreadable-file-in-git')
    else {
      const unread = unreadByKey.get(key)
      deletions.push({
        namespace: flow.namespace,
        id: flow.id,
        syncState: 'DELETED',
        gitPath: null,
        idLine: null,
        source: null,
        serverSource: flow.source,
        previousRevision: flow.revision,
        // Kestra deletes softly, by writing a revision marked deleted.
        revision: flow.revision + 1,
        ...(unread ? { unreadFile: { gitPath: unread.gitPath, reason: unread.reason } } : {})
      })
    }
  }

  const byKey = (a: FlowKey, b: FlowKey): number => compareFlowKeys(a, b)
  deletions.sort(byKey)
  kept.sort(byKey)
  upserts.sort((a, b) => compareStrings(a.gitPath as string, b.gitPath as string))
  return { changes: [...deletions, ...upserts], kept }
}

function isProtected(namespace: string, protectedNamespaces: readonly string[]): boolean {
  return protectedNamespaces.some(protectedNamespace =>
    isInScope(namespace, { namespace: protectedNamespace, includeChildren: true })
  )
}
