import type { startKestraEmulator } from '../../test-support/kestra-emulator/index.js'
import { flowYaml } from './workspace.js'

type Emulator = Awaited<ReturnType<typeof startKestraEmulator>>

/**
 * The requests that change flows, as `METHOD path`: creates, updates, deletions
 * (`POST flows/validate` is a read).
 */
export function writeRequests(emulator: Emulator): string[] {
  return emulator.requests
    .filter(request => request.method !== 'GET' && !request.path.endsWith('/flows/validate'))
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
