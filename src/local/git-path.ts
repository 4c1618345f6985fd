import * as path from 'node:path'

/** `absolutePath` relative to the workspace with `/` separators, as git and Kestra name files. */
export function toGitPath(workspace: string, absolutePath: string): string {
  return path.relative(workspace, absolutePath).split(path.sep).join('/')
}
