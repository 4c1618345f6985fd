import { connectKestra, type ClientOptions } from '../../src/kestra/kestra-client.js'
import { gitBaseReader } from '../../src/local/git-base.js'
import type { Settings } from '../../src/settings.js'
import { sync, type SyncResult } from '../../src/sync.js'
import type { Log } from '../../src/util/log.js'
import { connectQuickly } from './connect.js'
import { recordingLog } from './log.js'

/**
 * The sync of `settings` as the action runs it: the real client over real sockets, connected with
 * the settings' server, credentials and limits, its retries told to the log. Retries wait
 * milliseconds unless `connect` says otherwise. With `baseCommit`, drift is read from that commit
 * of the workspace's Git repository, as the action reads a pull request's base.
 */
export function runSync(
  settings: Settings,
  {
    log = recordingLog().log,
    connect = connectQuickly,
    baseCommit
  }: { log?: Log; connect?: typeof connectKestra; baseCommit?: string } = {}
): Promise<SyncResult> {
  const options: ClientOptions = { ...settings, onRetry: message => log.info(message) }
  return sync(settings, {
    connect: abandon => connect(options, abandon),
    log,
    ...(baseCommit ? { readBase: gitBaseReader(settings, baseCommit) } : {})
  })
}
