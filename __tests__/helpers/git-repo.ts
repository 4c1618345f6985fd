import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { writeFiles } from './workspace.js'

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com'
}

/** git in `cwd`, as the tests' user; returns its output, trimmed. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...IDENTITY },
    stdio: ['ignore', 'pipe', 'pipe']
  })
    .toString()
    .trim()
}

/**
 * A Git repository in `workspace` with two commits: `base` (what the server was last synced
 * from) and `head` (the branch), which may delete files of the base with a null content.
 */
export async function commitBaseAndHead(
  workspace: string,
  base: Record<string, string>,
  head: Record<string, string | null>
): Promise<{ baseSha: string; headSha: string }> {
  {
    git(workspace, 'init', '-q', '-b', 'main')
    await writeFiles(workspace, base)
    git(workspace, 'add', '-A')
    git(workspace, 'commit', '-q', '-m', 'base')
    const baseSha = git(workspace, 'rev-parse', 'HEAD')
    const written = Object.fromEntries(
      Object.entries(head).filter((entry): entry is [string, string] => entry[1] !== null)
    )
    await writeFiles(workspace, written)
    for (const [file, content] of Object.entries(head)) {
      if (content === null) git(workspace, 'rm', '-q', file)
    }
    git(workspace, 'add', '-A')
    git(workspace, 'commit', '-q', '-m', 'head')
    return { baseSha, headSha: git(workspace, 'rev-parse', 'HEAD') }
  }
}

/** A clone one commit deep of `repository` (over file://, so that it is shallow), removed by the caller. */
export async function shallowClone(repository: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'kestra-sync-clone-'))
  git(folder, 'clone', '-q', '--depth=1', `file://${repository}`, 'clone')
  return path.join(folder, 'clone')
}

export async function removeClone(clone: string): Promise<void> {
  await rm(path.dirname(clone), { recursive: true, force: true })
}
