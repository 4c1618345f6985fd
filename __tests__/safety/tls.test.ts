import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals'
import { startKestraEmulator, type Emulator } from '../../test-support/kestra-emulator/index.js'
import { runAction } from '../../test-support/run-action.js'
import {
  makeCertificates,
  opensslPresent,
  startTlsProxy,
  type TestCertificates
} from '../helpers/tls.js'
import { describeOnlyIf } from '../helpers/skip.js'
import { flowYaml, makeWorkspace, removeWorkspace } from '../helpers/workspace.js'

// The bundle against an HTTPS front of the emulator, with certificates made by openssl at test time.
const describeTls = describeOnlyIf(opensslPresent, 'openssl is not installed')

const auth = { username: 'ci@kestra.io', password: 'Tls-Password-8' }

let certificates: TestCertificates
let emulator: Emulator
let workspace: string
let closeProxy: (() => Promise<void>) | undefined

beforeAll(async () => {
  if (!opensslPresent) return
  certificates = await makeCertificates()
  emulator = await startKestraEmulator({ version: '1.3.21', auth })
  workspace = await makeWorkspace({ '_flows/hello.yml': flowYaml('hello', 'x') })
})
afterEach(async () => {
  await closeProxy?.()
  closeProxy = undefined
  emulator?.clearRequests()
})
afterAll(async () => {
  await emulator?.close()
  await certificates?.remove()
  if (workspace) await removeWorkspace(workspace)
})

/** Runs the bundle through an HTTPS front presenting `identity`. */
async function syncThrough(
  identity: { key: string; cert: string },
  env: Record<string, string> = {}
): ReturnType<typeof runAction> {
  const proxy = await startTlsProxy(emulator.url, identity)
  closeProxy = proxy.close
  return runAction({
    workspace,
    inputs: {
      'kestra-url': proxy.url,
      ...auth,
      'target-namespace': 'company.team',
      'dry-run': 'true'
    },
    env: { NODE_EXTRA_CA_CERTS: '', ...env }
  })
}

describeTls('TLS, through the bundled action', () => {
  it('refuses a certificate from a CA it does not trust, naming the problem and NODE_EXTRA_CA_CERTS', async () => {
    const run = await syncThrough(certificates.server)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /::error::Could not reach Kestra at https:\/\/127\.0\.0\.1:\d+ \(GET \/api\/v1\/configs\): TLS certificate not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): the server's certificate is issued by a CA that is not trusted; to trust a private CA \(or a self-signed certificate\), set NODE_EXTRA_CA_CERTS to its PEM file in the step's env\./
    )
    expect(emulator.requests).toEqual([])
  })

  it('trusts that CA once NODE_EXTRA_CA_CERTS names its PEM file', async () => {
    const run = await syncThrough(certificates.server, { NODE_EXTRA_CA_CERTS: certificates.caFile })
    expect(run.stdout).not.toContain('::error')
    expect(run.exitCode).toBe(0)
    expect(run.outputs.added).toBe('1')
    expect(emulator.requests.length).toBeGreaterThan(0)
  })

  it('refuses a self-signed certificate, saying how to trust it', async () => {
    const run = await syncThrough(certificates.selfSigned)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /\(DEPTH_ZERO_SELF_SIGNED_CERT\): the server's certificate is self-signed; .*NODE_EXTRA_CA_CERTS/
    )
  })

  it('refuses a trusted certificate issued for another host name, and says so', async () => {
    const run = await syncThrough(certificates.otherHost, {
      NODE_EXTRA_CA_CERTS: certificates.caFile
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      "(ERR_TLS_CERT_ALTNAME_INVALID): the server's certificate is not issued for this host name: use in 'kestra-url' a name it is issued for."
    )
    expect(emulator.requests).toEqual([])
  })

  it('verifies certificates even with NODE_TLS_REJECT_UNAUTHORIZED=0, and says it ignores it', async () => {
    const run = await syncThrough(certificates.server, { NODE_TLS_REJECT_UNAUTHORIZED: '0' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('(UNABLE_TO_VERIFY_LEAF_SIGNATURE)')
    expect(run.stdout).toContain(
      "::warning::NODE_TLS_REJECT_UNAUTHORIZED=0 is ignored: the action always verifies the server's certificate."
    )
    expect(emulator.requests).toEqual([])
  })
})
