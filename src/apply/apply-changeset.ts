import { errorMessage } from '../errors.js'
import type { KestraClient, SavedFlow } from '../kestra/kestra-client.js'
import { isPendingWrite, type FlowChange, type SyncState } from '../plan/changeset.js'
import { mapConcurrent } from '../util/map-concurrent.js'

/**
 * Carries out the changeset: creates, then updates, then deletions, each phase only when the one
 * before succeeded in full. UNCHANGED flows are not touched. Creates come first so an updated flow can call a new subflow (0.x
 * servers check subflows on update). After a failure no new write starts (those in flight finish),
 * and every change says what became of it.
 */
export async function applyChangeset(
  client: KestraClient,
  changes: readonly FlowChange[],
  concurrency: number
): Promise<FlowChange[]> {
  const applied = new Map<FlowChange, FlowChange>()
  let failed = false
  for (const phase of ['ADDED', 'UPDATED', 'DELETED'] satisfies SyncState[]) {
    // A change that already has an outcome (an invalid flow) is not for writing.
    const batch = changes.filter(change => change.syncState === phase && isPendingWrite(change))
    if (failed) {
      for (const change of batch) applied.set(change, { ...change, applyOutcome: 'not-attempted' })
      continue
    }
    const outcomes = await mapConcurrent(
      batch,
      concurrency,
      async change => {
        try {
          return { ...(await applyOne(client, change)), applyOutcome: 'applied' as const }
        } catch (error) {
          failed = true
          return { ...change, applyOutcome: 'failed' as const, error: errorMessage(error) }
        }
      },
      () => failed
    )
    batch.forEach((change, index) =>
      applied.set(change, outcomes[index] ?? { ...change, applyOutcome: 'not-attempted' })
    )
  }
  return changes.map(change => applied.get(change) ?? change)
}

async function applyOne(client: KestraClient, change: FlowChange): Promise<FlowChange> {
  switch (change.syncState) {
    case 'ADDED':
      return withRevision(change, await client.createFlow(change, change.source as string))
    case 'UPDATED':
      return withRevision(change, await client.updateFlow(change, change.source as string))
    case 'DELETED':
      await client.deleteFlow(change)
      return change
    case 'UNCHANGED':
      return change
  }
}

function withRevision(change: FlowChange, saved: SavedFlow): FlowChange {
  return { ...change, revision: saved.revision ?? change.revision }
}
