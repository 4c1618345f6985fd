import type { LogLine } from '../util/log.js'
import { CHECKOUT_QUESTION } from './check-local-flows.js'
import type { LocalFlows } from './local-flows.js'

/** What reading the flows folder found, for the log: the files read, and those that were not. */
export function describeLocalRead(
  local: LocalFlows,
  { directoryName, delete: deletes }: { directoryName: string; delete: boolean }
): LogLine[] {
  const lines: LogLine[] = []
  const say = (level: LogLine['level'], message: string): number => lines.push({ level, message })
  if (!local.directoryExists) {
    say(
      'warning',
      `The folder '${directoryName}' does not exist: read as empty. ${CHECKOUT_QUESTION}`
    )
  }
  say('info', `${local.flows.length + local.invalid.length} flow file(s) in '${directoryName}'.`)
  if (local.skipped.length > 0) {
    say(
      'notice',
      `${local.skipped.length} file(s) skipped, not being .yml or .yaml: ${local.skipped.join(', ')}`
    )
  }
  if (local.hidden.length > 0) {
    say(
      'notice',
      `${local.hidden.length} file(s) not read, their names starting with a dot: ${local.hidden.join(', ')}. Rename them to sync them${deletes ? "; with 'delete', the server's copies of their flows are deleted" : ''}.`
    )
  }
  if (local.unreadFolders.length > 0) {
    say(
      'notice',
      `${local.unreadFolders.length} sub-folder(s) not read, as 'include-child-namespaces' is false: ${local.unreadFolders.join(', ')}`
    )
  }
  for (const file of local.ignored) say('info', `Ignored ${file}: matched by .kestraignore.`)
  return lines
}
