import { stat } from 'node:fs/promises'
import * as path from 'node:path'
import { Input } from '../action-interface.js'
import { UserFacingError } from '../errors.js'
import { compareStrings } from '../util/compare.js'
import { childNamespace } from './child-namespace.js'
import { discoverFiles, type DiscoveredFiles, type FlowFileCandidate } from './discover-files.js'
import { separateDuplicates } from './duplicate-flows.js'
import { fsErrorCode } from './fs-error.js'
import { toGitPath } from './git-path.js'
import type { LocalFlow, UnreadFlow } from '../flow/local-flow.js'
import type { LocalFlows, LocalProblem } from './local-flows.js'
import {
  flowFromText,
  readFlowFile,
  type FlowFileResult,
  type ParseMode
} from './read-flow-file.js'
import type { FlowKey } from '../flow/flow-key.js'

export interface ReadLocalFlowsOptions {
  /** Absolute path of the workspace. */
  workspace: string
  /** The flows folder, relative to the workspace (`.` for the workspace itself), inside it. */
  directory: string
  targetNamespace: string
  /** Whether sub-folders are read, as child namespaces of the target. */
  includeChildNamespaces: boolean
  /**
   * Whether to tell which flows the files that are not read define (ignored by .kestraignore, or
   * named with a leading dot): with `delete`, the report says why those flows are deleted.
   */
  identifyUnread?: boolean
  /**
   * Whether a file that the strict scan keys is left unparsed, in `unparsed`, until the server's
   * text of its flow is known: a text the server stores as is needs no parse.
   */
  deferParse?: boolean
}

/**
 * Reads the flows of the flows folder and sets each one's namespace, as SyncFlows does. Bad files
 * are reported in the result, never thrown; only an unusable folder throws.
 */
export async function readLocalFlows(options: ReadLocalFlowsOptions): Promise<LocalFlows> {
  const directory = path.resolve(options.workspace, options.directory)
  if (!(await isExistingFolder(options.workspace, directory))) {
    return {
      directoryExists: false,
      flows: [],
      invalid: [],
      duplicates: [],
      skipped: [],
      ignored: [],
      hidden: [],
      unreadFolders: [],
      unread: [],
      unparsed: new Map()
    }
  }
  const discovered = await discoverFiles({
    workspace: options.workspace,
    directory,
    recursive: options.includeChildNamespaces
  })
  const flows: LocalFlow[] = []
  const invalid: LocalProblem[] = [...discovered.invalid]
  const unparsed = new Map<string, string>()
  const parse = options.deferParse ? 'unless-scanned' : 'always'
  for (const candidate of discovered.candidates) {
    const result = readCandidate(candidate, options.targetNamespace, parse)
    if (!('flow' in result)) invalid.push(result.problem)
    else {
      flows.push(result.flow)
      if (result.unparsedText !== undefined) unparsed.set(candidate.gitPath, result.unparsedText)
    }
  }
  const { unique, duplicates } = separateDuplicates(flows)
  return {
    directoryExists: true,
    flows: unique.sort((a, b) => compareStrings(a.gitPath, b.gitPath)),
    invalid: invalid.sort(byPathAndLine),
    duplicates,
    skipped: discovered.skipped.sort(compareStrings),
    ignored: discovered.ignored.sort(compareStrings),
    hidden: discovered.hidden.sort(compareStrings),
    unreadFolders: discovered.unreadFolders.sort(compareStrings),
    unread: options.identifyUnread
      ? identifyUnread(discovered.unreadFlowFiles, options.targetNamespace)
      : [],
    unparsed
  }
}

/**
 * The local flows with every unparsed one confirmed: kept as is when the server stores its very
 * text (which Kestra's parser accepted), else parsed, becoming a problem when the parse refuses
 * it. The rest is as read.
 */
export function confirmLocalFlows(
  local: LocalFlows,
  serverSource: (key: FlowKey) => string | undefined
): LocalFlows {
  if (local.unparsed.size === 0) return local
  const flows: LocalFlow[] = []
  const invalid = [...local.invalid]
  for (const flow of local.flows) {
    const text = local.unparsed.get(flow.gitPath)
    if (text === undefined || serverSource(flow) === flow.source) {
      flows.push(flow)
      continue
    }
    const result = flowFromText(flow.gitPath, text, flow.namespace)
    if ('flow' in result) flows.push(result.flow)
    else invalid.push(result.problem)
  }
  return {
    ...local,
    flows,
    invalid: invalid.sort(byPathAndLine),
    unparsed: new Map()
  }
}

function byPathAndLine(a: LocalProblem, b: LocalProblem): number {
  return compareStrings(a.gitPath, b.gitPath) || (a.line ?? 0) - (b.line ?? 0)
}

/** The flows that files left unread define, from those that can be read far enough to tell. */
function identifyUnread(
  files: DiscoveredFiles['unreadFlowFiles'],
  targetNamespace: string
): UnreadFlow[] {
  return files.flatMap(file => {
    const result = readCandidate(file, targetNamespace)
    const key = 'flow' in result ? result.flow : result.problem.key
    return key
      ? [{ namespace: key.namespace, id: key.id, gitPath: file.gitPath, reason: file.reason }]
      : []
  })
}

function readCandidate(
  candidate: FlowFileCandidate,
  targetNamespace: string,
  parse: ParseMode = 'always'
): FlowFileResult {
  const child = childNamespace(targetNamespace, candidate.folders)
  if ('problem' in child) return { problem: { gitPath: candidate.gitPath, message: child.problem } }
  return readFlowFile(candidate.gitPath, candidate.absolutePath, child.namespace, parse)
}

async function isExistingFolder(workspace: string, directory: string): Promise<boolean> {
  try {
    if ((await stat(directory)).isDirectory()) return true
  } catch (error) {
    const code = fsErrorCode(error)
    if (code === 'ENOENT' || code === 'ENOTDIR') return false
    throw error
  }
  throw new UserFacingError(
    `'${toGitPath(workspace, directory)}' (input '${Input.GitDirectory}') is a file, not a folder of flows.`
  )
}
