import { inputsFrom } from './github/action-inputs.js'
import { openConnection, type ServerConnection } from './kestra/server-connection.js'
import { readSettings, type Settings } from './settings.js'

/** What the action has done before the bulk of it is loaded: its settings, its first request. */
export type RunStart =
  { settings: Settings; connection: EarlyConnection } | { settings: undefined; problem: unknown }

/** The server's version, asked at start, before the run needs it. */
export interface EarlyConnection {
  opened: Promise<ServerConnection>
  /** Where each retry is told: kept until the log exists (a failed first attempt comes early). */
  tellRetriesTo(log: (message: string) => void): void
  /** Ends it, asked or not: its request, any retry, and the sockets of the client made from it. */
  abandon(): void
}

/**
 * Reads the settings and, when they hold, sends the server its first request. Node takes some
 * 150 ms to load the rest of the action (@actions/core and its HTTP stack, YAML, reports): that
 * time now overlaps the request's round trip. Never throws: a problem is reported by the run.
 */
export function startRun(environment: NodeJS.ProcessEnv, workspace: string): RunStart {
  let settings: Settings
  try {
    settings = readSettings({ readInput: inputsFrom(environment), workspace })
  } catch (problem) {
    return { settings: undefined, problem }
  }
  const retries = laterLog()
  const abandon = new AbortController()
  const opened = openConnection(
    {
      kestraUrl: settings.kestraUrl,
      credentials: settings.credentials,
      tenant: settings.tenant,
      timeoutMs: settings.timeoutMs,
      concurrency: settings.concurrency,
      onRetry: retries.tell
    },
    abandon.signal
  )
  // Awaited by the sync; a run that fails before that never reads it.
  opened.catch(() => undefined)
  return {
    settings,
    connection: {
      opened,
      tellRetriesTo: retries.attach,
      abandon: () => {
        abandon.abort()
        opened.then(
          ({ requester }) => requester.close(),
          () => undefined
        )
      }
    }
  }
}

/** Messages told before there is a log are kept, and told to it once it is given. */
function laterLog(): { tell(message: string): void; attach(log: (message: string) => void): void } {
  let kept: string[] = []
  let sink: ((message: string) => void) | undefined
  return {
    tell: message => (sink ? sink(message) : kept.push(message)),
    attach: log => {
      sink = log
      for (const message of kept) log(message)
      kept = []
    }
  }
}
