import type { Dirent } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { fsErrorCode } from './fs-error.js'
import { isInsideFolder } from '../util/inside-folder.js'

/**
 * What an entry of the flows folder is once symbolic links are resolved. A link is followed only
 * to a file inside the workspace; a link elsewhere is a problem, so that nothing outside the
 * workspace is ever read, and links to folders are not followed, so that a walk cannot loop or
 * read a file twice.
 */
export type DirectoryEntry =
  { kind: 'file' | 'directory' | 'other' } | { kind: 'problem'; message: string; isFolder: boolean }

export async function classifyEntry(
  entry: Dirent,
  absolutePath: string,
  workspaceRoot: string
): Promise<DirectoryEntry> {
  if (entry.isDirectory()) return { kind: 'directory' }
  if (entry.isFile()) return { kind: 'file' }
  if (!entry.isSymbolicLink()) return { kind: 'other' }

  let target: string
  try {
    target = await realpath(absolutePath)
  } catch (error) {
    return {
      kind: 'problem',
      isFolder: false,
      message: `This symbolic link cannot be resolved (${fsErrorCode(error) ?? 'unknown error'}): fix or remove it, or list it in .kestraignore.`
    }
  }
  const isFolder = (await stat(target)).isDirectory()
  if (!isInsideFolder(workspaceRoot, target)) {
    return {
      kind: 'problem',
      isFolder,
      message: `This symbolic link points outside the workspace, which is never read: copy the ${isFolder ? 'folder' : 'file'} into the workspace, or list the link in .kestraignore.`
    }
  }
  if (isFolder) {
    return {
      kind: 'problem',
      isFolder,
      message:
        'This symbolic link points to a folder; links to folders are not followed. Use a real folder, or list the link in .kestraignore.'
    }
  }
  return { kind: 'file' }
}
