import { flowName } from '../flow/flow-key.js'
import { countByState, tookEffect, type AnyChange, type SyncState } from '../plan/changeset.js'
import type { SyncReport } from './sync-report.js'

/** Beyond this many, refused flows are counted rather than named. */
const MAX_REFUSED_NAMED = 10

/**
 * The headline of every report of a sync (summary, comment, log), in two parts: the plan's counts,
 * then what was done and why the rest was not. It never says that the server matches the folder
 * when something was planned and not written.
 */
export function describeOutcome(result: SyncReport): { counts: string; outcome: string } {
  const { changes, files } = result.changeset
  const planned = countByState(changes, () => true)
  const plannedFiles = files && countByState(files, () => true)
  const fileCounts = plannedFiles
    ? `; namespace files +${plannedFiles.ADDED} ~${plannedFiles.UPDATED} -${plannedFiles.DELETED}, ${plannedFiles.UNCHANGED} unchanged`
    : ''
  return {
    counts: `Plan: +${planned.ADDED} ~${planned.UPDATED} -${planned.DELETED}, ${planned.UNCHANGED} unchanged${fileCounts}`,
    outcome: result.dryRun ? dryRunOutcome(result, planned, plannedFiles) : applyOutcome(result)
  }
}

const TO_DO = ['to add', 'to update', 'to delete'] as const
const DONE = ['added', 'updated', 'deleted'] as const

/** The namespace files' part of a sentence on the flows, when files are synced. */
function filesClause(
  counts: Record<SyncState, number> | undefined,
  [added, updated, deleted]: readonly [string, string, string]
): string {
  if (!counts) return ''
  return `; ${counts.ADDED} namespace file(s) ${added}, ${counts.UPDATED} ${updated}, ${counts.DELETED} ${deleted}`
}

function dryRunOutcome(
  result: SyncReport,
  planned: Record<SyncState, number>,
  plannedFiles: Record<SyncState, number> | undefined
): string {
  const why = reasons(result)
  if (changed(planned) + changed(plannedFiles) === 0 && why.length === 0) {
    return 'Dry run: nothing to change, the server matches the folder.'
  }
  const plan = `Dry run, nothing was written: ${planned.ADDED} flow(s) to add, ${planned.UPDATED} to update, ${planned.DELETED} to delete${filesClause(plannedFiles, TO_DO)}.`
  if (why.length === 0) return `${plan} Revisions are the ones the sync would create.`
  return `${plan} An apply would ${result.failure ? 'write nothing' : 'leave some out'}, because ${why.join(', and ')}.`
}

function applyOutcome(result: SyncReport): string {
  const { changes, files } = result.changeset
  const isChange = (change: AnyChange): boolean => change.syncState !== 'UNCHANGED'
  const done = countByState(changes, change => isChange(change) && tookEffect(change))
  const notDone = countByState(changes, change => isChange(change) && !tookEffect(change))
  const filesDone = files && countByState(files, file => isChange(file) && tookEffect(file))
  const filesNotDone = files && countByState(files, file => isChange(file) && !tookEffect(file))
  const anyDone = changed(done) + changed(filesDone)
  const anyNotDone = changed(notDone) + changed(filesNotDone)
  const why = reasons(result)
  if (anyNotDone === 0 && why.length === 0) {
    return anyDone === 0
      ? 'Nothing changed: the server matches the folder.'
      : `${done.ADDED} flow(s) added, ${done.UPDATED} updated, ${done.DELETED} deleted${filesClause(filesDone, DONE)}.`
  }
  const because = why.length > 0 ? `, because ${why.join(', and ')}` : ''
  if (anyDone === 0 && anyNotDone === 0) {
    return `Nothing to change now, and nothing was written${because}.`
  }
  const first =
    anyDone === 0
      ? 'Nothing was written'
      : `Done: ${done.ADDED} added, ${done.UPDATED} updated, ${done.DELETED} deleted${filesClause(filesDone, DONE)}`
  return `${first}; not done: ${notDone.ADDED} to add, ${notDone.UPDATED} to update, ${notDone.DELETED} to delete${filesClause(filesNotDone, TO_DO)}${because}.`
}

/**
 * Why planned changes are not (all) done: the failure's own reason, then the flows the server
 * refuses, which the changeset names.
 */
function reasons(result: SyncReport): string[] {
  const refused = result.changeset.changes.filter(change => change.applyOutcome === 'invalid')
  const named = refused.slice(0, MAX_REFUSED_NAMED).map(flowName)
  const more = refused.length - named.length
  return [
    ...(result.failure?.reason ? [result.failure.reason] : []),
    ...(refused.length > 0
      ? [
          `the server refuses ${refused.length} flow(s): ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}${result.invalidSkipped.length > 0 ? " (skipped: 'ignore-invalid-flows')" : ''}`
        ]
      : [])
  ]
}

function changed(counts: Record<SyncState, number> | undefined): number {
  if (!counts) return 0
  return counts.ADDED + counts.UPDATED + counts.DELETED
}
