import { errorMessage } from '../errors.js'
import { KestraApiError } from '../kestra/api-error.js'
import type { KestraClient, SavedFlow } from '../kestra/kestra-client.js'
import type { FlowChange } from '../plan/changeset.js'
import { mapConcurrent } from '../util/map-concurrent.js'

export interface FailedChange {
  change: FlowChange
  message: string
}

export interface ApplyResult {
  /** Every change with its revision as the server answered it (or as planned when not written). */
  changes: FlowChange[]
  /** Changes the server took. */
  written: FlowChange[]
  failed: FailedChange[]
  /** Changes not tried because an earlier write failed. */
  notAttempted: FlowChange[]
}

/**
 * Creates and updates first, then deletes, and deletes only when every write succeeded. After a
 * failure no new write starts (those in flight finish), so the report says exactly what landed.
 */
export async function applyChangeset(
  client: KestraClient,
  changes: readonly FlowChange[],
  concurrency: number
): Promise<ApplyResult> {
  const result: ApplyResult = { changes: [...changes], written: [], failed: [], notAttempted: [] }
  const run = async (phase: readonly FlowChange[]): Promise<void> => {
    const outcomes = await mapConcurrent(
      phase,
      concurrency,
      async change => {
        try {
          return { change: await applyOne(client, change) }
        } catch (error) {
          const message = error instanceof KestraApiError ? error.message : errorMessage(error)
          result.failed.push({ change, message })
          return undefined
        }
      },
      () => result.failed.length > 0
    )
    phase.forEach((change, index) => {
      const outcome = outcomes[index]
      if (outcome) {
        result.written.push(outcome.change)
        result.changes[result.changes.indexOf(change)] = outcome.change
      } else if (!result.failed.some(failure => failure.change === change)) {
        result.notAttempted.push(change)
      }
    })
  }
  await run(
    changes.filter(change => change.syncState === 'ADDED' || change.syncState === 'UPDATED')
  )
  const deletions = changes.filter(change => change.syncState === 'DELETED')
  if (result.failed.length > 0) result.notAttempted.push(...deletions)
  else await run(deletions)
  return result
}

async function applyOne(client: KestraClient, change: FlowChange): Promise<FlowChange> {
  switch (change.syncState) {
    case 'ADDED':
      return withRevision(change, await client.createFlow(change.source as string))
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
