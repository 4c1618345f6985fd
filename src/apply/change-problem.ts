import type { FileProblem } from '../errors.js'
import { flowName } from '../flow/flow-key.js'
import { lineOfMessage } from '../plan/change-line.js'
import type { ChangeMessage } from './validate-changes.js'

/** A message about a change, placed on its file and on the line it names where known. */
export function problemOf({ change, message, path }: ChangeMessage): FileProblem {
  const line = lineOfMessage(change, message, path)
  return {
    ...(change.gitPath ? { gitPath: change.gitPath } : {}),
    ...(line ? { line } : {}),
    message: `${flowName(change)}: ${message}`
  }
}
