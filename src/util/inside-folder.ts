import * as path from 'node:path'

/**
 * Whether `candidate` is `root` or inside it; both absolute and resolved the same way. A name that
 * merely starts with two dots (`..flows`) is inside: only `..` itself, or `../` first, climbs out.
 */
export function isInsideFolder(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate)
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)
}
