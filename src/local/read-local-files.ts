import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import * as path from 'node:path'
import { Input } from '../action-interface.js'
import { describeProblems, UserFacingError } from '../errors.js'
import { isFlowImportPath, type LocalNamespaceFile } from '../flow/namespace-file.js'
import { compareStrings } from '../util/compare.js'
import { isInsideFolder } from '../util/inside-folder.js'
import { CHECKOUT_QUESTION } from './check-local-flows.js'
import { classifyEntry } from './directory-entry.js'
import { fsErrorCode } from './fs-error.js'
import { toGitPath } from './git-path.js'
import { KESTRA_IGNORE_FILE, loadKestraIgnore } from './kestra-ignore.js'
import type { LocalProblem } from './local-flows.js'

export interface ReadLocalFilesOptions {
  /** Absolute path of the workspace. */
  workspace: string
  /** The namespace files folder, relative to the workspace, inside it. */
  directory: string
  /** Whether a missing folder fails (else it reads as empty). */
  failOnMissingDirectory: boolean
  /** With `delete`, a missing folder would delete every file of the namespace: refused. */
  delete: boolean
}

export interface LocalFiles {
  /** False when the folder does not exist (and is read as empty). */
  directoryExists: boolean
  /** Every file to sync, sorted by its path in the namespace. */
  files: LocalNamespaceFile[]
  /** Files excluded by the folder's `.kestraignore`, relative to the workspace. */
  ignored: string[]
}

/**
 * The files of the namespace files folder, their paths kept: `<folder>/scripts/etl.py` is
 * `/scripts/etl.py` of the namespace. `.kestraignore` at the folder's root is honoured (and not
 * synced). Regular files only: a link is followed only to a file inside the workspace, as for
 * flows. What cannot be synced as it is (a link elsewhere, a file under `_flows/`, which Kestra
 * would import as a flow) refuses the whole sync, before any request, naming every such file.
 */
export async function readLocalFiles(options: ReadLocalFilesOptions): Promise<LocalFiles> {
  const directory = path.resolve(options.workspace, options.directory)
  const name = `'${options.directory}' (input '${Input.FilesDirectory}')`
  if (!(await isFolder(directory, name))) {
    if (options.failOnMissingDirectory || options.delete) {
      const guard = options.delete
        ? `'${Input.Delete}' is true: refusing to delete every namespace file.`
        : `Check the path, or set '${Input.FailOnMissingDirectory}: false' to read it as empty.`
      throw new UserFacingError(
        `The folder ${name} does not exist in the workspace. ${CHECKOUT_QUESTION} ${guard}`
      )
    }
    return { directoryExists: false, files: [], ignored: [] }
  }
  const workspaceRoot = await realpath(options.workspace)
  if (!isInsideFolder(workspaceRoot, await realpath(directory))) {
    throw new UserFacingError(
      `The folder ${name} is a link to a folder outside the workspace; it is not read.`
    )
  }
  const isIgnored = await loadKestraIgnore(directory)
  const files: LocalNamespaceFile[] = []
  const ignored: string[] = []
  const problems: LocalProblem[] = []

  const visit = async (folder: string, relativeFolder: string): Promise<void> => {
    for (const dirent of await readdir(folder, { withFileTypes: true })) {
      const absolutePath = path.join(folder, dirent.name)
      const relativePath = relativeFolder ? `${relativeFolder}/${dirent.name}` : dirent.name
      if (relativePath === KESTRA_IGNORE_FILE) continue
      const gitPath = toGitPath(options.workspace, absolutePath)
      const entry = await classifyEntry(dirent, absolutePath, workspaceRoot)
      const isDirectory = entry.kind === 'directory' || (entry.kind === 'problem' && entry.isFolder)
      if (isIgnored(isDirectory ? `${relativePath}/` : relativePath)) {
        ignored.push(gitPath)
        continue
      }
      const kestraPath = `/${relativePath}`
      if (isFlowImportPath(kestraPath)) {
        problems.push({
          gitPath,
          message: `Kestra imports whatever is uploaded under '/_flows/' as a flow, and never stores it as a namespace file: keep flows in '${Input.GitDirectory}', and rename or move this ${isDirectory ? 'folder' : 'file'} (or list it in .kestraignore).`
        })
      } else if (entry.kind === 'directory') await visit(absolutePath, relativePath)
      else if (entry.kind === 'problem') problems.push({ gitPath, message: entry.message })
      else if (entry.kind === 'file') {
        files.push({ kestraPath, gitPath, bytes: await readFile(absolutePath) })
      } else {
        problems.push({
          gitPath,
          message:
            'This is not a regular file (a socket, a pipe, a device): only files are synced. Remove it, or list it in .kestraignore.'
        })
      }
    }
  }
  await visit(directory, '')
  if (problems.length > 0) {
    throw new UserFacingError(
      describeProblems(
        `Nothing was written: ${problems.length} entry(ies) of ${name} cannot be synced as namespace files:`,
        problems
      ),
      problems
    )
  }
  return {
    directoryExists: true,
    files: files.sort((a, b) => compareStrings(a.kestraPath, b.kestraPath)),
    ignored: ignored.sort(compareStrings)
  }
}

async function isFolder(directory: string, name: string): Promise<boolean> {
  try {
    if ((await stat(directory)).isDirectory()) return true
  } catch (error) {
    const code = fsErrorCode(error)
    if (code === 'ENOENT' || code === 'ENOTDIR') return false
    throw error
  }
  throw new UserFacingError(`${name} is a file, not a folder of namespace files.`)
}
