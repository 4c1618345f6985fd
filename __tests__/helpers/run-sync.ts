import { connectKestra, type ClientOptions } from '../../src/kestra/kestra-client.js'
import type { Settings } from '../../src/settings.js'
import { sync, type SyncResult } from '../../src/sync.js'
import type { Log } from '../../src/util/log.js'
import { connectQuickly } from './connect.js'
import { recordingLog } from './log.js'

/**
 * The sync of `settings` as the action runs it: the real client over real sockets, connected with
 * the settings' server, credentials and limits, its retries told to the log. Retries wait
 * milliseconds unless `connect` says otherwise.
 */
export function runSync(
  settings: Settings,
  {
    log = recordingLog().log,
    connect = connectQuickly
  }: { log?: Log; connect?: typeof connectKestra } = {}
): Promise<SyncResult> {
  const options: ClientOptions = { ...settings, onRetry: message => log.info(message) }
  return sync(settings, { connect: abandon => connect(options, abandon), log })
}
