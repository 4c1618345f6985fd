/** Kestra's rules for flow ids and namespaces (its model's patterns and sizes). */

const FLOW_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/
const FLOW_ID_MAX_LENGTH = 100
const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9._-]*$/
const NAMESPACE_MAX_LENGTH = 150
/** Flow ids that clash with API routes, refused by Kestra since 1.0. */
export const RESERVED_FLOW_IDS: readonly string[] = [
  'pause',
  'resume',
  'force-run',
  'change-status',
  'kill',
  'executions',
  'search',
  'source',
  'disable',
  'enable'
]

/** Why `id` cannot be a Kestra flow id, or undefined when it can. */
export function flowIdProblem(id: string): string | undefined {
  if (id === '') return 'the flow id is empty'
  if (id.length > FLOW_ID_MAX_LENGTH) {
    return `'${id}' is ${id.length} characters long; a flow id has at most ${FLOW_ID_MAX_LENGTH}`
  }
  if (!FLOW_ID_PATTERN.test(id)) {
    return `'${id}' must start with a letter or a digit and contain only letters, digits, '.', '_' and '-'`
  }
  return undefined
}

/**
 * Why `id` cannot be a flow id on Kestra 1.0 or later, or undefined. Older servers accept these
 * ids, so this is checked once the server's version is known.
 */
export function reservedFlowIdProblem(id: string): string | undefined {
  if (!RESERVED_FLOW_IDS.includes(id)) return undefined
  return `'${id}' is reserved since Kestra 1.0 (reserved ids: ${RESERVED_FLOW_IDS.join(', ')})`
}

/** Why `namespace` cannot be a Kestra namespace, or undefined when it can. */
export function namespaceProblem(namespace: string): string | undefined {
  if (namespace === '') return 'the namespace is empty'
  if (namespace.length > NAMESPACE_MAX_LENGTH) {
    return `'${namespace}' is ${namespace.length} characters long; a namespace has at most ${NAMESPACE_MAX_LENGTH}`
  }
  if (!NAMESPACE_PATTERN.test(namespace)) {
    return `'${namespace}' must start with a lower-case letter or a digit and contain only lower-case letters, digits, '.', '_' and '-'`
  }
  return undefined
}
