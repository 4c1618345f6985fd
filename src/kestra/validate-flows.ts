import type { FlowValidation } from '../flow/server-flow.js'
import { mapConcurrent } from '../util/map-concurrent.js'
import { parseJson, type Send } from './api-call.js'
import { KestraApiError } from './api-error.js'

/** Keeps each request under common proxy body limits and well within the request timeout. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024
const MAX_BATCH_FLOWS = 250

/**
 * `POST /flows/validate` takes several flows joined by `---` lines and answers one verdict per
 * piece, in order: Kestra cuts the body with `split("\n+---\n*?")`. A flow whose text still holds
 * such a line would be cut apart, so it is never batched: it is sent alone and, if the server still
 * cuts it, reported as not checked.
 */
export async function validateInBatches(
  send: Send,
  flowSources: string[],
  concurrency: number
): Promise<FlowValidation[]> {
  const sources = flowSources.map(withoutDocumentStart)
  const results = new Array<FlowValidation>(sources.length)
  const batches: number[][] = []
  let current: number[] = []
  let currentBytes = 0
  sources.forEach((source, index) => {
    if (holdsDocumentSeparator(source)) {
      batches.push([index])
      return
    }
    const bytes = Buffer.byteLength(source)
    if (
      current.length > 0 &&
      (currentBytes + bytes > MAX_BATCH_BYTES || current.length >= MAX_BATCH_FLOWS)
    ) {
      batches.push(current)
      current = []
      currentBytes = 0
    }
    current.push(index)
    currentBytes += bytes
  })
  if (current.length > 0) batches.push(current)

  // Batches go side by side, as writes do: 10,000 flows are 40 batches, not 40 round trips. After
  // a failure, no new batch starts, and those in flight finish before it is thrown.
  let failure: { error: unknown } | undefined
  await mapConcurrent(
    batches,
    concurrency,
    batch =>
      validateBatch(send, batch, sources, results).catch((error: unknown) => {
        failure ??= { error }
      }),
    () => failure !== undefined
  )
  if (failure) throw failure.error
  return results
}

/** Sends the flows of `batch` (indexes in `sources`) and puts each verdict in `results`. */
async function validateBatch(
  send: Send,
  batch: number[],
  sources: string[],
  results: FlowValidation[]
): Promise<void> {
  const body = batch.map(index => (sources[index] as string).replace(/\s+$/, '')).join('\n---\n')
  const answer = parseJson<unknown[]>(
    await send({ method: 'POST', path: '/flows/validate', yaml: body }),
    'POST flows/validate'
  )
  const verdicts = Array.isArray(answer) ? answer.map(toValidation) : []
  if (verdicts.length === batch.length) {
    batch.forEach(
      (sourceIndex, position) => (results[sourceIndex] = verdicts[position] as FlowValidation)
    )
  } else if (batch.length === 1) {
    results[batch[0] as number] = {
      warnings: [],
      deprecationPaths: [],
      infos: [],
      checked: false
    }
  } else {
    throw new KestraApiError(
      `Kestra answered ${verdicts.length} results to POST flows/validate for ${batch.length} flows; nothing was written.`,
      200
    )
  }
}

/** Any line starting with `---` may be taken by the server as the start of another flow. */
export function holdsDocumentSeparator(source: string): boolean {
  return /(^|[\r\n])---/.test(source)
}

/**
 * Many repositories start every YAML file with a `---` marker (yamllint's default). It means
 * nothing to the flow, so for validation it becomes a blank line (line numbers in the server's
 * messages stay right) and the flow can be batched. Comments may stand before it; a directive
 * (`%YAML`) needs its marker, so such a flow is left as is and validated alone.
 */
function withoutDocumentStart(source: string): string {
  return source.replace(/^((?:[ \t]*(?:#.*)?\r?\n)*)---[ \t]*(?:#.*)?(?=\r?\n|$)/, '$1')
}

function toValidation(entry: unknown): FlowValidation {
  const value = (entry ?? {}) as Record<string, unknown>
  const strings = (field: unknown): string[] =>
    Array.isArray(field) ? field.filter((item): item is string => typeof item === 'string') : []
  const constraints =
    typeof value.constraints === 'string' && value.constraints.trim()
      ? value.constraints.trim()
      : undefined
  return {
    ...(constraints ? { constraints } : {}),
    warnings: strings(value.warnings),
    deprecationPaths: strings(value.deprecationPaths),
    infos: strings(value.infos),
    checked: true
  }
}
