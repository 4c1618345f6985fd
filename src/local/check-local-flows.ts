import { Input } from '../action-interface.js'
import { describeProblems, UserFacingError, type FileProblem } from '../errors.js'
import type { LocalFlows } from './local-flows.js'
import { flowName } from '../flow/flow-key.js'

/** The usual cause of a missing folder: the job never checked the repository out. */
export const CHECKOUT_QUESTION = 'Did the job run actions/checkout before this step?'

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
 * two files for one flow and unreadable files (unless told to skip them) — all of these at once,
 * so one run shows every problem — and a deletion driven by a folder without flows, which would
 * empty the namespace.
 */
export function checkLocalFlows(local: LocalFlows, options: LocalCheckOptions): void {
  if (!local.directoryExists && (options.failOnMissingDirectory || options.delete)) {
    const guard = options.delete
      ? `'${Input.Delete}' is true: refusing to delete every flow of ${options.scopeName}.`
      : `Check the path, or set '${Input.FailOnMissingDirectory}: false' to read it as empty.`
    throw new UserFacingError(
      `The folder '${options.directoryName}' (input '${Input.GitDirectory}') does not exist in the workspace. ${CHECKOUT_QUESTION} ${guard}`
    )
  }
  const sections: string[] = []
  const problems: FileProblem[] = []
  if (local.duplicates.length > 0) {
    const lines = local.duplicates.map(
      duplicate =>
        `  - ${flowName(duplicate)}: ${duplicate.files.map(file => `${file.gitPath}:${file.line}`).join(' and ')}`
    )
    sections.push(
      `Several files define the same flow (namespace and id); give each flow its own id:\n${lines.join('\n')}`
    )
    problems.push(
      ...local.duplicates.flatMap(duplicate =>
        duplicate.files.map(file => ({
          gitPath: file.gitPath,
          line: file.line,
          message: `flow '${duplicate.id}' of namespace '${duplicate.namespace}' is also defined in ${duplicate.files
            .filter(other => other !== file)
            .map(other => other.gitPath)
            .join(', ')}`
        }))
      )
    )
  }
  if (local.invalid.length > 0 && !options.ignoreInvalidFlows) {
    sections.push(
      describeProblems(
        `${local.invalid.length} flow file(s) cannot be read; fix them, or set '${Input.IgnoreInvalidFlows}: true' to skip them:`,
        local.invalid
      )
    )
    problems.push(...local.invalid)
  }
  if (sections.length > 0) {
    throw new UserFacingError(`Nothing was written. ${sections.join('\n')}`, problems)
  }
  if (options.delete && local.flows.length === 0) {
    throw new UserFacingError(
      `'${Input.Delete}' is true but '${options.directoryName}' holds no valid flow: refusing to delete every flow of ${options.scopeName}. Nothing was written.`
    )
  }
}
