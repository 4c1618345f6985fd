// The namespace files of the emulator at the version boundaries that no real server checks (the
// contract suite holds 0.20.7, 1.0.3 and 1.3.0 to real servers).
import { afterAll, describe, expect, it } from '@jest/globals'
import { startKestraEmulator, type Emulator } from '../../test-support/kestra-emulator/index.js'
import { TEST_AUTH } from '../helpers/emulator.js'
import { basic, call } from './helpers.js'

const started: Emulator[] = []
async function emulate(version: string): Promise<Emulator> {
  const emu = await startKestraEmulator({ version, auth: TEST_AUTH })
  started.push(emu)
  return emu
}
afterAll(async () => {
  await Promise.all(started.map(e => e.close()))
})

async function upload(emu: Emulator, base: string, path: string, text: string): Promise<number> {
  const form = new FormData()
  form.append('fileContent', new Blob([text]), 'file.txt')
  const headers = {
    Authorization: basic
  }
  const reply = await fetch(`${emu.url}${base}/namespaces/team/files?path=${path}`, {
    method: 'POST',
    headers,
    body: form
  })
  return reply.status
}

describe('namespace files between the checked versions', () => {
  it('guards /_flows strictly, uploads included, from 0.21', async () => {
    const emu = await emulate('0.21.0')
    expect(await upload(emu, '/api/v1', '/_flows', 'x')).toBe(422)
    expect(
      (await call(emu, 'GET', '/api/v1/namespaces/team/files?path=/_flowsx/a.txt')).status
    ).toBe(404)
  })

  it('keeps versions from 1.2, the storage alone in 1.1', async () => {
    const versions = async (version: string): Promise<number> => {
      const emu = await emulate(version)
      await upload(emu, '/api/v1/main', '/a.txt', 'one')
      await upload(emu, '/api/v1/main', '/a.txt', 'two')
      return (await call(emu, 'GET', '/api/v1/main/namespaces/team/files/revisions?path=/a.txt'))
        .status
    }
    expect([await versions('1.1.9'), await versions('1.2.0')]).toEqual([404, 200])
  })

  it('answers problem+json from 2.1, with the detail of a missing file', async () => {
    const emu = await emulate('2.1.0')
    const reply = await call(emu, 'GET', '/api/v1/main/namespaces/team/files?path=/nope.txt')
    expect([reply.status, reply.headers.get('content-type'), reply.json.detail]).toEqual([
      404,
      'application/problem+json',
      "File '/nope.txt' was not found in namespace 'team'."
    ])
  })

  it('keeps the files of each tenant apart (EE)', async () => {
    const emu = await startKestraEmulator({
      version: '1.3.21',
      edition: 'EE',
      tenants: ['one', 'two'],
      auth: TEST_AUTH
    })
    started.push(emu)
    expect(await upload(emu, '/api/v1/one', '/a.txt', 'A')).toBe(200)
    const listed = async (tenant: string): Promise<unknown> =>
      (await call(emu, 'GET', `/api/v1/${tenant}/namespaces/team/files/directory`)).json.map(
        (entry: { fileName: string }) => entry.fileName
      )
    expect([await listed('one'), await listed('two')]).toEqual([['a.txt'], []])
  })
})
