import * as path from 'node:path'
import { EXPECTED_FROM_PULL_REQUEST, Input, Output } from './action-interface.js'
import { InputError } from './errors.js'
import { namespaceProblem } from './flow/flow-identifiers.js'
import type { Credentials } from './kestra/credentials.js'
import type { ReviewPolicy } from './review/plan-review.js'
import { toGitPath } from './local/git-path.js'
import type { SyncOptions } from './sync.js'
import { isInsideFolder } from './util/inside-folder.js'

/**
 * Every input, read once and validated: what the sync reads and may write (`SyncOptions`), and
 * what connects it to the server and reports it.
 */
export interface Settings extends SyncOptions {
  /** Server base URL without a trailing slash and without `/api/v1`. */
  kestraUrl: URL
  credentials: Credentials
  /** Tenant for servers that have tenants in their paths (0.23+). */
  tenant: string
  /** The server's name for readers (`staging`, `production`); empty when none is given. */
  environment: string
  /** Time allowed for each request, answer included. */
  timeoutMs: number
  /** Post the plan as a comment on the pull request of a `pull_request` event. */
  commentOnPr: boolean
  /** Token for the GitHub API (the comment); empty when none is given. */
  githubToken: string
  /**
   * When set, nothing is written unless the plan has this id (lower-case hex), or, for
   * `EXPECTED_FROM_PULL_REQUEST`, the id kept in the plan comment of the pull request.
   */
  expectedPlanId: string | undefined
  /** Fail the step when the plan is not empty (a drift check). */
  failOnChanges: boolean
  /** The Kestra UI's public address, for links to each flow; undefined: no links. */
  kestraUiUrl: URL | undefined
}

/** Where input values come from: `core.getInput` in the action, a plain map in tests. */
export type InputReader = (name: string) => string

export interface SettingsContext {
  readInput: InputReader
  workspace: string
}

export function readSettings({ readInput, workspace }: SettingsContext): Settings {
  const input = (name: string): string => readInput(name).trim()
  const workspaceRoot = path.resolve(workspace)
  return {
    kestraUrl: parseKestraUrl(input(Input.KestraUrl)),
    credentials: parseCredentials(
      input(Input.Username),
      readInput(Input.Password),
      input(Input.ApiToken)
    ),
    tenant: parseTenant(input(Input.Tenant) || 'main'),
    environment: parseEnvironment(input(Input.Environment)),
    workspace: workspaceRoot,
    gitDirectory: folderInside(
      workspaceRoot,
      Input.GitDirectory,
      input(Input.GitDirectory) || '_flows'
    ),
    filesDirectory: filesFolder(workspaceRoot, input),
    targetNamespace: parseTargetNamespace(input(Input.TargetNamespace)),
    includeChildNamespaces: parseBoolean(
      Input.IncludeChildNamespaces,
      input(Input.IncludeChildNamespaces),
      false
    ),
    delete: parseBoolean(Input.Delete, input(Input.Delete), false),
    dryRun: parseBoolean(Input.DryRun, input(Input.DryRun), false),
    ignoreInvalidFlows: parseBoolean(
      Input.IgnoreInvalidFlows,
      input(Input.IgnoreInvalidFlows),
      false
    ),
    failOnMissingDirectory: parseBoolean(
      Input.FailOnMissingDirectory,
      input(Input.FailOnMissingDirectory),
      true
    ),
    protectedNamespaces: parseNamespaceList(
      Input.ProtectedNamespaces,
      input(Input.ProtectedNamespaces) || 'system'
    ),
    maxDeletions:
      input(Input.MaxDeletions) === ''
        ? undefined
        : parseWholeNumber(Input.MaxDeletions, input(Input.MaxDeletions), 0, 0, 1_000_000),
    timeoutMs:
      parseWholeNumber(Input.TimeoutSeconds, input(Input.TimeoutSeconds), 30, 1, 3600) * 1000,
    concurrency: parseWholeNumber(Input.Concurrency, input(Input.Concurrency), 16, 1, 64),
    commentOnPr: parseBoolean(Input.CommentOnPr, input(Input.CommentOnPr), false),
    githubToken: input(Input.GithubToken),
    expectedPlanId: parsePlanId(input(Input.ExpectedPlanId)),
    failOnChanges: parseBoolean(Input.FailOnChanges, input(Input.FailOnChanges), false),
    onDrift: parsePolicy(Input.OnDrift, input(Input.OnDrift)),
    onBrokenCallers: parsePolicy(Input.OnBrokenCallers, input(Input.OnBrokenCallers)),
    kestraUiUrl: parseUiUrl(input(Input.KestraUiUrl))
  }
}

function parsePolicy(name: string, value: string): ReviewPolicy {
  if (value === '' || value === 'warn') return 'warn'
  if (value === 'fail') return 'fail'
  throw new InputError(`Input '${name}' must be 'warn' or 'fail', got '${value}'.`)
}

/** An http(s) address without credentials, query or fragment; empty gives none. */
function parseUiUrl(value: string): URL | undefined {
  if (value === '') return undefined
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InputError(
      `Input '${Input.KestraUiUrl}' must be an http:// or https:// address, e.g. https://kestra.example.com; got '${redactUrl(value)}'.`
    )
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InputError(
      `Input '${Input.KestraUiUrl}' must be a plain address, without credentials, query or fragment: '${url.origin}${url.pathname}'.`
    )
  }
  url.pathname = url.pathname.replace(/\/+$/, '')
  return url
}

/** A plan id is the 64 hex digits of a SHA-256; case does not matter. */
function parsePlanId(value: string): string | undefined {
  if (value === '') return undefined
  if (value === EXPECTED_FROM_PULL_REQUEST) return value
  if (!/^[0-9a-f]{64}$/i.test(value)) {
    throw new InputError(
      `Input '${Input.ExpectedPlanId}' must be a plan id (the 64 hex digits of the '${Output.PlanId}' output of the reviewed run) or '${EXPECTED_FROM_PULL_REQUEST}'; got '${value}'.`
    )
  }
  return value.toLowerCase()
}

function parseKestraUrl(value: string): URL {
  if (!value)
    throw new InputError(`Input '${Input.KestraUrl}' is required, e.g. https://kestra.example.com`)
  const schemeError = new InputError(
    `Input '${Input.KestraUrl}' must start with http:// or https://, got '${redactUrl(value)}'. Expected e.g. https://kestra.example.com`
  )
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw schemeError
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(
      `Input '${Input.KestraUrl}' is not a valid URL: '${redactUrl(value)}'. Expected e.g. https://kestra.example.com`
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw schemeError
  if (url.username || url.password) {
    throw new InputError(
      `Input '${Input.KestraUrl}' must not contain credentials; pass them with '${Input.Username}'/'${Input.Password}' or '${Input.ApiToken}' from secrets.`
    )
  }
  if (url.search || url.hash) {
    throw new InputError(
      `Input '${Input.KestraUrl}' must not have a query or fragment: '${url.origin}${url.pathname}'.`
    )
  }
  const pathname = url.pathname.replace(/\/+$/, '')
  if (/\/api\/v1(\/|$)/.test(pathname)) {
    throw new InputError(
      `Input '${Input.KestraUrl}' must be the server's base URL without '/api/v1': use '${url.origin}${pathname.replace(/\/api\/v1.*$/, '')}'.`
    )
  }
  url.pathname = pathname
  return url
}

/**
 * A URL as text with everything up to its last `@` removed: an error never echoes a password,
 * even one holding `@` or `/` that the URL parser cannot place.
 */
function redactUrl(value: string): string {
  return value.replace(
    /^([a-z][a-z0-9+.-]*:\/*)?.*@/is,
    (_, scheme: string | undefined) => `${scheme ?? ''}***@`
  )
}

function parseCredentials(username: string, password: string, token: string): Credentials {
  if (token && (username || password)) {
    throw new InputError(
      `Give either '${Input.ApiToken}' or '${Input.Username}'/'${Input.Password}', not both.`
    )
  }
  if (token) return { kind: 'bearer', token }
  if (username && !password) {
    throw new InputError(`Input '${Input.Username}' is set but '${Input.Password}' is empty.`)
  }
  if (password && !username) {
    throw new InputError(`Input '${Input.Password}' is set but '${Input.Username}' is empty.`)
  }
  if (username) return { kind: 'basic', username, password }
  return { kind: 'none' }
}

function parseTenant(value: string): string {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/.test(value)) {
    throw new InputError(`Input '${Input.Tenant}' is not a valid tenant id: '${value}'.`)
  }
  return value
}

function parseTargetNamespace(value: string): string {
  if (!value)
    throw new InputError(`Input '${Input.TargetNamespace}' is required, e.g. company.team`)
  const problem = namespaceProblem(value)
  if (problem)
    throw new InputError(`Input '${Input.TargetNamespace}' is not a valid namespace: ${problem}.`)
  return value
}

/** Longer names would crowd the headline they are shown in. */
const MAX_ENVIRONMENT_LENGTH = 100

/** Free text, shown in a headline: one line, no control characters. */
function parseEnvironment(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new InputError(
      `Input '${Input.Environment}' must be one line of text, without control characters.`
    )
  }
  if (value.length > MAX_ENVIRONMENT_LENGTH) {
    throw new InputError(
      `Input '${Input.Environment}' is ${value.length} characters long; give at most ${MAX_ENVIRONMENT_LENGTH}, such as 'production'.`
    )
  }
  return value
}

/** Namespaces separated by commas or new lines, as a YAML block scalar gives them. */
function parseNamespaceList(name: string, value: string): string[] {
  const namespaces = value
    .split(/[,\n]/)
    .map(namespace => namespace.trim())
    .filter(namespace => namespace !== '')
  for (const namespace of namespaces) {
    const problem = namespaceProblem(namespace)
    if (problem) throw new InputError(`Input '${name}' has an invalid namespace: ${problem}`)
  }
  return namespaces
}

/** A workspace-relative folder in its plain form; one that escapes the workspace is refused. */
function folderInside(workspace: string, name: string, relative: string): string {
  const resolved = path.resolve(workspace, relative)
  if (!isInsideFolder(workspace, resolved)) {
    throw new InputError(
      `Input '${name}' must be a folder inside the workspace (${workspace}); '${relative}' is outside it.`
    )
  }
  return toGitPath(workspace, resolved) || '.'
}

/**
 * The namespace files folder, or undefined when files are not synced. It cannot hold the flows
 * folder, nor be inside it when sub-folders are read as child namespaces: a file would be read
 * both as a flow and as a namespace file.
 */
function filesFolder(workspace: string, input: (name: string) => string): string | undefined {
  const relative = input(Input.FilesDirectory)
  if (relative === '') return undefined
  const folder = folderInside(workspace, Input.FilesDirectory, relative)
  const flowsRelative = input(Input.GitDirectory) || '_flows'
  const flows = path.resolve(workspace, flowsRelative)
  const files = path.resolve(workspace, folder)
  const readsSubfolders = input(Input.IncludeChildNamespaces).toLowerCase() === 'true'
  if (isInsideFolder(files, flows) || (readsSubfolders && isInsideFolder(flows, files))) {
    throw new InputError(
      `Inputs '${Input.FilesDirectory}' ('${relative}') and '${Input.GitDirectory}' ('${flowsRelative}') must be two separate folders, neither inside the other.`
    )
  }
  return folder
}

/** The YAML 1.2 core booleans, as `core.getBooleanInput` accepts them. */
function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Input '${name}' must be true or false, got '${value}'.`)
}

function parseWholeNumber(
  name: string,
  value: string,
  fallback: number,
  min: number,
  max: number
): number {
  if (value === '') return fallback
  const parsed = /^\d+$/.test(value) ? Number(value) : NaN
  if (!(parsed >= min && parsed <= max)) {
    throw new InputError(
      `Input '${name}' must be a whole number from ${min} to ${max}, got '${value}'.`
    )
  }
  return parsed
}
