import {
  connectKestra,
  type ClientOptions,
  type KestraClient
} from '../../src/kestra/kestra-client.js'

/** The real client, over real sockets, with the default attempts but a backoff of milliseconds. */
export function connectQuickly(
  options: ClientOptions,
  abandon?: AbortSignal
): Promise<KestraClient> {
  return connectKestra(
    { ...options, retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 2000 } },
    abandon
  )
}
