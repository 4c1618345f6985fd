import * as path from 'node:path'

/** `absolutePath` relative to the workspace with `/` separators, as git and Kestra name files. */
export function toGitPath(workspace: string, absolutePath: string): string {
  return path.relative(workspace, absolutePath).split(path.sep).join('/')
}

/** Whether `candidate` is `root` or inside it; both must be resolved (absolute, no links). */
export function isInsideFolder(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate)
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)
}
