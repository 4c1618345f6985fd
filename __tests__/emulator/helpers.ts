// Small HTTP helpers for the emulator tests (real sockets, global fetch).
import { Buffer } from 'node:buffer'
import type { Emulator } from '../../test-support/kestra-emulator/index.js'
import { TEST_AUTH } from '../helpers/emulator.js'

export const basic = `Basic ${Buffer.from(`${TEST_AUTH.username}:${TEST_AUTH.password}`).toString('base64')}`

export interface Reply {
  status: number
  headers: Headers
  text: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  json: any
}

export interface CallOptions {
  body?: string
  contentType?: string
  authorization?: string | null
}

/** Calls the emulator with Basic credentials unless `authorization` says otherwise. */
export async function call(
  emu: Emulator,
  method: string,
  path: string,
  options: CallOptions = {}
): Promise<Reply> {
  const headers: Record<string, string> = {}
  const authorization = options.authorization === undefined ? basic : options.authorization
  if (authorization !== null) headers.Authorization = authorization
  if (options.body !== undefined)
    headers['Content-Type'] = options.contentType ?? 'application/x-yaml'
  const response = await fetch(emu.url + path, { method, headers, body: options.body })
  const text = await response.text()
  let json: unknown
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

export async function callBytes(
  emu: Emulator,
  path: string
): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const response = await fetch(emu.url + path, { headers: { Authorization: basic } })
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: new Uint8Array(await response.arrayBuffer())
  }
}

export function flowYaml(id: string, namespace: string, message = 'hello'): string {
  return `id: ${id}\nnamespace: ${namespace}\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: ${message}\n`
}
