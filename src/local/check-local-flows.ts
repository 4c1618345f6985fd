import { Input } from '../action-interface.js'
import { describeProblems, SyncError, type FileProblem } from '../errors.js'
import type { LocalFlows } from './local-flow.js'

export interface LocalCheckOptions {
  /** The flows folder as the user wrote it, for messages. */
  directoryName: string
  /** The namespaces in scope, for messages. */
  scopeName: string
  failOnMissingDirectory: boolean
  ignoreInvalidFlows: boolean
  delete: boolean
}

/**
 * Refuses, before any request, what must never reach the server: a missing folder (unless told),
 * two files for one flow, unreadable files (unless told to skip them), and a deletion driven by a
 * folder without flows, which would empty the namespace.
 */
export function checkLocalFlows(local: LocalFlows, options: LocalCheckOptions): void {
  if (!local.directoryExists && options.failOnMissingDirectory) {
    throw new SyncError(
      `The folder '${options.directoryName}' (input '${Input.GitDirectory}') does not exist in the workspace. Check the path, or set '${Input.FailOnMissingDirectory}: false' to read it as empty.`
    )
  }
  if (local.duplicates.length > 0) {
    const problems: FileProblem[] = local.duplicates.flatMap(duplicate =>
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
  if (local.invalid.length > 0 && !options.ignoreInvalidFlows) {
    throw new SyncError(
      describeProblems(
        `${local.invalid.length} flow file(s) cannot be read; nothing was written. Fix them, or set '${Input.IgnoreInvalidFlows}: true' to skip them:`,
        local.invalid
      ),
      local.invalid
    )
  }
  if (options.delete && local.flows.length === 0) {
    throw new SyncError(
      `'${Input.Delete}' is true but '${options.directoryName}' holds no valid flow: refusing to delete every flow of ${options.scopeName}. Nothing was written.`
    )
  }
}
