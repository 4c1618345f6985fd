// The two kinds of target the contract scenarios run against, with the same expectations:
// - a real Kestra server, when `npm run test:kestra` (scripts/test-kestra.mjs) sets
//   KESTRA_CONTRACT_URL and KESTRA_CONTRACT_VERSION for the server it started;
// - otherwise (plain `npm test`) the emulator, once per version checked against a real server.
// A real server keeps its state between suites and runs: every scenario works in namespaces of
// its own (`uniqueNamespace`), so that it never sees another's flows or files.
import { Buffer } from 'node:buffer'
import { randomBytes } from 'node:crypto'
import { startKestraEmulator } from '../../test-support/kestra-emulator/index.js'

/** The Kestra versions whose real server the contract is run against (../shared/kestra-server). */
export const CHECKED_VERSIONS = ['0.20.7', '1.0.3', '1.3.0'] as const

/** The credentials of ../shared/kestra-server/<version>/config.yml, given to the emulator too. */
export const credentials = { username: 'admin@kestra.io', password: 'Admin1234' }
export const basicAuthorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`

export interface TargetSpec {
  version: string
  /** The real server's base URL (without /api/v1); undefined for the emulator. */
  serverUrl?: string
  /** `Kestra 1.0.3 (real server)` or `Kestra 1.0.3 (emulator)`, for the test names. */
  label: string
}

/** The real server named by the environment, or else the emulator in each checked version. */
export function contractTargets(): TargetSpec[] {
  const serverUrl = process.env.KESTRA_CONTRACT_URL
  if (serverUrl) {
    const version = process.env.KESTRA_CONTRACT_VERSION
    if (!version) throw new Error('KESTRA_CONTRACT_URL is set without KESTRA_CONTRACT_VERSION')
    return [{ version, serverUrl, label: `Kestra ${version} (real server)` }]
  }
  return CHECKED_VERSIONS.map(version => ({ version, label: `Kestra ${version} (emulator)` }))
}

export interface Reply {
  status: number
  headers: Headers
  bytes: Buffer
  text: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are compared field by field
  json: any
}

export interface CallOptions {
  /** A string is sent as `application/x-yaml` unless `contentType` says otherwise. */
  body?: string | FormData
  contentType?: string
  /** null: no Authorization header; default: the Basic credentials. */
  authorization?: string | null
  accept?: string
}

export interface Target {
  version: string
  kind: 'emulator' | 'server'
  /** Base URL, without /api/v1. */
  url: string
  /** `/api/v1` before 0.23, `/api/v1/main` after: where flows and namespaces live. */
  apiPath: string
  /** Whether the version is this one or later (`atLeast('1.3')`). */
  atLeast(version: string): boolean
  /** A request to `apiPath + path`, or to `path` itself when it starts with `/api/`. */
  call(method: string, path: string, options?: CallOptions): Promise<Reply>
  close(): Promise<void>
}

export async function openTarget(spec: TargetSpec): Promise<Target> {
  let url = spec.serverUrl?.replace(/\/$/, '')
  let close = async (): Promise<void> => {}
  if (url === undefined) {
    const emulator = await startKestraEmulator({ version: spec.version, auth: credentials })
    url = emulator.url
    close = () => emulator.close()
  }
  const root = url
  const atLeast = (version: string): boolean => compareVersions(spec.version, version) >= 0
  const apiPath = atLeast('0.23') ? '/api/v1/main' : '/api/v1'
  return {
    version: spec.version,
    kind: spec.serverUrl ? 'server' : 'emulator',
    url: root,
    apiPath,
    atLeast,
    call: (method, path, options = {}) =>
      call(`${root}${path.startsWith('/api/') ? '' : apiPath}${path}`, method, options),
    close
  }
}

async function call(url: string, method: string, options: CallOptions): Promise<Reply> {
  const headers: Record<string, string> = {}
  const authorization =
    options.authorization === undefined ? basicAuthorization : options.authorization
  if (authorization !== null) headers.Authorization = authorization
  if (typeof options.body === 'string') {
    headers['Content-Type'] = options.contentType ?? 'application/x-yaml'
  }
  if (options.accept) headers.Accept = options.accept
  const response = await fetch(url, { method, headers, body: options.body })
  const bytes = Buffer.from(await response.arrayBuffer())
  const text = bytes.toString('utf8')
  let json: unknown
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, bytes, text, json }
}

function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] => v.split('.').map(Number)
  const [x, y] = [parts(a), parts(b)]
  for (let i = 0; i < 3; i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0)
    if (difference !== 0) return difference
  }
  return 0
}

/** A namespace no other scenario or run uses: `<prefix>.r<random>` (lower case, a valid namespace). */
export function uniqueNamespace(prefix: string): string {
  return `${prefix}.r${randomBytes(5).toString('hex')}`
}

/** Micronaut's JsonError as these servers render it (before the RFC 9457 line). */
export function jsonError(
  message: string,
  href: string,
  errors?: Array<{ message: string; path: string }>
): Record<string, unknown> {
  return {
    message,
    logref: null,
    path: null,
    _links: {
      self: {
        href,
        templated: false,
        profile: null,
        deprecation: null,
        title: null,
        hreflang: null,
        type: null,
        name: null
      }
    },
    _embedded: errors
      ? {
          errors: errors.map(error => ({
            message: error.message,
            logref: null,
            path: error.path,
            _links: {},
            _embedded: {}
          }))
        }
      : {}
  }
}

/**
 * A ConstraintViolationException lists its violations in a HashSet's order, which differs between
 * servers (and runs): the message lines and the `_embedded.errors` are put in one order here.
 */
export function inViolationOrder(body: Record<string, unknown>): Record<string, unknown> {
  const message = String(body.message)
  const prefix = /^[^:]+: /.exec(message)?.[0] ?? ''
  const lines = message.slice(prefix.length).split('\n')
  const ended = lines.at(-1) === ''
  const sortedLines = (ended ? lines.slice(0, -1) : lines).sort()
  const embedded = body._embedded as { errors?: Array<{ message: string; path: string }> }
  return {
    ...body,
    message: prefix + sortedLines.join('\n') + (ended ? '\n' : ''),
    _embedded: embedded.errors
      ? {
          errors: [...embedded.errors].sort((a, b) =>
            `${a.path}\0${a.message}`.localeCompare(`${b.path}\0${b.message}`)
          )
        }
      : embedded
  }
}
