import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals'
import {
  startKestraEmulator,
  type Emulator,
  type EmulatorOptions
} from '../../test-support/kestra-emulator/index.js'
import { flowYaml, makeWorkspace, removeWorkspace } from './workspace.js'

/** The Basic credentials of the tests' emulators (and their action's inputs). */
export const TEST_AUTH = { username: 'admin@kestra.io', password: 'Secret123' }

/** A Kestra emulator and a workspace, for the tests of one file. */
export interface EmulatorAndWorkspace {
  readonly emulator: Emulator
  /** The workspace the test made (or that `files` made before it). */
  readonly workspace: string
  /** Makes the workspace of the test: a throw-away folder holding `files`, removed after it. */
  makeWorkspace(files: Record<string, string | Uint8Array>): Promise<string>
  /** Stops the emulator (if it still runs) and starts another, `emulator` over the usual options. */
  restartEmulator(emulator?: EmulatorOptions): Promise<Emulator>
  /** The inputs that point the action at the emulator, with its credentials. */
  readonly serverInputs: Record<string, string>
}

/**
 * Starts an emulator (Kestra 1.3.21, with TEST_AUTH, unless `emulator` says otherwise) before each
 * test, or once before all of them with `once`, and makes a workspace of `files` when given; then
 * stops the emulator and removes the workspace after. Call it at the top of a test file.
 */
export function useEmulatorAndWorkspace({
  emulator: options = {},
  files,
  once = false
}: {
  emulator?: EmulatorOptions
  files?: Record<string, string | Uint8Array>
  once?: boolean
} = {}): EmulatorAndWorkspace {
  let emulator: Emulator | undefined
  let workspace: string | undefined
  const start = (more: EmulatorOptions = {}): Promise<Emulator> =>
    startKestraEmulator({ version: '1.3.21', auth: TEST_AUTH, ...options, ...more })
  const [before, after] = once ? [beforeAll, afterAll] : [beforeEach, afterEach]
  const fixture: EmulatorAndWorkspace = {
    get emulator() {
      if (!emulator) throw new Error('the emulator runs only during a test')
      return emulator
    },
    get workspace() {
      if (workspace === undefined) throw new Error('this test made no workspace')
      return workspace
    },
    async makeWorkspace(workspaceFiles) {
      if (workspace !== undefined) await removeWorkspace(workspace)
      workspace = await makeWorkspace(workspaceFiles)
      return workspace
    },
    async restartEmulator(more) {
      await emulator?.close()
      emulator = await start(more)
      return emulator
    },
    get serverInputs() {
      return {
        'kestra-url': fixture.emulator.url,
        username: TEST_AUTH.username,
        password: TEST_AUTH.password
      }
    }
  }
  before(async () => {
    emulator = await start()
    if (files) await fixture.makeWorkspace(files)
  })
  after(async () => {
    await emulator?.close()
    emulator = undefined
    if (workspace !== undefined) await removeWorkspace(workspace)
    workspace = undefined
  })
  return fixture
}

/**
 * The requests that change flows, as `METHOD path`: creates, updates, deletions
 * (`POST flows/validate` is a read).
 */
export function writeRequests(emulator: Emulator): string[] {
  return emulator.requests
    .filter(request => request.method !== 'GET' && !request.path.endsWith('/flows/validate'))
    .map(request => `${request.method} ${request.path}`)
}

/**
 * The requests beside the server's version (`GET …/configs`), as `METHOD path`. The action asks the
 * version while it reads the folder, so a run that a local problem stops may or may not have sent
 * it: none of the others means the server's flows and files were never read.
 */
export function requestsBeyondVersion(emulator: Emulator): string[] {
  return emulator.requests
    .filter(request => !(request.method === 'GET' && request.path.endsWith('/configs')))
    .map(request => `${request.method} ${request.path}`)
}

/** What a user's edit in the Kestra UI does: a new revision of the flow (tenant main). */
export function editOnServer(
  emulator: Emulator,
  namespace: string,
  id: string,
  message: string
): void {
  emulator.store.append(
    'main',
    { namespace, id, disabled: false },
    flowYaml(id, namespace, message)
  )
}
