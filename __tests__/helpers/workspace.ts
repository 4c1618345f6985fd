import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'

/** A throw-away workspace holding the given files (path relative to the workspace -> content). */
export async function makeWorkspace(files: Record<string, string | Uint8Array>): Promise<string> {
  const workspace = await mkdtemp(path.join(tmpdir(), 'kestra-sync-ws-'))
  await writeFiles(workspace, files)
  return workspace
}

export async function writeFiles(
  workspace: string,
  files: Record<string, string | Uint8Array>
): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(workspace, relative)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, content)
  }
}

export async function removeWorkspace(workspace: string): Promise<void> {
  await rm(workspace, { recursive: true, force: true })
}

/** A small valid flow. */
export function flowYaml(id: string, namespace: string, message = 'hello'): string {
  return `id: ${id}\nnamespace: ${namespace}\n\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: ${message}\n`
}
