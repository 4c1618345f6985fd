import { namespaceProblem } from '../flow/flow-identifiers.js'

/** What a folder name may contain to become one or more namespace segments. */
const FOLDER_NAME_PATTERN = /^[a-z0-9._-]+$/

export type ChildNamespace = { namespace: string } | { problem: string }

/**
 * The namespace of the flows in a sub-folder, as SyncFlows maps it: `a/b` under the flows folder
 * gives `<target>.a.b`. `folders` are the folder names between the flows folder and the file.
 */
export function childNamespace(
  targetNamespace: string,
  folders: readonly string[]
): ChildNamespace {
  const badFolder = folders.find(folder => !FOLDER_NAME_PATTERN.test(folder))
  if (badFolder !== undefined) {
    return {
      problem: `The folder '${badFolder}' cannot be part of a namespace: folder names under the flows folder may contain only lower-case letters, digits, '.', '_' and '-'.`
    }
  }
  const namespace = [targetNamespace, ...folders].join('.')
  const problem = namespaceProblem(namespace)
  return problem
    ? { problem: `The folders of this file give an invalid namespace: ${problem}.` }
    : { namespace }
}
