/** Kestra's rules for flow ids and namespaces (its model's patterns and sizes). */

import { kestraScalarText } from './yaml11.js'

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
 * Why an unquoted `id` cannot be synced, or undefined. Kestra keeps the flow under the id as
 * written, but checks an update's id as YAML 1.1 reads it (`off` is `false`, `012` is `10`): the
 * flow would be created once and every later update refused (`Illegal flow id update`; 0.20.7,
 * 1.0.3 and 1.3.0 alike). Quoted, the id is the same text for every reader.
 */
export function unquotedIdProblem(id: string): string | undefined {
  const kestra = kestraScalarText(id)
  if (kestra === id) return undefined
  return `unquoted, '${id}' is read by Kestra as '${String(kestra)}' (YAML 1.1): the flow would be created as '${id}' and every later update of it refused; quote it: id: "${id}"`
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
