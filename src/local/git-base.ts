import { exec } from '@actions/exec'
import * as path from 'node:path'
import type { BaseFlow, BaseFlows } from '../flow/base-flow.js'
import { childNamespace } from './child-namespace.js'
import { flowFromText } from './read-flow-file.js'

/** Runs git in the workspace: exit code, stdout as bytes, stderr as text. */
export type Git = (
  args: string[],
  input?: Buffer
) => Promise<{ exitCode: number; stdout: Buffer; stderr: string }>

/** git through `@actions/exec`, in `cwd`, quiet: the log says what it found, not each command. */
export function gitIn(cwd: string): Git {
  return async (args, input) => {
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    try {
      const exitCode = await exec('git', args, {
        cwd,
        silent: true,
        ignoreReturnCode: true,
        ...(input ? { input } : {}),
        listeners: { stdout: data => stdout.push(data), stderr: data => stderr.push(data) }
      })
      return { exitCode, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString() }
    } catch (error) {
      // No git on the runner: an answer like git's own failures, never an exception.
      const message = error instanceof Error ? error.message : String(error)
      return { exitCode: -1, stdout: Buffer.alloc(0), stderr: message }
    }
  }
}

export interface BaseReadOptions {
  git: Git
  /** The base commit: a pull request's base, or the commit before a push. */
  commit: string
  /** The flows folder, relative to the workspace. */
  directory: string
  targetNamespace: string
  includeChildNamespaces: boolean
  /** Which files of the folder to read (relative to the workspace). */
  wanted(gitPath: string): boolean
}

const FLOW_FILE_NAME = /\.ya?ml$/i
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The flows of the base commit among the wanted files of the folder, each with its namespace set
 * as the sync sets it. A shallow checkout lacks the base: it is fetched (one commit deep). When
 * it cannot be had, the answer says why, and the run goes on without drift.
 */
export async function readBaseFlows(options: BaseReadOptions): Promise<BaseFlows> {
  const { git, commit } = options
  const short = commit.slice(0, 12)
  const inside = await git(['rev-parse', '--show-prefix'])
  if (inside.exitCode !== 0) {
    const why = lastLine(inside.stderr)
    return {
      commit,
      unavailable: `git cannot read the workspace as a Git checkout${why ? ` (${why})` : ''}, so the base commit ${short} cannot be read.`
    }
  }
  if (!(await hasCommit(git, commit))) {
    const fetched = await git([
      'fetch',
      '--no-tags',
      '--no-recurse-submodules',
      '--depth=1',
      'origin',
      commit
    ])
    if (fetched.exitCode !== 0 || !(await hasCommit(git, commit))) {
      const why = lastLine(fetched.stderr)
      return {
        commit,
        unavailable: `the base commit ${short} is not in the checkout and could not be fetched${why ? ` (${why})` : ''}. Check out with 'fetch-depth: 0', or let the job fetch from 'origin'.`
      }
    }
  }
  const prefix = inside.stdout.toString().trim()
  const listed = await git(['ls-tree', '-r', '-z', '--name-only', commit, '--', options.directory])
  if (listed.exitCode !== 0) {
    return { commit, unavailable: `git could not list ${short}: ${lastLine(listed.stderr)}` }
  }
  const files = listed.stdout
    .toString()
    .split('\0')
    .filter(gitPath => gitPath !== '' && FLOW_FILE_NAME.test(gitPath) && options.wanted(gitPath))
    .flatMap(gitPath => {
      const folders = path.posix.dirname(path.posix.relative(options.directory, gitPath)).split('/')
      const inFolder = folders[0] === '.' ? [] : folders
      if (!options.includeChildNamespaces && inFolder.length > 0) return []
      if (inFolder.some(folder => folder.startsWith('.'))) return []
      return [{ gitPath, folders: inFolder }]
    })
  if (files.length === 0) return { commit, flows: [] }
  const texts = await catFiles(
    git,
    files.map(file => `${commit}:${prefix}${file.gitPath}`)
  )
  const flows: BaseFlow[] = []
  files.forEach((file, index) => {
    const bytes = texts[index]
    const child = childNamespace(options.targetNamespace, file.folders)
    if (!bytes || 'problem' in child) return
    let text: string
    try {
      text = utf8.decode(bytes)
    } catch {
      return
    }
    const read = flowFromText(file.gitPath, text, child.namespace)
    if ('flow' in read) {
      const { namespace, id, gitPath, source } = read.flow
      flows.push({ namespace, id, gitPath, source })
    }
  })
  return { commit, flows }
}

/** The base reader that the sync is handed: git in the workspace, on the flows folder. */
export function gitBaseReader(
  folder: {
    workspace: string
    gitDirectory: string
    targetNamespace: string
    includeChildNamespaces: boolean
  },
  commit: string
): (wanted: (gitPath: string) => boolean) => Promise<BaseFlows> {
  return wanted =>
    readBaseFlows({
      git: gitIn(folder.workspace),
      commit,
      directory: folder.gitDirectory,
      targetNamespace: folder.targetNamespace,
      includeChildNamespaces: folder.includeChildNamespaces,
      wanted
    })
}

async function hasCommit(git: Git, commit: string): Promise<boolean> {
  return (await git(['cat-file', '-e', `${commit}^{commit}`])).exitCode === 0
}

/** The objects named, read by one `git cat-file --batch`; undefined for one that is missing. */
async function catFiles(git: Git, names: string[]): Promise<Array<Buffer | undefined>> {
  const { stdout } = await git(['cat-file', '--batch'], Buffer.from(`${names.join('\n')}\n`))
  const objects: Array<Buffer | undefined> = []
  let offset = 0
  for (let index = 0; index < names.length; index++) {
    const end = stdout.indexOf(0x0a, offset)
    if (end === -1) break
    const header = stdout.subarray(offset, end).toString()
    const size = /^\S+ blob (\d+)$/.exec(header)
    if (!size) {
      objects.push(undefined)
      offset = end + 1
      continue
    }
    const start = end + 1
    objects.push(stdout.subarray(start, start + Number(size[1])))
    offset = start + Number(size[1]) + 1
  }
  return objects
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? ''
}
