import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals'
import { startKestraEmulator, type Emulator } from '../../test-support/kestra-emulator/index.js'
import { startForwardProxy } from '../../test-support/forward-proxy.js'
import { runAction, type ActionRun } from '../../test-support/run-action.js'
import { describeOnlyIf } from '../helpers/skip.js'
import {
  makeCertificates,
  opensslPresent,
  startTlsProxy,
  type TestCertificates
} from '../helpers/tls.js'
import { flowYaml, makeWorkspace, removeWorkspace } from '../helpers/workspace.js'

// The bundle behind a company proxy: Kestra is named by a host name only the loopback proxy
// resolves (kestra.example.com), so every request that reaches it went through the proxy.
const describeTls = describeOnlyIf(opensslPresent, 'openssl is not installed')

const auth = { username: 'ci@kestra.io', password: 'Proxy-Kestra-5' }
const proxyUser = { username: 'runner', password: 'Pr0xy-Secret-77' }
const proxyToken = Buffer.from(`${proxyUser.username}:${proxyUser.password}`).toString('base64')

let certificates: TestCertificates
let emulator: Emulator
let workspace: string
const cleanups: Array<() => Promise<void>> = []

beforeAll(async () => {
  if (!opensslPresent) return
  certificates = await makeCertificates()
  emulator = await startKestraEmulator({ version: '1.3.21', auth })
  workspace = await makeWorkspace({ '_flows/hello.yml': flowYaml('hello', 'x') })
})
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
  emulator?.clearRequests()
})
afterAll(async () => {
  await emulator?.close()
  await certificates?.remove()
  if (workspace) await removeWorkspace(workspace)
})

async function proxy(
  options: Parameters<typeof startForwardProxy>[0]
): ReturnType<typeof startForwardProxy> {
  const started = await startForwardProxy(options)
  cleanups.push(started.close)
  return started
}

/** Kestra at https://kestra.example.com, as the proxy reaches it: an HTTPS front of the emulator. */
async function httpsKestra(): Promise<Record<string, string>> {
  const front = await startTlsProxy(emulator.url, certificates.otherHost)
  cleanups.push(front.close)
  return { 'kestra.example.com:443': new URL(front.url).host }
}

function syncThrough(kestraUrl: string, env: Record<string, string>): Promise<ActionRun> {
  return runAction({
    workspace,
    inputs: {
      'kestra-url': kestraUrl,
      ...auth,
      'target-namespace': 'company.team',
      'dry-run': 'true'
    },
    env: { NODE_EXTRA_CA_CERTS: certificates.caFile, ...env }
  })
}

/** What a reader of the run can see: the log without the runner's masking commands, and outputs. */
function written(run: ActionRun): string {
  const log = `${run.stdout}\n${run.stderr}`.replace(/^::add-mask::.*$/gm, '')
  return [log, JSON.stringify(run.outputs), run.summary].join('\n')
}

describeTls('a proxy, through the bundled action', () => {
  it('syncs through HTTPS_PROXY, with its credentials, over kept-alive tunnels', async () => {
    const forward = await proxy({ routes: await httpsKestra(), credentials: proxyUser })
    const run = await syncThrough('https://kestra.example.com', {
      HTTPS_PROXY: `http://${proxyUser.username}:${proxyUser.password}@127.0.0.1:${forward.port}`
    })
    expect(run.stdout).not.toContain('::error')
    expect(run.exitCode).toBe(0)
    expect(run.outputs.added).toBe('1')
    const tunnels = forward.requests
    expect(tunnels.length).toBeGreaterThan(0)
    for (const tunnel of tunnels) {
      expect(tunnel).toEqual({
        kind: 'connect',
        target: 'kestra.example.com:443',
        proxyAuthorization: `Basic ${proxyToken}`,
        status: 200
      })
    }
    // Fewer tunnels than requests: a tunnel carries the requests after it.
    expect(tunnels.length).toBeLessThan(emulator.requests.length)
    expect(run.stdout).toContain(`::add-mask::${proxyUser.password}`)
    expect(written(run)).not.toContain(proxyUser.password)
  })

  it('names the proxy that refuses its credentials (407), without them, and sends nothing on', async () => {
    const forward = await proxy({ routes: await httpsKestra(), credentials: proxyUser })
    const run = await syncThrough('https://kestra.example.com', {
      HTTPS_PROXY: `http://${proxyUser.username}:Wrong-${proxyUser.password}@127.0.0.1:${forward.port}`
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      `::error::Could not reach Kestra at https://kestra.example.com (GET /api/v1/configs): the proxy ${forward.url} (HTTPS_PROXY) answered 407 Proxy Authentication Required: it refuses the user and password in HTTPS_PROXY.`
    )
    expect(written(run)).not.toContain(proxyUser.password)
    expect(emulator.requests).toEqual([])
  })

  it('names the proxy that refuses the connection', async () => {
    const forward = await proxy({})
    await forward.close()
    const run = await syncThrough('https://kestra.example.com', {
      HTTPS_PROXY: `http://${proxyUser.username}:${proxyUser.password}@127.0.0.1:${forward.port}`
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      `::error::Could not reach Kestra at https://kestra.example.com (GET /api/v1/configs): the proxy ${forward.url} (HTTPS_PROXY) refused the connection (is it running, and its address right?).`
    )
    expect(written(run)).not.toContain(proxyUser.password)
  }, 30_000)

  it('takes the proxy credentials out of a proxy page that echoes them (HTTP_PROXY)', async () => {
    const forward = await proxy({ credentials: proxyUser, echoHeaders: true })
    const run = await syncThrough('http://kestra.example.com:8080', {
      HTTP_PROXY: `http://${proxyUser.username}:${proxyUser.password}@127.0.0.1:${forward.port}`
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      '::error::Kestra answered 403 to GET /api/v1/configs: non-JSON answer: Refused by policy, request headers: {'
    )
    expect(run.stdout).toContain('"proxy-authorization":"Basic ***"')
    expect(written(run)).not.toContain(proxyToken)
    expect(forward.requests).toEqual([expect.objectContaining({ kind: 'forward', status: 403 })])
  })
})
