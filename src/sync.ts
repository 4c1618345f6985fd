import * as path from 'node:path'
import { applyChangeset } from './apply/apply-changeset.js'
import { validateChanges, type ChangeMessage } from './apply/validate-changes.js'
import { describeProblems, SyncError, type FileProblem } from './errors.js'
import { reservedFlowIdProblem } from './flow/flow-identifiers.js'
import type { ClientOptions, KestraClient } from './kestra/kestra-client.js'
import type { ServerInfo } from './kestra/server-version.js'
import { checkLocalFlows } from './local/check-local-flows.js'
import type { LocalFlows, LocalProblem } from './local/local-flow.js'
import { readLocalFlows } from './local/read-local-flows.js'
import { isWrite, type Changeset } from './plan/changeset.js'
import { planChangeset } from './plan/plan-changeset.js'
import type { Settings } from './settings.js'

/** Where the sync tells what it does; the action routes it to the log and annotations. */
export interface SyncLog {
  group<T>(title: string, work: () => Promise<T>): Promise<T>
  info(message: string): void
  /** Worth a reader's eye but not a problem: shown as a notice. */
  notice(message: string): void
  warning(message: string, problem?: FileProblem): void
}

export interface SyncDependencies {
  connect(options: ClientOptions): Promise<KestraClient>
  log: SyncLog
}

/** Why a sync that had a plan stopped short, with the files to annotate. */
export interface SyncFailure {
  message: string
  problems: FileProblem[]
}

export interface SyncResult {
  server: ServerInfo
  dryRun: boolean
  /** The plan; once applied, each change says what became of it and carries its new revision. */
  changeset: Changeset
  /** Files of the folder that are not flows. */
  skippedFiles: string[]
  /** Flows left out because they are invalid (only with `ignore-invalid-flows`). */
  invalidSkipped: FileProblem[]
  notices: FileProblem[]
  /** Set when the sync failed after planning: the plan is still reported. */
  failure?: SyncFailure
}

/** The requests in flight at once, for reads of single flows and for writes. */
const CONCURRENCY = 8
const TIMEOUT_MS = 30_000

/**
 * settings -> local flows -> server flows -> changeset -> validate -> apply. Throws a SyncError
 * when it fails before there is a plan; after that, the result carries the failure.
 */
export async function sync(
  settings: Settings,
  { connect, log }: SyncDependencies
): Promise<SyncResult> {
  const local = await log.group('Reading local flows', () => readLocal(settings, log))

  const client = await connect({
    kestraUrl: settings.kestraUrl,
    credentials: settings.credentials,
    tenant: settings.tenant,
    timeoutMs: TIMEOUT_MS,
    concurrency: CONCURRENCY
  })
  try {
    const { flows, invalid } = refuseReservedIds(local, client.server, settings)
    const server = await log.group('Reading flows on the server', async () => {
      const found = await client.listFlows({
        namespace: settings.targetNamespace,
        includeChildren: settings.includeChildNamespaces
      })
      const where = client.server.tenantInPath ? `, tenant ${settings.tenant}` : ''
      log.info(
        `Kestra ${client.server.version} (${client.server.edition})${where}: ${found.length} flow(s) in ${describeScope(settings)}.`
      )
      return found
    })

    const plan = planChangeset({
      local: flows,
      server,
      delete: settings.delete,
      invalidInGit: invalid.flatMap(problem => (problem.key ? [problem.key] : [])),
      unidentifiedInvalidFiles: invalid.some(problem => !problem.key)
    })
    const validation = await log.group('Validating changed flows on the server', async () => {
      const report = await validateChanges(client, plan.changes)
      log.info(
        `${plan.changes.filter(isWrite).length} flow(s) validated, ${report.invalid.length} invalid.`
      )
      return report
    })
    const notices = validation.notices.map(problemOf)
    for (const notice of notices) log.warning(notice.message, notice)
    const result: SyncResult = {
      server: client.server,
      dryRun: settings.dryRun,
      changeset: plan,
      skippedFiles: local.skipped,
      invalidSkipped: settings.ignoreInvalidFlows ? [...invalid] : [],
      notices
    }

    if (validation.invalid.length > 0) {
      const problems = validation.invalid.map(problemOf)
      if (!settings.ignoreInvalidFlows) {
        const failure = {
          message: describeProblems(
            `${problems.length} flow(s) are invalid for the server; nothing was written:`,
            problems
          ),
          problems
        }
        return settings.dryRun
          ? { ...result, failure }
          : { ...result, failure, changeset: notAttempted(plan) }
      }
      const refused = new Set(validation.invalid.map(({ change }) => change))
      result.changeset = { ...plan, changes: plan.changes.filter(change => !refused.has(change)) }
      result.invalidSkipped.push(...problems)
    }
    for (const problem of result.invalidSkipped)
      log.warning(`Skipped invalid flow: ${problem.message}`, problem)
    if (settings.dryRun) return result

    return await log.group('Applying the changeset', async () => {
      const changes = await applyChangeset(client, result.changeset.changes, CONCURRENCY)
      const failed = changes.filter(change => change.applyOutcome === 'failed')
      const written = changes.filter(change => isWrite(change) || change.syncState === 'DELETED')
      const done = written.filter(change => change.applyOutcome === 'applied')
      log.info(`${done.length} of ${written.length} write(s) done, ${failed.length} failed.`)
      const applied = { ...result, changeset: { ...result.changeset, changes } }
      if (failed.length === 0) return applied
      const problems = failed.map(change =>
        problemOf({ change, message: change.error ?? 'failed' })
      )
      const skipped = written.length - done.length - failed.length
      return {
        ...applied,
        failure: {
          message: describeProblems(
            `The apply stopped: ${done.length} write(s) done, ${failed.length} failed, ${skipped} not attempted. A new run applies what is left.`,
            problems
          ),
          problems
        }
      }
    })
  } finally {
    client.close()
  }
}

async function readLocal(settings: Settings, log: SyncLog): Promise<LocalFlows> {
  const directoryName =
    path.relative(settings.workspace, settings.gitDirectory).split(path.sep).join('/') || '.'
  const local = await readLocalFlows({
    workspace: settings.workspace,
    directory: settings.gitDirectory,
    targetNamespace: settings.targetNamespace,
    includeChildNamespaces: settings.includeChildNamespaces
  })
  checkLocalFlows(local, { ...settings, directoryName, scopeName: describeScope(settings) })
  if (!local.directoryExists)
    log.warning(`The folder '${directoryName}' does not exist: read as empty.`)
  log.info(`${local.flows.length + local.invalid.length} flow file(s) in '${directoryName}'.`)
  if (local.skipped.length > 0) {
    log.notice(
      `${local.skipped.length} file(s) skipped, not being .yml or .yaml: ${local.skipped.join(', ')}`
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

/** Flows whose id this server refuses are invalid ones, known only once its version is. */
function refuseReservedIds(
  local: LocalFlows,
  server: ServerInfo,
  settings: Settings
): Pick<LocalFlows, 'flows' | 'invalid'> {
  if (!server.reservedFlowIds) return local
  const reserved: LocalProblem[] = local.flows.flatMap(flow => {
    const problem = reservedFlowIdProblem(flow.id)
    return problem
      ? [
          {
            gitPath: flow.gitPath,
            line: flow.idLine,
            message: `Invalid flow id: ${problem}.`,
            key: flow
          }
        ]
      : []
  })
  if (reserved.length > 0 && !settings.ignoreInvalidFlows) {
    throw new SyncError(
      describeProblems(
        `${reserved.length} flow(s) have an id that Kestra ${server.version} refuses; nothing was written. Rename them:`,
        reserved
      ),
      reserved
    )
  }
  const refused = new Set(reserved.map(problem => problem.gitPath))
  return {
    flows: local.flows.filter(flow => !refused.has(flow.gitPath)),
    invalid: [...local.invalid, ...reserved]
  }
}

/** Nothing was written: every change that would have written says so. */
function notAttempted(plan: Changeset): Changeset {
  return {
    ...plan,
    changes: plan.changes.map(change =>
      change.syncState === 'UNCHANGED' ? change : { ...change, applyOutcome: 'not-attempted' }
    )
  }
}

function problemOf({ change, message }: ChangeMessage): FileProblem {
  return {
    gitPath: change.gitPath ?? `${change.namespace}.${change.id}`,
    ...(change.idLine ? { line: change.idLine } : {}),
    message: `${change.namespace}.${change.id}: ${message}`
  }
}

function describeScope(settings: Settings): string {
  return settings.includeChildNamespaces
    ? `namespace ${settings.targetNamespace} and its children`
    : `namespace ${settings.targetNamespace}`
}
