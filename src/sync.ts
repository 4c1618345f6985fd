import * as path from 'node:path'
import { applyChangeset, type ApplyResult } from './apply/apply-changeset.js'
import { validateChanges, type ChangeNotice } from './apply/validate-changes.js'
import { SyncError, type FileProblem } from './errors.js'
import type { FlowKey } from './flow/flow-key.js'
import { reservedFlowIdProblem } from './flow/flow-source.js'
import type { ClientOptions, KestraClient } from './kestra/kestra-client.js'
import type { ServerInfo } from './kestra/server-version.js'
import type { LocalFlows, LocalProblem } from './local/local-flow.js'
import { readLocalFlows } from './local/read-local-flows.js'
import { isWrite, type Changeset, type FlowChange } from './plan/changeset.js'
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

export interface SyncResult {
  server: ServerInfo
  dryRun: boolean
  /** The plan, with revisions as applied when the sync wrote. */
  changeset: Changeset
  /** Files of the folder that are not flows. */
  skippedFiles: string[]
  /** Flows left out because they are invalid (only with `ignore-invalid-flows`). */
  invalidSkipped: FileProblem[]
  notices: FileProblem[]
  /** Set when a write failed: the sync stopped, and this says what landed. */
  applyFailure?: Omit<ApplyResult, 'changes'>
}

/** The requests in flight at once, for reads of single flows and for writes. */
const CONCURRENCY = 8
const TIMEOUT_MS = 30_000

/** settings -> local flows -> server flows -> changeset -> validate -> apply. */
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
    const scope = {
      namespace: settings.targetNamespace,
      includeChildren: settings.includeChildNamespaces
    }
    const server = await log.group('Reading flows on the server', async () => {
      const flows = await client.listFlows(scope)
      log.info(
        `Kestra ${client.server.version} (${client.server.edition})${client.server.tenantInPath ? `, tenant ${settings.tenant}` : ''}: ${flows.length} flow(s) in ${describeScope(settings)}.`
      )
      return flows
    })

    const { flows, invalid } = refuseReservedIds(local, client.server, settings)
    const invalidSkipped: FileProblem[] = settings.ignoreInvalidFlows ? [...invalid] : []
    const plan = planChangeset({
      local: flows,
      server,
      delete: settings.delete,
      invalidInGit: invalid.flatMap(problem => (problem.key ? [problem.key] : [])),
      unidentifiedInvalidFiles: invalid.some(problem => !problem.key)
    })

    const { changeset, notices } = await log.group(
      'Validating changed flows on the server',
      async () => {
        const report = await validateChanges(client, plan.changes)
        log.info(
          `${plan.changes.filter(isWrite).length} flow(s) validated, ${report.invalid.length} invalid.`
        )
        if (report.invalid.length > 0 && !settings.ignoreInvalidFlows) {
          const problems = report.invalid.map(({ change, message }) => problemOf(change, message))
          throw new SyncError(
            `${report.invalid.length} flow(s) are invalid for the server; nothing was written:\n${listProblems(problems)}`,
            problems
          )
        }
        const refused = new Set(report.invalid.map(({ change }) => change))
        invalidSkipped.push(
          ...report.invalid.map(({ change, message }) => problemOf(change, message))
        )
        return {
          changeset: { ...plan, changes: plan.changes.filter(change => !refused.has(change)) },
          notices: report.notices.map(({ change, message }: ChangeNotice) =>
            problemOf(change, message)
          )
        }
      }
    )
    for (const problem of invalidSkipped)
      log.warning(`Skipped invalid flow: ${problem.message}`, problem)
    for (const notice of notices) log.warning(notice.message, notice)

    const result: SyncResult = {
      server: client.server,
      dryRun: settings.dryRun,
      changeset,
      skippedFiles: local.skipped,
      invalidSkipped,
      notices
    }
    if (settings.dryRun) return result

    return await log.group('Applying the changeset', async () => {
      const applied = await applyChangeset(client, changeset.changes, CONCURRENCY)
      log.info(`${applied.written.length} write(s) done, ${applied.failed.length} failed.`)
      const { changes, ...outcome } = applied
      return {
        ...result,
        changeset: { ...changeset, changes },
        ...(applied.failed.length > 0 ? { applyFailure: outcome } : {})
      }
    })
  } finally {
    client.close()
  }
}

async function readLocal(settings: Settings, log: SyncLog): Promise<LocalFlows> {
  const relativeDirectory =
    toGitPath(path.relative(settings.workspace, settings.gitDirectory)) || '.'
  const local = await readLocalFlows({
    workspace: settings.workspace,
    directory: settings.gitDirectory,
    targetNamespace: settings.targetNamespace,
    includeChildNamespaces: settings.includeChildNamespaces
  })
  if (!local.directoryExists) {
    if (settings.failOnMissingDirectory) {
      throw new SyncError(
        `The folder '${relativeDirectory}' (input 'git-directory') does not exist in the workspace. Check the path, or set 'fail-on-missing-directory: false' to read it as empty.`
      )
    }
    log.warning(`The folder '${relativeDirectory}' does not exist: read as empty.`)
  }
  log.info(`${local.flows.length} flow file(s) in '${relativeDirectory}'.`)
  if (local.skipped.length > 0) {
    log.notice(
      `${local.skipped.length} file(s) skipped, not being .yml or .yaml: ${local.skipped.join(', ')}`
    )
  }
  for (const file of local.ignored) log.info(`Ignored ${file}: matched by .kestraignore.`)

  if (local.duplicates.length > 0) {
    const problems = local.duplicates.flatMap(duplicate =>
      duplicate.files.map(file => ({
        gitPath: file.gitPath,
        line: file.line,
        message: `flow '${duplicate.id}' of namespace '${duplicate.namespace}' is also defined in ${duplicate.files
          .filter(other => other !== file)
          .map(other => other.gitPath)
          .join(', ')}`
      }))
    )
    const lines = local.duplicates.map(
      duplicate =>
        `  - ${duplicate.namespace}.${duplicate.id}: ${duplicate.files.map(file => `${file.gitPath}:${file.line}`).join(' and ')}`
    )
    throw new SyncError(
      `Several files define the same flow (namespace and id); nothing was written. Give each flow its own id:\n${lines.join('\n')}`,
      problems
    )
  }
  if (local.invalid.length > 0 && !settings.ignoreInvalidFlows) {
    throw new SyncError(
      `${local.invalid.length} flow file(s) cannot be read; nothing was written. Fix them, or set 'ignore-invalid-flows: true' to skip them:\n${listProblems(local.invalid)}`,
      local.invalid
    )
  }
  if (settings.delete && local.flows.length === 0) {
    throw new SyncError(
      `'delete' is true but '${relativeDirectory}' holds no valid flow: refusing to delete every flow of ${describeScope(settings)}. Nothing was written.`
    )
  }
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
      `${reserved.length} flow(s) have an id that Kestra ${server.version} refuses; nothing was written. Rename them:\n${listProblems(reserved)}`,
      reserved
    )
  }
  const refused = new Set(reserved.map(problem => problem.gitPath))
  return {
    flows: local.flows.filter(flow => !refused.has(flow.gitPath)),
    invalid: [...local.invalid, ...reserved]
  }
}

function problemOf(
  change: FlowChange | (FlowKey & { gitPath: string | null; idLine: number | null }),
  message: string
): FileProblem {
  return {
    gitPath: change.gitPath ?? `${change.namespace}.${change.id}`,
    ...(change.idLine ? { line: change.idLine } : {}),
    message: `${change.namespace}.${change.id}: ${message}`
  }
}

function listProblems(problems: readonly FileProblem[]): string {
  return problems
    .map(
      problem =>
        `  - ${problem.gitPath}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`
    )
    .join('\n')
}

function describeScope(settings: Settings): string {
  return settings.includeChildNamespaces
    ? `namespace ${settings.targetNamespace} and its children`
    : `namespace ${settings.targetNamespace}`
}

function toGitPath(relative: string): string {
  return relative.split(path.sep).join('/')
}
