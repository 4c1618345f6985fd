import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import ignore from 'ignore'
import { stripBom } from '../flow/yaml-events.js'
import { fsErrorCode } from './fs-error.js'

export const KESTRA_IGNORE_FILE = '.kestraignore'

/** Tells whether a POSIX path relative to the flows folder is excluded; folders end with `/`. */
export type IgnoreMatcher = (relativePath: string) => boolean

/**
 * The rules of `.kestraignore` at the root of the flows folder, in gitignore syntax as in Kestra.
 * A file inside an excluded folder is excluded too, and a negation cannot bring it back (as in git).
 */
export async function loadKestraIgnore(directory: string): Promise<IgnoreMatcher> {
  let rules: string
  try {
    rules = await readFile(path.join(directory, KESTRA_IGNORE_FILE), 'utf8')
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return () => false
    throw error
  }
  const matcher = ignore().add(stripBom(rules))
  return relativePath => matcher.ignores(relativePath)
}
