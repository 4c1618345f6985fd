import { errorMessage } from '../errors.js'
import type { KestraClient, SavedFlow } from '../kestra/kestra-client.js'
import {
  isPendingWrite,
  type AnyChange,
  type Changeset,
  type FileChange,
  type FlowChange
} from '../plan/changeset.js'
import { mapConcurrent } from '../util/map-concurrent.js'
import { fileWriteSteps } from './file-write-order.js'

/** One write of the apply: the change, and how it is carried out. */
interface Task {
  change: AnyChange
  write(): Promise<AnyChange>
}

/**
 * Carries out the changeset: namespace files written first (a flow may run at once and read
 * them; see fileWriteSteps for their order), then flows created, then flows updated, then the deletions of flows and files alike;
 * each phase only when the one before succeeded in full. UNCHANGED items are not touched. Creates
 * come before updates so an updated flow can call a new subflow (0.x servers check subflows on
 * update). After a failure no new write starts (those in flight finish), and every change says
 * what became of it.
 */
export async function applyChangeset(
  client: KestraClient,
  changeset: Pick<Changeset, 'changes' | 'files'>,
  concurrency: number
): Promise<Pick<Changeset, 'changes' | 'files'>> {
  const files = changeset.files ?? []
  // A change that already has an outcome (an invalid flow) is not for writing.
  const flowTasks = (state: FlowChange['syncState']): Task[] =>
    changeset.changes
      .filter(change => change.syncState === state && isPendingWrite(change))
      .map(change => ({ change, write: () => applyOne(client, change) }))
  const fileTasks = (chosen: readonly FileChange[]): Task[] =>
    chosen.map(file => ({ change: file, write: () => applyFile(client, file) }))
  const pendingFiles = (states: ReadonlyArray<FileChange['syncState']>): FileChange[] =>
    files.filter(file => states.includes(file.syncState) && isPendingWrite(file))
  const [opening, others] = fileWriteSteps(files, pendingFiles(['ADDED', 'UPDATED']))
  const phases: Array<{ tasks: Task[]; concurrency: number }> = [
    { tasks: fileTasks(opening), concurrency: 1 },
    { tasks: fileTasks(others), concurrency },
    { tasks: flowTasks('ADDED'), concurrency },
    { tasks: flowTasks('UPDATED'), concurrency },
    {
      tasks: [...flowTasks('DELETED'), ...fileTasks(pendingFiles(['DELETED']))],
      concurrency
    }
  ]
  const applied = new Map<AnyChange, AnyChange>()
  let failed = false
  for (const { tasks, concurrency: inFlight } of phases) {
    if (failed) {
      for (const { change } of tasks) applied.set(change, notAttempted(change))
      continue
    }
    const outcomes = await mapConcurrent(
      tasks,
      inFlight,
      async ({ change, write }) => {
        try {
          return { ...(await write()), applyOutcome: 'applied' as const }
        } catch (error) {
          failed = true
          return { ...change, applyOutcome: 'failed' as const, error: errorMessage(error) }
        }
      },
      () => failed
    )
    tasks.forEach(({ change }, position) =>
      applied.set(change, outcomes[position] ?? notAttempted(change))
    )
  }
  const outcome = <Change extends AnyChange>(change: Change): Change =>
    (applied.get(change) as Change | undefined) ?? change
  return {
    changes: changeset.changes.map(outcome),
    ...(changeset.files ? { files: changeset.files.map(outcome) } : {})
  }
}

async function applyFile(client: KestraClient, file: FileChange): Promise<FileChange> {
  if (file.syncState === 'DELETED') {
    await client.deleteNamespaceFile(file.namespace, file.kestraPath)
  } else {
    await client.writeNamespaceFile(file.namespace, file.kestraPath, file.content as Uint8Array)
  }
  return file
}

function notAttempted<Change extends AnyChange>(change: Change): Change {
  return { ...change, applyOutcome: 'not-attempted' }
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
