import { flowName, type FlowKey } from '../flow/flow-key.js'
import type { NamespaceScope } from '../flow/namespace-scope.js'
import { identifyByParsing, type IdentifyFlowText } from '../flow/flow-texts.js'
import { normalizeSource } from '../flow/normalize-source.js'
import type { FlowRevision, FlowValidation, ServerFlow } from '../flow/server-flow.js'
import { flowPath, type Send } from './api-call.js'
import { errorMessage } from '../errors.js'
import { KestraApiError } from './api-error.js'
import type { HttpResponse } from './http-transport.js'
import type { ServerInfo } from './server-version.js'
import { listFlowRevisions, listFlowsWithSources, readFlow, type StoredFlow } from './list-flows.js'
import {
  openConnection,
  type ConnectionOptions,
  type ServerConnection
} from './server-connection.js'
import { validateInBatches } from './validate-flows.js'
import type { NamespaceFile } from '../flow/namespace-file.js'
import { deleteNamespaceFile, readNamespaceFiles, writeNamespaceFile } from './namespace-files.js'

/** What the server tells of a flow it stored. */
export interface SavedFlow {
  revision?: number
}

/** The Kestra REST API as the sync uses it; one instance talks to one server and tenant. */
export interface KestraClient {
  readonly server: ServerInfo
  /**
   * Where the client talks to, as a plan is bound to it: the server's base URL, and the tenant
   * when the server's paths have one.
   */
  readonly address: { url: string; tenant: string | undefined }
  /**
   * Latest non-deleted flows of the scope, with their stored sources; `identify` tells which flow
   * each exported text declares (by parsing it, unless given).
   */
  listFlows(scope: NamespaceScope, identify?: IdentifyFlowText): Promise<ServerFlow[]>
  /** The same flows' revisions only, by the search alone: what changed since `listFlows`. */
  listRevisions(scope: NamespaceScope): Promise<FlowRevision[]>
  /** Server-side validation of each source, in the same order; never writes. */
  validateFlows(sources: string[]): Promise<FlowValidation[]>
  /** Creates the flow `key` of `source`; a retry never makes a second revision. */
  createFlow(key: FlowKey, source: string): Promise<SavedFlow>
  updateFlow(key: FlowKey, source: string): Promise<SavedFlow>
  deleteFlow(key: FlowKey): Promise<void>
  /** Every namespace file of exactly `namespace`, sorted by path (see namespace-files.ts). */
  readNamespaceFiles(namespace: string): Promise<NamespaceFile[]>
  /** Creates or overwrites a namespace file; its bytes are stored as they are. */
  writeNamespaceFile(namespace: string, kestraPath: string, bytes: Uint8Array): Promise<void>
  deleteNamespaceFile(namespace: string, kestraPath: string): Promise<void>
  close(): void
}

export type ClientOptions = ConnectionOptions

/**
 * Reads the server's version first (see server-connection.ts), then gives the client. `abandon`
 * ends a connection no longer wanted (its request, and any retry) and rejects the promise.
 */
export async function connectKestra(
  options: ClientOptions,
  abandon?: AbortSignal
): Promise<KestraClient> {
  return kestraClient(await openConnection(options, abandon), options)
}

/** The client of a server whose version is known. */
export function kestraClient(
  { requester, server, apiRoot }: ServerConnection,
  options: Pick<ClientOptions, 'kestraUrl' | 'tenant' | 'concurrency'>
): KestraClient {
  const { request } = requester
  const base = server.tenantInPath ? `${apiRoot}/${encodeURIComponent(options.tenant)}` : apiRoot
  const send: Send = call => {
    const url = new URL(`${base}${call.path}`)
    if (call.query) url.search = call.query.toString()
    return request(url, call)
  }

  const syntax = { queryFilters: server.queryFilters }

  // A synced flow is live, never left as a draft.
  const publish = (): URLSearchParams | undefined =>
    server.flowDrafts ? new URLSearchParams({ draft: 'false' }) : undefined

  return {
    server,
    address: {
      url: options.kestraUrl.href,
      tenant: server.tenantInPath ? options.tenant : undefined
    },
    listFlows: (scope, identify = identifyByParsing) =>
      listFlowsWithSources(send, syntax, scope, { concurrency: options.concurrency, identify }),
    listRevisions: scope => listFlowRevisions(send, syntax, scope),
    validateFlows: sources => validateInBatches(send, sources, options.concurrency),
    createFlow: async (key, source) =>
      savedFlow(
        await send({
          method: 'POST',
          path: '/flows',
          query: publish(),
          yaml: source,
          // The create may have been applied with its answer lost: it is sent again only once the
          // flow is confirmed absent, so that a retry never makes a second revision.
          recover: async failure => {
            const stored = await readFlowAfter(failure, () => readFlow(send, key))
            return stored && answerOf(createdMeanwhile(key, stored, source, failure))
          }
        })
      ),
    updateFlow: async (key, source) =>
      savedFlow(await send({ method: 'PUT', path: flowPath(key), query: publish(), yaml: source })),
    deleteFlow: async key => {
      await send({
        method: 'DELETE',
        path: flowPath(key),
        // A 404 after a deletion whose answer was lost: the lost attempt did the deletion.
        recover: async failure => (failure.status === 404 ? NO_CONTENT : undefined)
      })
    },
    readNamespaceFiles: namespace => readNamespaceFiles(send, namespace, options.concurrency),
    writeNamespaceFile: (namespace, kestraPath, bytes) =>
      writeNamespaceFile(send, namespace, kestraPath, bytes),
    deleteNamespaceFile: (namespace, kestraPath) =>
      deleteNamespaceFile(send, namespace, kestraPath),
    close: () => requester.close()
  }
}

const NO_CONTENT: HttpResponse = { status: 204, headers: {}, body: Buffer.alloc(0) }

/** The answer a lost create would have given, for `savedFlow` to read. */
function answerOf(saved: SavedFlow): HttpResponse {
  return { status: 200, headers: {}, body: Buffer.from(JSON.stringify(saved)) }
}

/** Reads the flow after `failure`; when that fails too, the failure of the write stays in view. */
async function readFlowAfter(
  failure: KestraApiError,
  read: () => Promise<StoredFlow | undefined>
): Promise<StoredFlow | undefined> {
  try {
    return await read()
  } catch (error) {
    throw new KestraApiError(
      `${failure.message} Checking whether it was applied failed too: ${errorMessage(error)}`,
      failure.status
    )
  }
}

/**
 * After a create whose answer was lost, the flow is on the server: with the source sent, the lost
 * create made it; with another one, someone else did, and it is not overwritten.
 */
function createdMeanwhile(
  key: FlowKey,
  stored: StoredFlow,
  source: string,
  failure: KestraApiError
): SavedFlow {
  if (normalizeSource(stored.source) === normalizeSource(source)) {
    return { revision: stored.revision }
  }
  throw new KestraApiError(
    `${failure.message} Meanwhile ${flowName(key)} appeared on the server with another source (revision ${stored.revision}): it was not overwritten; a new run plans it as an update.`,
    409
  )
}

/** The revision the server gave the flow; a write that answered 2xx succeeded even if the body is odd. */
function savedFlow(response: HttpResponse): SavedFlow {
  try {
    const body = JSON.parse(response.body.toString('utf8')) as { revision?: unknown }
    return typeof body.revision === 'number' ? { revision: body.revision } : {}
  } catch {
    return {}
  }
}
