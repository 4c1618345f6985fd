import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import * as net from 'node:net'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import * as tls from 'node:tls'

/** Whether `openssl` can be run here, to make certificates at test time. */
export const opensslPresent = spawnSync('openssl', ['version']).status === 0

export interface TestCertificates {
  /** PEM file of a private CA, for NODE_EXTRA_CA_CERTS. */
  caFile: string
  /** Signed by the CA for 127.0.0.1. */
  server: { key: string; cert: string }
  /** Signed by the CA for another host name. */
  otherHost: { key: string; cert: string }
  /** Signed by nobody but itself, for 127.0.0.1. */
  selfSigned: { key: string; cert: string }
  remove(): Promise<void>
}

/** A private CA and server certificates, made with openssl in a temporary folder. */
export async function makeCertificates(): Promise<TestCertificates> {
  const folder = await mkdtemp(path.join(tmpdir(), 'kestra-sync-tls-'))
  const file = (name: string): string => path.join(folder, name)
  const openssl = (...args: string[]): void => {
    const run = spawnSync('openssl', args, { cwd: folder, encoding: 'utf8' })
    if (run.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${run.stderr}`)
  }
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  openssl(
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Test private CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign'
  )
  const signed = async (name: string, altName: string): Promise<{ key: string; cert: string }> => {
    await writeFile(file(`${name}.ext`), `subjectAltName=${altName}\nbasicConstraints=CA:FALSE\n`)
    openssl(
      'req',
      ...newKey,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=${name}`
    )
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`
    )
    return {
      key: await readFile(file(`${name}.key`), 'utf8'),
      cert: await readFile(file(`${name}.pem`), 'utf8')
    }
  }
  openssl(
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    'self.key',
    '-out',
    'self.pem',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1'
  )
  return {
    caFile: file('ca.pem'),
    server: await signed('server', 'IP:127.0.0.1'),
    otherHost: await signed('other', 'DNS:kestra.example.com'),
    selfSigned: {
      key: await readFile(file('self.key'), 'utf8'),
      cert: await readFile(file('self.pem'), 'utf8')
    },
    remove: () => rm(folder, { recursive: true, force: true })
  }
}

/** An HTTPS front for a plain HTTP server (the emulator), as a TLS-terminating proxy would be. */
export async function startTlsProxy(
  target: string,
  identity: { key: string; cert: string }
): Promise<{ url: string; close(): Promise<void> }> {
  const { hostname, port } = new URL(target)
  const sockets = new Set<net.Socket>()
  const track = (socket: net.Socket): void => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const server = tls.createServer(identity, client => {
    const upstream = net.connect(Number(port), hostname)
    track(client)
    track(upstream)
    client.pipe(upstream).pipe(client)
  })
  server.on('tlsClientError', () => undefined)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as net.AddressInfo
  return {
    url: `https://127.0.0.1:${address.port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise(resolve => server.close(resolve))
    }
  }
}
