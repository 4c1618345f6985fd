import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { mapConcurrent } from '../../src/util/map-concurrent.js'
import { startKestraEmulator, type Emulator } from '../../test-support/kestra-emulator/index.js'
import { runAction, type ActionRun } from '../../test-support/run-action.js'
import { runActionHere } from '../helpers/run-in-process.js'
import { flowYaml, makeWorkspace, removeWorkspace } from '../helpers/workspace.js'

// Runs the action with known secrets through every way it can fail, against servers that echo the
// credentials back, and searches everything it wrote for them. `::add-mask::` lines are the only
// place a secret may appear: the runner takes them out of the log.
const username = 'ci@kestra.io'
const password = 'Pw-Secret-Alpha-31'
const token = 'Tok-Secret-Beta-77'
const urlPassword = 'Url-Secret-Gamma-5'
const basicToken = Buffer.from(`${username}:${password}`).toString('base64')

type Context = { req: IncomingMessage; method: string; path: string }
type Interceptor = (ctx: Context, res: ServerResponse) => boolean | void | Promise<boolean | void>

/** What a careless server or proxy says back: the request's Authorization header, decoded too. */
function echo(ctx: Context): string {
  const header = ctx.req.headers.authorization ?? ''
  const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8')
  return `Authorization: ${header} (${decoded})`
}

/** The password or token the request carried. */
function sentSecret(ctx: Context): string {
  const [scheme, value = ''] = (ctx.req.headers.authorization ?? '').split(' ')
  return scheme === 'Basic'
    ? (Buffer.from(value, 'base64').toString('utf8').split(':')[1] ?? '')
    : value
}

const answer =
  (status: number, contentType: string, body: (ctx: Context) => string, when = () => true) =>
  (ctx: Context, res: ServerResponse): boolean => {
    if (!when()) return false
    res.writeHead(status, { 'Content-Type': contentType })
    res.end(body(ctx))
    return true
  }
const isApi = (ctx: Context): boolean => ctx.path.startsWith('/api/v1/')

interface FailurePath {
  name: string
  inputs?: (emulator: Emulator) => Record<string, string>
  interceptor?: Interceptor
  /** A flow the server refuses, beside a valid one. */
  invalidFlow?: boolean
  /**
   * The run retries with its backoff, seconds of waiting: it runs through the bundle, many at once,
   * while the others run in this process, one at a time (see run-in-process.ts).
   */
  retried?: boolean
}

const paths: FailurePath[] = [
  {
    name: 'a kestra-url holding a password',
    inputs: emulator => ({ 'kestra-url': emulator.url.replace('//', `//admin:${urlPassword}@`) })
  },
  {
    name: 'a kestra-url without scheme holding a password',
    inputs: () => ({ 'kestra-url': `admin:${urlPassword}@kestra.example.com` })
  },
  {
    name: 'a kestra-url that does not parse, holding a password',
    inputs: () => ({ 'kestra-url': `https://admin:${urlPassword}@[kestra` })
  },
  { name: 'wrong credentials (401)', inputs: () => ({ password: 'Wrong-1', 'api-token': '' }) },
  {
    name: 'a 403 echoing the Authorization header',
    interceptor: (ctx, res) =>
      isApi(ctx) &&
      answer(403, 'application/json', c => JSON.stringify({ message: `Forbidden: ${echo(c)}` }))(
        ctx,
        res
      )
  },
  {
    name: 'a 500 echoing the header and the password',
    retried: true,
    interceptor: (ctx, res) =>
      ctx.path.includes('/flows/search') &&
      answer(500, 'application/json', c =>
        JSON.stringify({
          message: `Internal server error: ${echo(c)}`,
          _embedded: { errors: [{ message: `header ${c.req.headers.authorization}` }] }
        })
      )(ctx, res)
  },
  {
    name: 'a 500 whose long message is cut in the middle of the secret',
    retried: true,
    interceptor: (ctx, res) =>
      ctx.path.includes('/flows/search') &&
      answer(500, 'application/json', c =>
        // The action keeps the first 300 characters of a message: the cut falls in the secret.
        JSON.stringify({ message: `${'x'.repeat(288)} ${sentSecret(c)}` })
      )(ctx, res)
  },
  {
    name: "a proxy's HTML error page echoing it",
    retried: true,
    interceptor: (ctx, res) =>
      answer(
        502,
        'text/html',
        c => `<html><head><title>502 ${echo(c)}</title></head><body>${echo(c)}</body></html>`
      )(ctx, res)
  },
  {
    name: 'a plain-text error echoing it',
    interceptor: (ctx, res) =>
      ctx.path.includes('/flows/validate') &&
      answer(400, 'text/plain', c => `Bad request from ${echo(c)}`)(ctx, res)
  },
  {
    name: 'a redirect to a URL holding the credentials',
    interceptor: (ctx, res) => {
      if (!isApi(ctx)) return false
      res.writeHead(302, {
        Location: `http://${encodeURIComponent(username)}:${sentSecret(ctx)}@login.example.com/?t=${sentSecret(ctx)}`
      })
      res.end()
      return true
    }
  },
  {
    name: 'a server that cannot be reached',
    retried: true,
    inputs: () => ({ 'kestra-url': 'http://127.0.0.1:9' })
  },
  {
    name: 'a connection reset',
    retried: true,
    interceptor: (ctx, res) => {
      if (!ctx.path.includes('/flows/search')) return false
      res.destroy()
      return true
    }
  },
  {
    name: 'no answer within the timeout',
    retried: true,
    inputs: () => ({ 'timeout-seconds': '1' }),
    interceptor: ctx => ctx.path.includes('/flows/search')
  },
  { name: 'a flow the server refuses', invalidFlow: true },
  {
    name: "a validation answer echoing it in a flow's constraints",
    interceptor: (ctx, res) =>
      ctx.path.includes('/flows/validate') &&
      answer(200, 'application/json', c =>
        JSON.stringify([{ index: 0, flow: 'hello', constraints: `refused for ${echo(c)}` }])
      )(ctx, res)
  },
  {
    name: 'a create refused with the header in its error',
    interceptor: (ctx, res) =>
      ctx.method === 'POST' &&
      /\/flows$/.test(ctx.path) &&
      answer(422, 'application/json', c =>
        JSON.stringify({ message: `Invalid entity: ${echo(c)}` })
      )(ctx, res)
  }
]

const credentials = {
  basic: { username, password },
  bearer: { 'api-token': token }
} as const
/** What each run is given: its credentials, and the password some inputs put in the URL. */
const secretsGiven = {
  basic: [password, basicToken, urlPassword],
  bearer: [token, urlPassword]
} as const

interface Run {
  path: FailurePath
  kind: keyof typeof credentials
  run: ActionRun
}

const emulators: Emulator[] = []
let workspace: string
let invalidWorkspace: string
let runs: Run[] = []

beforeAll(async () => {
  workspace = await makeWorkspace({ '_flows/hello.yml': flowYaml('hello', 'x') })
  invalidWorkspace = await makeWorkspace({
    '_flows/hello.yml': flowYaml('hello', 'x'),
    '_flows/bad.yml': 'id: bad\nnamespace: x\ntasks: []\n'
  })
  const cases = paths.flatMap(path => (['basic', 'bearer'] as const).map(kind => ({ path, kind })))
  runs = // Most of a run is spent waiting for retries: many at once cost little.
    (
      await mapConcurrent(cases, 8, async ({ path, kind }) => {
        const emulator = await startKestraEmulator({
          version: '1.3.21',
          edition: 'EE',
          auth: { username, password, token }
        })
        emulators.push(emulator)
        if (path.interceptor) emulator.use(path.interceptor)
        const run = await (path.retried ? runAction : runActionHere)({
          workspace: path.invalidFlow ? invalidWorkspace : workspace,
          inputs: {
            'kestra-url': emulator.url,
            'target-namespace': 'company.team',
            ...credentials[kind],
            ...path.inputs?.(emulator)
          }
        })
        return { path, kind, run }
      })
    ).filter((run): run is Run => run !== undefined)
}, 120_000)

afterAll(async () => {
  await Promise.all(emulators.map(emulator => emulator.close()))
  await removeWorkspace(workspace)
  await removeWorkspace(invalidWorkspace)
})

/** Everything the run wrote where a reader may see it, with the runner's masking commands out. */
function written({ stdout, stderr, outputs, summary }: ActionRun): string {
  const log = `${stdout}\n${stderr}`.replace(/^::add-mask::.*$/gm, '')
  return [log, JSON.stringify(outputs), summary].join('\n')
}

/**
 * The `secrets` in `text`, in the forms they travel in: as is, in a URL, in the runner's escaping;
 * and any 8 characters of a password or token, as a cut message would show them.
 */
function secretsIn(text: string, secrets: readonly string[]): string[] {
  const decoded = text.replace(/%25/g, '%')
  const pieces = secrets
    .filter(secret => secret !== basicToken)
    .flatMap(secret =>
      Array.from({ length: secret.length - 7 }, (_, start) => secret.slice(start, start + 8))
    )
  return [...secrets, ...pieces].filter(secret =>
    [secret, encodeURIComponent(secret)].some(form => text.includes(form) || decoded.includes(form))
  )
}

describe('secrets, through the action', () => {
  it('fails on every path it is given', () => {
    expect(runs).toHaveLength(paths.length * 2)
    for (const { run } of runs) expect(run.exitCode).toBe(1)
  })

  it.each(paths.map(path => [path.name, path] as const))(
    '%s: no secret in the log, annotations, outputs or summary',
    (_, path) => {
      for (const { run, kind } of runs.filter(run => run.path === path)) {
        const leaked = secretsIn(written(run), secretsGiven[kind])
        expect({ kind, leaked }).toEqual({ kind, leaked: [] })
      }
    }
  )

  it('masks the secrets it was given', () => {
    const refused = runs.find(run => run.path.name === 'a flow the server refuses')
    expect(refused?.run.stdout).toContain(`::add-mask::${password}`)
    expect(refused?.run.stdout).toContain(`::add-mask::${basicToken}`)
  })
})
