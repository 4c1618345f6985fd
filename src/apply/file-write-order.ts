import type { FileChange } from '../plan/changeset.js'

/**
 * The namespace files to write, in two steps: first, one at a time, each file that opens a folder
 * the server does not have yet (the namespace's root included), then all the others at once.
 * Kestra 1.2+ records each folder in a table as a file's upload creates it: two uploads that
 * create the same folder at once collide there, and one of them fails (500, unique key violated,
 * seen on 1.3.0). Once its folders exist, a file is one row of its own.
 */
export function fileWriteSteps(
  files: readonly FileChange[],
  toWrite: readonly FileChange[]
): [FileChange[], FileChange[]] {
  const existing = new Set<string>()
  for (const file of files) {
    if (file.serverContent !== null)
      for (const folder of foldersOf(file.kestraPath)) existing.add(folder)
  }
  const opening: FileChange[] = []
  const others: FileChange[] = []
  for (const file of toWrite) {
    const folders = foldersOf(file.kestraPath)
    if (folders.every(folder => existing.has(folder))) {
      others.push(file)
      continue
    }
    opening.push(file)
    for (const folder of folders) existing.add(folder)
  }
  return [opening, others]
}

/** `/a/b/c.txt` → `/`, `/a`, `/a/b`. */
function foldersOf(kestraPath: string): string[] {
  const segments = kestraPath.split('/').slice(1, -1)
  return ['/', ...segments.map((_, index) => `/${segments.slice(0, index + 1).join('/')}`)]
}
