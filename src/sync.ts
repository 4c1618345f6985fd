import { applyChangeset } from './apply/apply-changeset.js'
import type { BaseFlows } from './flow/base-flow.js'
import { flowKeyString, flowName } from './flow/flow-key.js'
import { flowProblem } from './flow/flow-problem.js'
import { identifyByLocalFlows } from './flow/flow-texts.js'
import { describeScope, type NamespaceScope } from './flow/namespace-scope.js'
import type { KestraClient } from './kestra/kestra-client.js'
import type { ServerInfo } from './kestra/server-version.js'
import { checkLocalFlows, type LocalCheckOptions } from './local/check-local-flows.js'
import { describeLocalRead } from './local/local-read-notes.js'
import type { LocalFlows } from './local/local-flows.js'
import { confirmLocalFlows, readLocalFlows } from './local/read-local-flows.js'
import type { LocalFiles } from './local/read-local-files.js'
import { describeApply } from './plan/apply-outcome.js'
import { isPendingWrite, isWrite, notAttempted, type SyncFailure } from './plan/changeset.js'
import { deletionNotes, driftFailure, notTheReviewedPlan, planRefusal } from './plan/plan-checks.js'
import { planChangeset } from './plan/plan-changeset.js'
import { planFiles } from './plan/plan-files.js'
import { planFingerprints, planIdOf, planSnapshot, type ReviewedPlan } from './plan/plan-id.js'
import { findDrift, overwrittenDuringSync } from './plan/server-drift.js'
import { flowsToValidate, judgeChanges, markInvalid, problemOf } from './plan/server-verdicts.js'
import type { SyncReport } from './report/sync-report.js'
import { readFilesInGit, readFilesOnServer } from './sync-files.js'
import { reviewNotes, reviewPlan, reviewRefusal, type ReviewPolicy } from './review/plan-review.js'
import { baseFilesWanted } from './review/ui-drift.js'
import { tell, type Log } from './util/log.js'

/** What the sync reads and what it may write, from the action's inputs. */
export interface SyncOptions {
  /** Absolute path of the workspace (`GITHUB_WORKSPACE`, or the current folder). */
  workspace: string
  /**
   * The flows folder, inside the workspace: relative to it, with `/` separators and no `.` or `..`
   * segment (`.` for the workspace itself), as messages name it.
   */
  gitDirectory: string
  /** The namespace files folder, in the same form; undefined when files are not synced. */
  filesDirectory?: string | undefined
  targetNamespace: string
  includeChildNamespaces: boolean
  delete: boolean
  dryRun: boolean
  ignoreInvalidFlows: boolean
  failOnMissingDirectory: boolean
  /** Namespaces (with their children) where no flow is ever deleted. */
  protectedNamespaces: readonly string[]
  /** More planned deletions than this refuse the whole sync; undefined: no limit. */
  maxDeletions: number | undefined
  /** Requests in flight at once, for writes, validations and reads of single flows. */
  concurrency: number
  /** When set, nothing is written unless the plan has this id. */
  expectedPlanId: string | undefined
  /** Whether flows changed on the server since the base commit fail the step. */
  onDrift: ReviewPolicy
  /** Whether deleted flows that others still call fail the step. */
  onBrokenCallers: ReviewPolicy
}

export interface SyncDependencies {
  /** A client of the server, connected as the run's settings say; `abandon` gives it up. */
  connect(abandon?: AbortSignal): Promise<KestraClient>
  log: Log
  /**
   * The flows of the reviewed plan with this id, when they can be found (in the pull request's
   * plan comment): asked only when the plan differs from 'expected-plan-id', to say what changed.
   */
  reviewedPlan?(planId: string): Promise<ReviewedPlan | undefined>
  /**
   * The flows of the base commit (a pull request's base, the commit before a push) among the files
   * `wanted` chooses, to tell drift on the server; absent when the run has no base.
   */
  readBase?(wanted: (gitPath: string) => boolean): Promise<BaseFlows>
}

/** What the reports render, with the server as detected. */
export interface SyncResult extends SyncReport {
  server: ServerInfo
}

/**
 * local flows -> server flows -> changeset -> validate -> checks -> apply. Throws a
 * UserFacingError when it fails before there is a plan; after that, the result carries the failure.
 */
export async function sync(
  options: SyncOptions,
  { connect, log, reviewedPlan, readBase }: SyncDependencies
): Promise<SyncResult> {
  const scope: NamespaceScope = {
    namespace: options.targetNamespace,
    includeChildren: options.includeChildNamespaces
  }
  // The server's version is asked while the folder is read; its answer is awaited after the local
  // checks, so that a local problem is still the one reported.
  const abandon = new AbortController()
  const connecting = connect(abandon.signal)
  connecting.catch(() => undefined)
  let local: LocalFlows
  let localFiles: LocalFiles | undefined
  try {
    local = await log.group('Reading local flows', async () => {
      const found = await readLocalFlows({
        workspace: options.workspace,
        directory: options.gitDirectory,
        targetNamespace: options.targetNamespace,
        includeChildNamespaces: options.includeChildNamespaces,
        identifyUnread: options.delete,
        deferParse: true
      })
      checkLocalFlows(found, localCheckOptions(options, scope))
      tell(
        log,
        describeLocalRead(found, { directoryName: options.gitDirectory, delete: options.delete })
      )
      return found
    })
    localFiles = await readFilesInGit(options, log)
  } catch (error) {
    // Nothing is waited for: the step ends now, even with the server slow or unreachable.
    abandon.abort()
    connecting.then(
      client => client.close(),
      () => undefined
    )
    throw error
  }

  const client = await connecting
  try {
    const server = await log.group('Reading flows on the server', async () => {
      const found = await client.listFlows(scope, identifyByLocalFlows(local.flows))
      const { tenant } = client.address
      log.info(
        `Kestra ${client.server.version} (${client.server.edition})${tenant === undefined ? '' : `, tenant ${tenant}`}: ${found.length} flow(s) in ${describeScope(scope)}.`
      )
      return found
    })
    // A file whose text the server stores as is needs no parse; the others are parsed now.
    const serverSources = new Map(server.map(flow => [flowKeyString(flow), flow.source]))
    local = confirmLocalFlows(local, key => serverSources.get(flowKeyString(key)))
    serverSources.clear()
    checkLocalFlows(local, localCheckOptions(options, scope))
    const serverFiles = localFiles
      ? await readFilesOnServer(client, scope.namespace, localFiles, log)
      : undefined

    const flowPlan = planChangeset({
      local: local.flows,
      server,
      delete: options.delete,
      protectedNamespaces: options.protectedNamespaces,
      invalidInGit: local.invalid.flatMap(problem => (problem.key ? [problem.key] : [])),
      unidentifiedInvalidFiles: local.invalid.some(problem => !problem.key),
      unreadInGit: local.unread
    })
    const plan =
      localFiles && serverFiles
        ? {
            ...flowPlan,
            ...planFiles({
              ...options,
              namespace: scope.namespace,
              local: localFiles.files,
              server: serverFiles
            })
          }
        : flowPlan
    tell(log, deletionNotes(plan, options.dryRun))
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
    const planId = planIdOf(
      {
        serverUrl: client.address.url,
        tenant: client.address.tenant,
        namespace: scope.namespace,
        includeChildren: scope.includeChildren
      },
      planFingerprints(changeset.changes),
      changeset.files
    )
    log.info(`Plan id: ${planId}`)
    const invalidProblems = validation.invalid.map(problemOf)
    const result: SyncResult = {
      server: client.server,
      dryRun: options.dryRun,
      changeset,
      planId,
      skippedFiles: local.skipped,
      invalidSkipped: options.ignoreInvalidFlows ? [...local.invalid, ...invalidProblems] : [],
      notices
    }
    const review = await log.group('Reviewing the plan', async () => {
      const wanted =
        readBase &&
        baseFilesWanted(
          changeset.changes,
          local.flows.map(f => f.gitPath)
        )
      const base = wanted && (await readBase(wanted))
      const found = reviewPlan(changeset.changes, { local: local.flows, server, base })
      tell(log, reviewNotes(found, options))
      return found
    })
    result.review = review
    const refusal =
      planRefusal(changeset, { ...options, invalid: invalidProblems }) ??
      reviewRefusal(review, options)
    if (refusal) return stoppedBeforeWriting(result, refusal)
    for (const problem of result.invalidSkipped) {
      log.warning(`Skipped invalid flow: ${problem.message}`, problem)
    }
    const expected = options.expectedPlanId
    if (expected !== undefined && expected !== planId) {
      const reviewed = await reviewedPlan?.(expected)
      return stoppedBeforeWriting(
        result,
        notTheReviewedPlan({
          expected,
          actual: planId,
          current: planSnapshot(changeset.changes),
          reviewed,
          withFiles: changeset.files !== undefined
        })
      )
    }
    const pending = [...changeset.changes, ...(changeset.files ?? [])].some(isPendingWrite)
    if (options.dryRun || !pending) return result
    return await log.group('Applying the changeset', async () => {
      const drift = findDrift(changeset.changes, await client.listRevisions(scope))
      if (drift.length > 0) return stoppedBeforeWriting(result, driftFailure(drift))
      return await apply(client, result, { log, concurrency: options.concurrency })
    })
  } finally {
    client.close()
  }
}

function localCheckOptions(options: SyncOptions, scope: NamespaceScope): LocalCheckOptions {
  return { ...options, directoryName: options.gitDirectory, scopeName: describeScope(scope) }
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
  const { changes, files } = await applyChangeset(client, planned.changeset, concurrency)
  const { summary, failure } = describeApply(changes, files)
  log.info(summary)
  for (const change of overwrittenDuringSync(changes)) {
    log.warning(
      `${flowName(change)}: the server numbered this write revision ${change.revision}, not ${(change.previousRevision ?? 0) + 1}: someone changed the flow on the server during the sync, and this write replaced that change (it stays in the flow's revision history).`,
      flowProblem(change, 'changed on the server during the sync')
    )
  }
  return {
    ...planned,
    changeset: { ...planned.changeset, changes, ...(files ? { files } : {}) },
    ...(failure ? { failure } : {})
  }
}
