import * as path from 'node:path'
import { applyChangeset } from './apply/apply-changeset.js'
import { describeProblems } from './errors.js'
import { flowProblem } from './flow/flow-problem.js'
import type { ClientOptions, KestraClient } from './kestra/kestra-client.js'
import type { ServerInfo } from './kestra/server-version.js'
import { CHECKOUT_QUESTION, checkLocalFlows } from './local/check-local-flows.js'
import type { LocalFlows } from './local/local-flows.js'
import { readLocalFlows } from './local/read-local-flows.js'
import {
  isPendingWrite,
  isWrite,
  notAttempted,
  type ApplyOutcome,
  type SyncFailure
} from './plan/changeset.js'
import { deletionNotes, driftFailure, notTheReviewedPlan, planRefusal } from './plan/plan-checks.js'
import { planChangeset } from './plan/plan-changeset.js'
import {
  planFingerprints,
  planIdOf,
  planSnapshot,
  type PlannedFlow,
  type ReviewedPlan
} from './plan/plan-id.js'
import { findDrift, overwrittenDuringSync } from './plan/server-drift.js'
import { flowsToValidate, judgeChanges, markInvalid, problemOf } from './plan/server-verdicts.js'
import type { Settings } from './settings.js'
import { flowName } from './flow/flow-key.js'
import type { SyncReport } from './report/sync-report.js'
import type { Log } from './util/log.js'

export interface SyncDependencies {
  connect(options: ClientOptions): Promise<KestraClient>
  log: Log
  /**
   * The flows of the reviewed plan with this id, when they can be found (in the pull request's
   * plan comment): asked only when the plan differs from 'expected-plan-id', to say what changed.
   */
  reviewedPlan?(planId: string): Promise<ReviewedPlan | undefined>
}

/** What the reports render, with the server as detected and the plan's flows for its comment. */
export interface SyncResult extends SyncReport {
  server: ServerInfo
  /** Every flow as the plan treats it; those to change are the input of `planId`. */
  snapshot: PlannedFlow[]
}

/**
 * settings -> local flows -> server flows -> changeset -> validate -> apply. Throws a UserFacingError
 * when it fails before there is a plan; after that, the result carries the failure.
 */
export async function sync(
  settings: Settings,
  { connect, log, reviewedPlan }: SyncDependencies
): Promise<SyncResult> {
  const local = await log.group('Reading local flows', () => readLocal(settings, log))

  const client = await connect({
    kestraUrl: settings.kestraUrl,
    credentials: settings.credentials,
    tenant: settings.tenant,
    timeoutMs: settings.timeoutMs,
    concurrency: settings.concurrency,
    onRetry: message => log.info(message)
  })
  const scope = {
    namespace: settings.targetNamespace,
    includeChildren: settings.includeChildNamespaces
  }
  try {
    const server = await log.group('Reading flows on the server', async () => {
      const found = await client.listFlows(scope)
      const where = client.server.tenantInPath ? `, tenant ${settings.tenant}` : ''
      log.info(
        `Kestra ${client.server.version} (${client.server.edition})${where}: ${found.length} flow(s) in ${describeScope(settings)}.`
      )
      return found
    })

    const plan = planChangeset({
      local: local.flows,
      server,
      delete: settings.delete,
      protectedNamespaces: settings.protectedNamespaces,
      invalidInGit: local.invalid.flatMap(problem => (problem.key ? [problem.key] : [])),
      unidentifiedInvalidFiles: local.invalid.some(problem => !problem.key),
      unreadInGit: local.unread
    })
    for (const note of deletionNotes(plan, settings.dryRun)) {
      if (note.level === 'warning') log.warning(note.message)
      else log.notice(note.message)
    }
    const validation = await log.group('Validating changed flows on the server', async () => {
      const reserved = client.server.reservedFlowIds
      const toValidate = flowsToValidate(plan.changes, reserved)
      const verdicts = await client.validateFlows(toValidate.map(change => change.source as string))
      const report = judgeChanges(plan.changes, verdicts, reserved)
      const writes = plan.changes.filter(isWrite).length
      log.info(
        writes > 0
          ? `${writes} flow(s) validated, ${report.invalid.length} invalid.`
          : 'Nothing to validate.'
      )
      return report
    })
    for (const { change, message } of validation.subflowsCreatedFirst) {
      log.info(`${flowName(change)} ${message}.`)
    }
    const notices = validation.notices.map(problemOf)
    for (const notice of notices) log.warning(notice.message, notice)

    const changeset = markInvalid(plan, validation.invalid)
    const snapshot = planSnapshot(changeset.changes)
    const planId = planIdOf(
      {
        serverUrl: settings.kestraUrl.href,
        tenant: client.server.tenantInPath ? settings.tenant : undefined,
        namespace: settings.targetNamespace,
        includeChildren: settings.includeChildNamespaces
      },
      planFingerprints(snapshot)
    )
    log.info(`Plan id: ${planId}`)
    const invalidProblems = validation.invalid.map(problemOf)
    const result: SyncResult = {
      server: client.server,
      dryRun: settings.dryRun,
      changeset,
      planId,
      snapshot,
      skippedFiles: local.skipped,
      invalidSkipped: settings.ignoreInvalidFlows ? [...local.invalid, ...invalidProblems] : [],
      notices
    }
    const refusal = planRefusal(changeset, {
      invalid: invalidProblems,
      ignoreInvalidFlows: settings.ignoreInvalidFlows,
      maxDeletions: settings.maxDeletions
    })
    if (refusal) return stoppedBeforeWriting(result, refusal)
    for (const problem of result.invalidSkipped) {
      log.warning(`Skipped invalid flow: ${problem.message}`, problem)
    }
    const expected = settings.expectedPlanId
    if (expected !== undefined && expected !== planId) {
      const reviewed = await reviewedPlan?.(expected)
      return stoppedBeforeWriting(
        result,
        notTheReviewedPlan({ expected, actual: planId, current: snapshot, reviewed })
      )
    }
    if (settings.dryRun || !changeset.changes.some(isPendingWrite)) return result
    return await log.group('Applying the changeset', async () => {
      const drift = findDrift(changeset.changes, await client.listRevisions(scope))
      if (drift.length > 0) {
        return stoppedBeforeWriting(result, driftFailure(drift))
      }
      return await apply(client, result, { log, concurrency: settings.concurrency })
    })
  } finally {
    client.close()
  }
}

/** A plan that nothing was written of: a dry run's changeset stays a plan, an apply's says so. */
function stoppedBeforeWriting(result: SyncResult, failure: SyncFailure): SyncResult {
  return {
    ...result,
    failure,
    changeset: result.dryRun ? result.changeset : notAttempted(result.changeset)
  }
}

/** Writes the changeset of `planned`; a failed write makes the result's failure. */
async function apply(
  client: KestraClient,
  planned: SyncResult,
  { log, concurrency }: { log: Log; concurrency: number }
): Promise<SyncResult> {
  const changes = await applyChangeset(client, planned.changeset.changes, concurrency)
  const count = (outcome: ApplyOutcome): number =>
    changes.filter(change => change.applyOutcome === outcome).length
  const attempted = count('applied') + count('failed') + count('not-attempted')
  log.info(`${count('applied')} of ${attempted} write(s) done, ${count('failed')} failed.`)
  const result = { ...planned, changeset: { ...planned.changeset, changes } }
  for (const change of overwrittenDuringSync(changes)) {
    log.warning(
      `${flowName(change)}: the server numbered this write revision ${change.revision}, not ${(change.previousRevision ?? 0) + 1}: someone changed the flow on the server during the sync, and this write replaced that change (it stays in the flow's revision history).`,
      flowProblem(change, 'changed on the server during the sync')
    )
  }
  if (count('failed') === 0) return result
  const problems = changes
    .filter(change => change.applyOutcome === 'failed')
    .map(change => flowProblem(change, change.error ?? 'failed'))
  const message = describeProblems(
    `The apply stopped: ${count('applied')} write(s) done, ${count('failed')} failed, ${count('not-attempted')} not attempted. A new run applies what is left.`,
    problems
  )
  const reason = `${count('failed')} write(s) failed${count('not-attempted') > 0 ? ` and ${count('not-attempted')} were not attempted` : ''}`
  return { ...result, failure: { message, problems, reason } }
}

async function readLocal(settings: Settings, log: Log): Promise<LocalFlows> {
  const directoryName =
    path.relative(settings.workspace, settings.gitDirectory).split(path.sep).join('/') || '.'
  const local = await readLocalFlows({
    workspace: settings.workspace,
    directory: settings.gitDirectory,
    targetNamespace: settings.targetNamespace,
    includeChildNamespaces: settings.includeChildNamespaces,
    identifyUnread: settings.delete
  })
  checkLocalFlows(local, { ...settings, directoryName, scopeName: describeScope(settings) })
  if (!local.directoryExists)
    log.warning(`The folder '${directoryName}' does not exist: read as empty. ${CHECKOUT_QUESTION}`)
  log.info(`${local.flows.length + local.invalid.length} flow file(s) in '${directoryName}'.`)
  if (local.skipped.length > 0) {
    log.notice(
      `${local.skipped.length} file(s) skipped, not being .yml or .yaml: ${local.skipped.join(', ')}`
    )
  }
  if (local.hidden.length > 0) {
    log.notice(
      `${local.hidden.length} file(s) not read, their names starting with a dot: ${local.hidden.join(', ')}. Rename them to sync them${settings.delete ? "; with 'delete', the server's copies of their flows are deleted" : ''}.`
    )
  }
  if (local.unreadFolders.length > 0) {
    log.notice(
      `${local.unreadFolders.length} sub-folder(s) not read, as 'include-child-namespaces' is false: ${local.unreadFolders.join(', ')}`
    )
  }
  for (const file of local.ignored) log.info(`Ignored ${file}: matched by .kestraignore.`)
  return local
}

function describeScope(settings: Settings): string {
  return settings.includeChildNamespaces
    ? `namespace ${settings.targetNamespace} and its children`
    : `namespace ${settings.targetNamespace}`
}
