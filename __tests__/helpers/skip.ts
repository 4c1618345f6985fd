import { describe } from '@jest/globals'
import { existsSync } from 'node:fs'
import * as path from 'node:path'
import { SKIPPED_BECAUSE } from '../../test-support/closing-line-reporter.js'
import { projectRoot } from '../../test-support/run-action.js'

type Describe = (name: string, body: () => void) => void

/**
 * `describe` when the suite can run here; else `describe.skip`, with the reason in the title,
 * which the closing lines of the run repeat (test-support/closing-line-reporter.js).
 */
export function describeOnlyIf(canRun: boolean, reason: string): Describe {
  if (canRun) return describe
  const describeSkipped: Describe = describe.skip
  return (name, body) => describeSkipped(`${name} ${SKIPPED_BECAUSE} ${reason}`, body)
}

/**
 * `shared/` beside the project's folder: Kestra's own test flows and the team's references. A
 * clone as GitHub checks it out has none.
 */
export const sharedRoot = path.resolve(projectRoot, '..', 'shared')

/** Kestra's own test flows (December 2024), in `valids/` and `invalids/`. */
export const kestraTestFlows = path.join(sharedRoot, 'corpus', 'kestra-tests')

/** `describe` for a suite that reads `folder` under ../shared, skipped saying why where it is absent. */
export function describeWithShared(folder: string): Describe {
  return describeOnlyIf(
    existsSync(folder),
    `${path.relative(projectRoot, folder)} is absent (a clone without ../shared, as on GitHub)`
  )
}
