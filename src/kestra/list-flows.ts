import { unzipSync, strFromU8 } from 'fflate'
import { compareFlowKeys, flowKeyString, flowName, type FlowKey } from '../flow/flow-key.js'
import type { IdentifyFlowText } from '../flow/flow-texts.js'
import { isInScope, type NamespaceScope } from '../flow/namespace-scope.js'
import type { FlowRevision, ServerFlow } from '../flow/server-flow.js'
import { mapConcurrent } from '../util/map-concurrent.js'
import { flowPath, parseJson, type Send } from './api-call.js'
import { KestraApiError } from './api-error.js'
import type { HttpResponse } from './http-transport.js'
import { readSearchPage, type SearchedFlow, type SearchPage } from './search-page.js'

/** Answers meaning "no such export here" rather than a failure of the server. */
const EXPORT_UNAVAILABLE = [400, 404, 405, 406, 415, 501]

/**
 * Search results come in pages; one large page keeps the request count flat as flows grow, up to
 * 10,000 flows in scope (Kestra sets no maximum).
 */
const SEARCH_PAGE_SIZE = 10000

/**
 * From this size a search page is scanned for the four fields the sync reads (search-page.ts):
 * `JSON.parse` would build the whole model of every flow at once, 3 to 7 times the page's bytes.
 * A smaller page (up to some 1,700 flows) goes to `JSON.parse`, faster on it in a fresh process:
 * 10 ms against 34 for a page of 1,000 flows (1.2 MB), before the scanner's code is optimised.
 */
const SCANNED_PAGE_BYTES = 2 * 1024 * 1024

/**
 * Sources are read with the export ZIP (one request for the whole scope) rather than one
 * `GET ?source=true` per flow: the round trips, not the bytes, are what cost on a distant server.
 * The search gives the revisions, which the ZIP does not carry. A flow the ZIP lacks (changed
 * between the two reads, or an entry we cannot parse) is read on its own.
 */
export async function listFlowsWithSources(
  send: Send,
  syntax: FilterSyntax,
  scope: NamespaceScope,
  options: ListOptions
): Promise<ServerFlow[]> {
  return await withFilterFallback(syntax, scope, filter =>
    listWithFilter(send, filter, scope, options)
  )
}

export interface ListOptions {
  /** Flows read on their own at once, for those the export lacks. */
  concurrency: number
  /** Which flow each text of the export declares (see flow-texts.ts). */
  identify: IdentifyFlowText
}

/** The latest revision of each flow of the scope, without sources: a search. */
export async function listFlowRevisions(
  send: Send,
  syntax: FilterSyntax,
  scope: NamespaceScope
): Promise<FlowRevision[]> {
  return await withFilterFallback(syntax, scope, filter => searchFlows(send, filter, scope))
}

/**
 * How a server takes the namespace filter, as far as known: from its version, until it refuses
 * `filters[...]`. One per client, so a refusal is learnt once, not at every read.
 */
export interface FilterSyntax {
  queryFilters: boolean
}

async function withFilterFallback<T>(
  syntax: FilterSyntax,
  scope: NamespaceScope,
  read: (filter: URLSearchParams) => Promise<T>
): Promise<T> {
  try {
    return await read(namespaceFilter(syntax.queryFilters, scope))
  } catch (error) {
    // The release that brought `filters[...]` is not documented: a server refusing them gets
    // the flat `namespace=` that every version up to 1.3 maps.
    if (!syntax.queryFilters || !(error instanceof KestraApiError) || error.status !== 400)
      throw error
    syntax.queryFilters = false
    return await read(namespaceFilter(false, scope))
  }
}

async function listWithFilter(
  send: Send,
  filter: URLSearchParams,
  scope: NamespaceScope,
  { concurrency, identify }: ListOptions
): Promise<ServerFlow[]> {
  const [listed, exported] = await Promise.all([
    searchFlows(send, filter, scope),
    exportSources(send, filter, identify)
  ])
  const missing = listed.filter(flow => !exported.has(flowKeyString(flow)))
  const fetched = await mapConcurrent(missing, concurrency, flow => fetchSource(send, flow))
  missing.forEach((flow, index) => exported.set(flowKeyString(flow), fetched[index] as string))
  return listed
    .map(flow => ({ ...flow, source: exported.get(flowKeyString(flow)) as string }))
    .sort((a, b) => compareFlowKeys(a, b))
}

/** The flat `namespace=` is a dot-aware prefix; the exact scope is cut client-side anyway. */
function namespaceFilter(queryFilters: boolean, scope: NamespaceScope): URLSearchParams {
  if (!queryFilters) return new URLSearchParams({ namespace: scope.namespace })
  const operator = scope.includeChildren ? 'PREFIX' : 'EQUALS'
  return new URLSearchParams({ [`filters[namespace][${operator}]`]: scope.namespace })
}

async function searchFlows(
  send: Send,
  filter: URLSearchParams,
  scope: NamespaceScope
): Promise<FlowRevision[]> {
  const flows = new Map<string, FlowRevision>()
  let received = 0
  for (let page = 1; ; page++) {
    const query = new URLSearchParams(filter)
    query.set('size', String(SEARCH_PAGE_SIZE))
    query.set('page', String(page))
    // A stable order, so that pages neither skip nor repeat flows.
    query.append('sort', 'namespace:asc')
    query.append('sort', 'id:asc')
    const response = await send({ method: 'GET', path: '/flows/search', query })
    const body: SearchPage =
      (response.body.byteLength >= SCANNED_PAGE_BYTES
        ? readSearchPage(response.body)
        : undefined) ?? parseJson<SearchPage>(response, 'GET flows/search')
    // Taking a malformed answer for "no flows" would plan every flow as ADDED.
    if (!Array.isArray(body.results))
      throw unexpectedAnswer('GET flows/search', 'no `results` list')
    const results: unknown[] = body.results
    for (const result of results) {
      const flow = (result ?? {}) as SearchedFlow
      if (
        typeof flow.namespace !== 'string' ||
        typeof flow.id !== 'string' ||
        flow.deleted === true
      )
        continue
      // The server filter is a first cut; the dot-aware scope is decided here.
      if (!isInScope(flow.namespace, scope)) continue
      const revision = typeof flow.revision === 'number' ? flow.revision : 0
      flows.set(flowKeyString({ namespace: flow.namespace, id: flow.id }), {
        namespace: flow.namespace,
        id: flow.id,
        revision
      })
    }
    // A server may cap the page size below what was asked: `total` says when all is read.
    received += results.length
    const total = typeof body.total === 'number' ? body.total : undefined
    const done = total === undefined ? results.length < SEARCH_PAGE_SIZE : received >= total
    if (done || results.length === 0) break
  }
  return [...flows.values()]
}

/** Entry names differ between versions, so each flow is known by the id and namespace it holds. */
async function exportSources(
  send: Send,
  filter: URLSearchParams,
  identify: IdentifyFlowText
): Promise<Map<string, string>> {
  const sources = new Map<string, string>()
  let response: HttpResponse
  try {
    // The export produces only octet-stream: asking for JSON would route the call elsewhere.
    response = await send({
      method: 'GET',
      path: '/flows/export/by-query',
      query: filter,
      accept: 'application/octet-stream'
    })
  } catch (error) {
    // A server or proxy without this export: every flow is then read on its own.
    if (error instanceof KestraApiError && EXPORT_UNAVAILABLE.includes(error.status)) return sources
    throw error
  }
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(
      new Uint8Array(response.body.buffer, response.body.byteOffset, response.body.byteLength)
    )
  } catch {
    return sources // not a ZIP (an old or unusual server): every flow is then read on its own
  }
  for (const bytes of Object.values(entries)) {
    try {
      const { source, key } = identify(strFromU8(bytes))
      if (key) sources.set(flowKeyString(key), source)
    } catch {
      // Left out here and read by `GET ?source=true`, which tells its namespace and id.
    }
  }
  return sources
}

async function fetchSource(send: Send, key: FlowKey): Promise<string> {
  const stored = await readFlow(send, key)
  if (!stored) throw unexpectedAnswer(`GET flow ${flowName(key)}`, 'no flow (404)')
  return stored.source
}

/** A flow as stored now, by its own GET; undefined when it is absent (or deleted). */
export interface StoredFlow {
  source: string
  revision: number
}

export async function readFlow(send: Send, key: FlowKey): Promise<StoredFlow | undefined> {
  const call = `GET flow ${flowName(key)}?source=true`
  let response: HttpResponse
  try {
    response = await send({
      method: 'GET',
      path: flowPath(key),
      query: new URLSearchParams({ source: 'true' })
    })
  } catch (error) {
    if (error instanceof KestraApiError && error.status === 404) return undefined
    throw error
  }
  const body = parseJson<{ source?: unknown; revision?: unknown }>(response, call)
  if (typeof body.source !== 'string') throw unexpectedAnswer(call, 'no `source`')
  return { source: body.source, revision: typeof body.revision === 'number' ? body.revision : 0 }
}

function unexpectedAnswer(call: string, what: string): KestraApiError {
  return new KestraApiError(
    `Kestra's answer to ${call} has ${what}; is 'kestra-url' a Kestra server of a supported version?`,
    200
  )
}
