import { readdir, realpath } from 'node:fs/promises'
import * as path from 'node:path'
import { UserFacingError } from '../errors.js'
import { classifyEntry } from './directory-entry.js'
import { isInsideFolder } from '../util/inside-folder.js'
import { toGitPath } from './git-path.js'
import { loadKestraIgnore } from './kestra-ignore.js'
import type { UnreadReason } from '../flow/local-flow.js'
import type { LocalProblem } from './local-flows.js'

/** A file that should hold a flow. */
export interface FlowFileCandidate {
  gitPath: string
  absolutePath: string
  /** Folder names between the flows folder and the file; none for a file directly in it. */
  folders: string[]
}

export interface DiscoveredFiles {
  candidates: FlowFileCandidate[]
  /** Files that are not flows (not .yml/.yaml). */
  skipped: string[]
  /** Files excluded by `.kestraignore`. */
  ignored: string[]
  /** `.yml`/`.yaml` files whose name starts with a dot: never read, but named, since they look like flows. */
  hidden: string[]
  /** Entries that are not read at all: links out of the workspace, broken links, linked folders. */
  invalid: LocalProblem[]
  /** Sub-folders left unread because child namespaces are off. */
  unreadFolders: string[]
  /** The `.yml`/`.yaml` files among `ignored` and `hidden`: with `delete`, their flows go. */
  unreadFlowFiles: Array<FlowFileCandidate & { reason: UnreadReason }>
}

export interface DiscoverOptions {
  workspace: string
  /** The flows folder; it exists. */
  directory: string
  /** Whether sub-folders are walked (child namespaces); otherwise they are not read at all. */
  recursive: boolean
}

const FLOW_FILE_NAME = /\.ya?ml$/i

/**
 * Lists the files of the flows folder. Names starting with a dot (`.git`, `.github`, `.gitkeep`,
 * `.kestraignore`...) are never flows, files and folders alike, as for kestractl. Those that look
 * like flows are named: with `delete`, the server's copy of such a flow would go.
 */
export async function discoverFiles({
  workspace,
  directory,
  recursive
}: DiscoverOptions): Promise<DiscoveredFiles> {
  const workspaceRoot = await realpath(workspace)
  if (!isInsideFolder(workspaceRoot, await realpath(directory))) {
    throw new UserFacingError(
      `The flows folder '${toGitPath(workspace, directory)}' is a link to a folder outside the workspace; it is not read.`
    )
  }
  const isIgnored = await loadKestraIgnore(directory)
  const found: DiscoveredFiles = {
    candidates: [],
    skipped: [],
    ignored: [],
    hidden: [],
    invalid: [],
    unreadFolders: [],
    unreadFlowFiles: []
  }

  const visit = async (folder: string, folders: string[]): Promise<void> => {
    // Once per folder rather than per file: path.relative is a tenth of the read of 1,000 files.
    const folderGitPath = toGitPath(workspace, folder)
    const gitPathOf = (name: string): string =>
      folderGitPath === '' ? name : `${folderGitPath}/${name}`
    for (const dirent of await readdir(folder, { withFileTypes: true })) {
      const absolutePath = path.join(folder, dirent.name)
      if (dirent.name.startsWith('.')) {
        if (FLOW_FILE_NAME.test(dirent.name) && !dirent.isDirectory()) {
          const gitPath = gitPathOf(dirent.name)
          found.hidden.push(gitPath)
          found.unreadFlowFiles.push({ gitPath, absolutePath, folders, reason: 'dot-file' })
        }
        continue
      }
      const entry = await classifyEntry(dirent, absolutePath, workspaceRoot)
      if (entry.kind === 'directory') {
        // Excluded folders are walked too: their files are listed as ignored.
        if (recursive) await visit(absolutePath, [...folders, dirent.name])
        else if (!isIgnored(`${dirent.name}/`)) found.unreadFolders.push(gitPathOf(dirent.name))
        continue
      }
      const isFolder = entry.kind === 'problem' && entry.isFolder
      if (isFolder && !recursive) continue

      const gitPath = gitPathOf(dirent.name)
      const relativePath = [...folders, dirent.name].join('/')
      if (isIgnored(isFolder ? `${relativePath}/` : relativePath)) {
        found.ignored.push(gitPath)
        if (entry.kind === 'file' && FLOW_FILE_NAME.test(dirent.name)) {
          found.unreadFlowFiles.push({ gitPath, absolutePath, folders, reason: 'kestraignore' })
        }
      } else if (entry.kind === 'problem') found.invalid.push({ gitPath, message: entry.message })
      else if (entry.kind === 'file' && FLOW_FILE_NAME.test(dirent.name)) {
        found.candidates.push({ gitPath, absolutePath, folders })
      } else found.skipped.push(gitPath)
    }
  }
  await visit(directory, [])
  return found
}
