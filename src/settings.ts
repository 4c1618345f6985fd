import * as path from 'node:path'
import { Input } from './action-interface.js'
import { SyncError } from './errors.js'
import { namespaceProblem } from './flow/flow-identifiers.js'

export type Credentials =
  | { kind: 'none' }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string }

/** Everything the sync needs, read once from the inputs and validated. */
export interface Settings {
  /** Server base URL without a trailing slash and without `/api/v1`. */
  kestraUrl: URL
  credentials: Credentials
  /** Tenant for servers that have tenants in their paths (0.23+). */
  tenant: string
  /** Absolute path of the workspace (`GITHUB_WORKSPACE`, or the current folder). */
  workspace: string
  /** Absolute path of the flows folder, inside the workspace. */
  gitDirectory: string
  targetNamespace: string
  includeChildNamespaces: boolean
  delete: boolean
  dryRun: boolean
  ignoreInvalidFlows: boolean
  failOnMissingDirectory: boolean
  /** Time allowed for each request, answer included. */
  timeoutMs: number
  /** Requests in flight at once, for writes, validations and reads of single flows. */
  concurrency: number
}

/** The token of an `Authorization: Basic` header: sent to the server, and masked in the logs. */
export function basicAuthToken({
  username,
  password
}: {
  username: string
  password: string
}): string {
  return Buffer.from(`${username}:${password}`).toString('base64')
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
    workspace: workspaceRoot,
    gitDirectory: resolveInside(workspaceRoot, input(Input.GitDirectory) || '_flows'),
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
    timeoutMs:
      parseWholeNumber(Input.TimeoutSeconds, input(Input.TimeoutSeconds), 30, 1, 3600) * 1000,
    concurrency: parseWholeNumber(Input.Concurrency, input(Input.Concurrency), 16, 1, 64)
  }
}

function parseKestraUrl(value: string): URL {
  if (!value)
    throw new SyncError(`Input '${Input.KestraUrl}' is required, e.g. https://kestra.example.com`)
  const schemeError = new SyncError(
    `Input '${Input.KestraUrl}' must start with http:// or https://, got '${redactUrl(value)}'. Expected e.g. https://kestra.example.com`
  )
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw schemeError
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new SyncError(
      `Input '${Input.KestraUrl}' is not a valid URL: '${redactUrl(value)}'. Expected e.g. https://kestra.example.com`
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw schemeError
  if (url.username || url.password) {
    throw new SyncError(
      `Input '${Input.KestraUrl}' must not contain credentials; pass them with '${Input.Username}'/'${Input.Password}' or '${Input.ApiToken}' from secrets.`
    )
  }
  if (url.search || url.hash) {
    throw new SyncError(
      `Input '${Input.KestraUrl}' must not have a query or fragment: '${url.origin}${url.pathname}'.`
    )
  }
  const pathname = url.pathname.replace(/\/+$/, '')
  if (/\/api\/v1(\/|$)/.test(pathname)) {
    throw new SyncError(
      `Input '${Input.KestraUrl}' must be the server's base URL without '/api/v1': use '${url.origin}${pathname.replace(/\/api\/v1.*$/, '')}'.`
    )
  }
  url.pathname = pathname
  return url
}

/** A URL as text with any user-info removed, so that an error never echoes a password. */
function redactUrl(value: string): string {
  return value.replace(
    /^([a-z][a-z0-9+.-]*:\/*)?[^@]*@/i,
    (_, scheme: string | undefined) => `${scheme ?? ''}***@`
  )
}

function parseCredentials(username: string, password: string, token: string): Credentials {
  if (token && (username || password)) {
    throw new SyncError(
      `Give either '${Input.ApiToken}' or '${Input.Username}'/'${Input.Password}', not both.`
    )
  }
  if (token) return { kind: 'bearer', token }
  if (username && !password) {
    throw new SyncError(`Input '${Input.Username}' is set but '${Input.Password}' is empty.`)
  }
  if (password && !username) {
    throw new SyncError(`Input '${Input.Password}' is set but '${Input.Username}' is empty.`)
  }
  if (username) return { kind: 'basic', username, password }
  return { kind: 'none' }
}

function parseTenant(value: string): string {
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/.test(value)) {
    throw new SyncError(`Input '${Input.Tenant}' is not a valid tenant id: '${value}'.`)
  }
  return value
}

function parseTargetNamespace(value: string): string {
  if (!value) throw new SyncError(`Input '${Input.TargetNamespace}' is required, e.g. company.team`)
  const problem = namespaceProblem(value)
  if (problem)
    throw new SyncError(`Input '${Input.TargetNamespace}' is not a valid namespace: ${problem}`)
  return value
}

/** Resolves a workspace-relative folder and refuses one that escapes the workspace. */
function resolveInside(workspace: string, relative: string): string {
  const resolved = path.resolve(workspace, relative)
  const fromWorkspace = path.relative(workspace, resolved)
  if (fromWorkspace.startsWith('..') || path.isAbsolute(fromWorkspace)) {
    throw new SyncError(
      `Input '${Input.GitDirectory}' must be a folder inside the workspace (${workspace}); '${relative}' is outside it.`
    )
  }
  return resolved
}

/** The YAML 1.2 core booleans, as `core.getBooleanInput` accepts them. */
function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new SyncError(`Input '${name}' must be true or false, got '${value}'.`)
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
    throw new SyncError(
      `Input '${name}' must be a whole number from ${min} to ${max}, got '${value}'.`
    )
  }
  return parsed
}
