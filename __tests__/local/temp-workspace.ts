import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'

/** A fresh folder under the OS temp folder; `remove` deletes it. */
export interface TempWorkspace {
  root: string
  /** Writes files given by POSIX paths relative to `root`, creating their folders. */
  write(files: Record<string, string | Uint8Array>): Promise<void>
  path(relative: string): string
  remove(): Promise<void>
}

export async function createTempWorkspace(): Promise<TempWorkspace> {
  const root = await mkdtemp(path.join(tmpdir(), 'kestra-sync-local-'))
  const resolve = (relative: string): string => path.join(root, ...relative.split('/'))
  return {
    root,
    path: resolve,
    async write(files) {
      for (const [relative, content] of Object.entries(files)) {
        await mkdir(path.dirname(resolve(relative)), { recursive: true })
        await writeFile(resolve(relative), content)
      }
    },
    remove: () => rm(root, { recursive: true, force: true })
  }
}

/** A minimal valid flow. */
export function flowYaml(id: string, namespace = 'io.kestra.tests'): string {
  return `id: ${id}\nnamespace: ${namespace}\n\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: Hello\n`
}
