import { Input } from './action-interface.js'
import { describeProblems, UserFacingError, type FileProblem } from './errors.js'
import type { NamespaceFile } from './flow/namespace-file.js'
import type { KestraClient } from './kestra/kestra-client.js'
import { namespaceFilePathProblem } from './kestra/namespace-file-paths.js'
import {
  readLocalFiles,
  type LocalFiles,
  type ReadLocalFilesOptions
} from './local/read-local-files.js'
import type { Log } from './util/log.js'

// The namespace files' steps of the sync (see sync.ts): read the folder, then the server. The plan,
// its checks and the apply take files and flows together.

/** The namespace files folder, read; undefined when files are not synced. */
export async function readFilesInGit(
  options: Omit<ReadLocalFilesOptions, 'directory'> & { filesDirectory?: string | undefined },
  log: Log
): Promise<LocalFiles | undefined> {
  const directory = options.filesDirectory
  if (directory === undefined) return undefined
  return await log.group('Reading local namespace files', async () => {
    const found = await readLocalFiles({ ...options, directory })
    if (!found.directoryExists) {
      log.warning(
        `The folder '${directory}' (input '${Input.FilesDirectory}') does not exist: read as empty.`
      )
    }
    const bytes = found.files.reduce((sum, file) => sum + file.bytes.byteLength, 0)
    log.info(`${found.files.length} namespace file(s) in '${directory}', ${bytes} byte(s).`)
    for (const file of found.ignored) log.info(`Ignored ${file}: matched by .kestraignore.`)
    return found
  })
}

/**
 * The namespace files of the target namespace on the server, once the folder's paths are known to
 * be storable there as they are: a path this server would change refuses the sync, naming it.
 */
export async function readFilesOnServer(
  client: KestraClient,
  namespace: string,
  local: LocalFiles,
  log: Log
): Promise<NamespaceFile[]> {
  const problems: FileProblem[] = local.files.flatMap(file => {
    const problem = namespaceFilePathProblem(file.kestraPath, client.server)
    return problem ? [{ gitPath: file.gitPath, message: `${file.kestraPath}: ${problem}.` }] : []
  })
  if (problems.length > 0) {
    throw new UserFacingError(
      describeProblems(
        `Nothing was written: ${problems.length} namespace file(s) cannot be stored on this server under their path in '${Input.FilesDirectory}':`,
        problems
      ),
      problems
    )
  }
  return await log.group('Reading namespace files on the server', async () => {
    const found = await client.readNamespaceFiles(namespace)
    log.info(`${found.length} namespace file(s) in ${namespace} on the server.`)
    return found
  })
}
