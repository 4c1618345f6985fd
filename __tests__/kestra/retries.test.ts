import { afterEach, describe, expect, it } from '@jest/globals'
import { connectKestra, type KestraClient } from '../../src/kestra/kestra-client.js'
import { backoffDelayMs, retryAfterMs } from '../../src/kestra/retry-policy.js'
import { injectFault, PROXY_ERROR_PAGE } from '../../test-support/kestra-emulator/faults.js'
import { startKestraEmulator, type Emulator } from '../../test-support/kestra-emulator/index.js'
import { TEST_AUTH } from '../helpers/emulator.js'
import { apiFailure } from '../helpers/failure.js'
import { flowYaml } from '../helpers/workspace.js'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

const SEARCH = '/api/v1/main/flows/search'
const FLOW_A = '/api/v1/main/flows/prod/a'
const scope = { namespace: 'prod', includeChildren: false }
const key = { namespace: 'prod', id: 'a' }

async function emulate(): Promise<Emulator> {
  const emulator = await startKestraEmulator({ auth: TEST_AUTH })
  cleanups.push(() => emulator.close())
  return emulator
}

/** A client with the default attempts and a short backoff; `retries` collects what it logs. */
async function connect(
  emulator: Emulator,
  timeoutMs = 2000
): Promise<{ client: KestraClient; retries: string[] }> {
  const retries: string[] = []
  const client = await connectKestra({
    kestraUrl: new URL(emulator.url),
    credentials: { kind: 'basic', ...TEST_AUTH },
    tenant: 'main',
    timeoutMs,
    concurrency: 4,
    retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 2000 },
    onRetry: message => retries.push(message)
  })
  cleanups.push(() => client.close())
  emulator.clearRequests()
  return { client, retries }
}

function calls(emulator: Emulator, method: string, path: string): number {
  return emulator.requests.filter(request => request.method === method && request.path === path)
    .length
}

describe('retry policy', () => {
  it('doubles the backoff at each retry, with up to half taken off by the jitter', () => {
    const policy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 3000 }
    expect([1, 2, 3].map(retry => backoffDelayMs(policy, retry, () => 1))).toEqual([
      500, 1000, 2000
    ])
    expect([1, 2, 3].map(retry => backoffDelayMs(policy, retry, () => 0))).toEqual([250, 500, 1000])
    expect(backoffDelayMs(policy, 5, () => 1)).toBe(3000)
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-25T12:00:00Z')
    expect(retryAfterMs('7', now)).toBe(7000)
    expect(retryAfterMs('Wed, 25 Nov 2026 12:00:03 GMT', now)).toBe(3000)
    expect(retryAfterMs('soon', now)).toBeUndefined()
    expect(retryAfterMs(undefined, now)).toBeUndefined()
  })
})

describe('reads under faults', () => {
  // The request timeout of each case: the faults answer at once, but the two that never answer,
  // which the client ends at its timeout: short for them, as it is their subject.
  it.each([
    ['503', { status: 503 }, 2000],
    [
      '502 with a proxy page',
      { status: 502, body: PROXY_ERROR_PAGE, contentType: 'text/html' },
      2000
    ],
    ['504', { status: 504 }, 2000],
    ['500', { status: 500, body: '{"message":"boom"}', contentType: 'application/json' }, 2000],
    ['a connection reset', { reset: 'before' as const }, 2000],
    ['no answer at all', { hang: true as const }, 500],
    ['a body slower than the timeout', { slowBodyMs: 4000 }, 500]
  ])('retries a search that meets %s, then succeeds', async (_, fault, timeoutMs) => {
    const emulator = await emulate()
    emulator.store.seed('main', flowYaml('a', 'prod'))
    const { client, retries } = await connect(emulator, timeoutMs)
    injectFault(emulator, { method: 'GET', path: SEARCH, times: 2 }, fault)
    const flows = await client.listFlows(scope)
    expect(flows.map(flow => flow.id)).toEqual(['a'])
    expect(calls(emulator, 'GET', SEARCH)).toBe(3)
    expect(retries).toHaveLength(2)
    expect(retries[0]).toMatch(/GET \/api\/v1\/main\/flows\/search.*Retry 1 of 3 in \d+\.\d s\.$/)
  })

  it('takes a slow body that comes within the timeout without a retry', async () => {
    const emulator = await emulate()
    const { client, retries } = await connect(emulator, 2000)
    const fault = injectFault(emulator, { method: 'GET', path: SEARCH }, { slowBodyMs: 200 })
    await client.listFlows(scope)
    expect(fault.hits).toBe(1)
    expect(calls(emulator, 'GET', SEARCH)).toBe(1)
    expect(retries).toEqual([])
  })

  it("waits as long as a 429's Retry-After says", async () => {
    const emulator = await emulate()
    const { client, retries } = await connect(emulator)
    injectFault(
      emulator,
      { method: 'GET', path: SEARCH, times: 1 },
      { status: 429, retryAfter: '1' }
    )
    await client.listFlows(scope)
    expect(retries).toEqual([
      expect.stringMatching(/^Kestra answered 429 to GET .*Retry 1 of 3 in 1\.0 s\.$/)
    ])
  })

  it('does not wait for a Retry-After longer than the policy allows, and says so', async () => {
    const emulator = await emulate()
    const { client } = await connect(emulator)
    injectFault(emulator, { method: 'GET', path: SEARCH }, { status: 503, retryAfter: '3600' })
    const error = await apiFailure(client.listFlows(scope))
    expect(error.message).toMatch(/asks to retry after 3600 s, longer than the action waits/)
    expect(calls(emulator, 'GET', SEARCH)).toBe(1)
  })

  it('gives up after the bounded number of attempts, naming the last failure', async () => {
    const emulator = await emulate()
    const { client, retries } = await connect(emulator)
    injectFault(
      emulator,
      { method: 'GET', path: SEARCH },
      { status: 502, body: PROXY_ERROR_PAGE, contentType: 'text/html' }
    )
    const error = await apiFailure(client.listFlows(scope))
    expect(error.message).toBe(
      "Kestra answered 502 to GET /api/v1/main/flows/search: an HTML page titled '502 Bad Gateway', not Kestra's JSON: a proxy or gateway in front of Kestra answered. Gave up after 4 attempts."
    )
    expect(calls(emulator, 'GET', SEARCH)).toBe(4)
    expect(retries).toHaveLength(3)
  })

  it.each([
    [401, /Check 'username' and 'password'/],
    [403, /not allowed to do this: check the user's or token's permissions/],
    [404, /Check 'kestra-url' \(the server's base URL\) and 'tenant'/],
    [422, /Check the flow/]
  ])('never retries a %i, and says what to check', async (status, advice) => {
    const emulator = await emulate()
    const { client, retries } = await connect(emulator)
    injectFault(emulator, { method: 'GET', path: SEARCH }, { status })
    const error = await apiFailure(client.listFlows(scope))
    expect(error.status).toBe(status)
    expect(error.message).toMatch(advice)
    expect(calls(emulator, 'GET', SEARCH)).toBe(1)
    expect(retries).toEqual([])
  })
})

describe('writes under faults', () => {
  it('retries an update whose answer was lost without making a second revision', async () => {
    const emulator = await emulate()
    emulator.store.seed('main', flowYaml('a', 'prod'))
    const { client } = await connect(emulator)
    injectFault(emulator, { method: 'PUT', path: FLOW_A, times: 1 }, { reset: 'after' })
    const saved = await client.updateFlow(key, flowYaml('a', 'prod', 'new'))
    expect(saved).toEqual({ revision: 2 })
    expect(calls(emulator, 'PUT', FLOW_A)).toBe(2)
    expect(emulator.store.revisions('main', 'prod', 'a').map(flow => flow.revision)).toEqual([1, 2])
  })

  it('takes the 404 after a deletion whose answer was lost as done', async () => {
    const emulator = await emulate()
    emulator.store.seed('main', flowYaml('a', 'prod'))
    const { client } = await connect(emulator)
    injectFault(emulator, { method: 'DELETE', path: FLOW_A, times: 1 }, { reset: 'after' })
    await client.deleteFlow(key)
    expect(calls(emulator, 'DELETE', FLOW_A)).toBe(2)
    expect(emulator.store.revisions('main', 'prod', 'a').map(flow => flow.deleted)).toEqual([
      false,
      true
    ])
  })

  it('still reports a 404 on a deletion that got no earlier answer', async () => {
    const emulator = await emulate()
    const { client } = await connect(emulator)
    const error = await apiFailure(client.deleteFlow(key))
    expect(error.status).toBe(404)
    expect(error.message).toMatch(/no longer on the server: it changed since the plan/)
  })

  it('confirms a create whose answer was lost, instead of sending it again', async () => {
    const emulator = await emulate()
    const { client, retries } = await connect(emulator)
    injectFault(
      emulator,
      { method: 'POST', path: '/api/v1/main/flows', times: 1 },
      { reset: 'after' }
    )
    expect(await client.createFlow(key, flowYaml('a', 'prod'))).toEqual({ revision: 1 })
    expect(calls(emulator, 'POST', '/api/v1/main/flows')).toBe(1)
    expect(calls(emulator, 'GET', FLOW_A)).toBe(1)
    expect(retries).toEqual([])
    expect(emulator.store.revisions('main', 'prod', 'a')).toHaveLength(1)
  })

  it.each([
    ['a reset before the server read it', { reset: 'before' as const }],
    ['a 503', { status: 503 }],
    ['a 500', { status: 500 }]
  ])('sends a create again after %s, once the flow is confirmed absent', async (_, fault) => {
    const emulator = await emulate()
    const { client } = await connect(emulator)
    injectFault(emulator, { method: 'POST', path: '/api/v1/main/flows', times: 1 }, fault)
    expect(await client.createFlow(key, flowYaml('a', 'prod'))).toEqual({ revision: 1 })
    const order = emulator.requests.map(request => `${request.method} ${request.path}`)
    expect(order).toEqual(['POST /api/v1/main/flows', `GET ${FLOW_A}`, 'POST /api/v1/main/flows'])
    expect(emulator.store.revisions('main', 'prod', 'a')).toHaveLength(1)
  })

  it('retries a rate-limited create without looking first: it was not applied', async () => {
    const emulator = await emulate()
    const { client } = await connect(emulator)
    injectFault(
      emulator,
      { method: 'POST', path: '/api/v1/main/flows', times: 1 },
      { status: 429, retryAfter: '0' }
    )
    await client.createFlow(key, flowYaml('a', 'prod'))
    expect(calls(emulator, 'GET', FLOW_A)).toBe(0)
    expect(calls(emulator, 'POST', '/api/v1/main/flows')).toBe(2)
  })

  it('does not overwrite a flow someone else created while the answer was lost', async () => {
    const emulator = await emulate()
    const { client } = await connect(emulator)
    emulator.use((request: { method: string }) => {
      if (request.method === 'POST') emulator.store.seed('main', flowYaml('a', 'prod', 'theirs'))
      return false
    })
    injectFault(
      emulator,
      { method: 'POST', path: '/api/v1/main/flows', times: 1 },
      { reset: 'before' }
    )
    const error = await apiFailure(client.createFlow(key, flowYaml('a', 'prod', 'ours')))
    expect(error.message).toMatch(
      /Meanwhile prod\.a appeared on the server with another source \(revision 1\): it was not overwritten/
    )
    expect(emulator.store.latest('main', 'prod', 'a')?.source).toContain('theirs')
    expect(calls(emulator, 'POST', '/api/v1/main/flows')).toBe(1)
  })

  it('counts a create that landed late, when its retry meets "already exists"', async () => {
    const emulator = await emulate()
    const { client } = await connect(emulator)
    let posts = 0
    emulator.use((request: { method: string; path: string }) => {
      if (request.method !== 'POST' || request.path !== '/api/v1/main/flows') return false
      // The first create commits only now, after its answer was lost and the flow found absent.
      if (++posts === 2) emulator.store.seed('main', flowYaml('a', 'prod'))
      return false
    })
    injectFault(
      emulator,
      { method: 'POST', path: '/api/v1/main/flows', times: 1 },
      { reset: 'before' }
    )
    expect(await client.createFlow(key, flowYaml('a', 'prod'))).toEqual({ revision: 1 })
    expect(emulator.requests.map(request => `${request.method} ${request.status}`)).toEqual([
      'POST 0',
      'GET 404',
      'POST 422',
      'GET 200'
    ])
    expect(emulator.store.revisions('main', 'prod', 'a')).toHaveLength(1)
  })

  it('never retries a flow the server refuses', async () => {
    const emulator = await emulate()
    const { client, retries } = await connect(emulator)
    const error = await apiFailure(client.createFlow(key, 'id: a\nnamespace: prod\n'))
    expect(error.status).toBe(422)
    expect(calls(emulator, 'POST', '/api/v1/main/flows')).toBe(1)
    expect(retries).toEqual([])
  })
})
