// @ts-check
// Flow parsing and validation, mimicking what Kestra checks without its plugin registry:
// YAML syntax and duplicate keys, unknown top-level properties (Jackson strict mode), polymorphic
// `type` presence on tasks/triggers/inputs, bean constraints of the Flow model, and FlowValidator's
// "Invalid Flow" checks, and the rules of the core Dag, Switch and WorkingDirectory tasks
// (flowable-rules.js). Task types are NOT checked (any `type` string is accepted). Wording follows
// core/.../serializers/YamlParser.java, validations/validator/FlowValidator.java and the model tests.
import { load, YAMLException } from 'js-yaml'
import { joinViolations } from './errors.js'
import { flowableTaskViolations } from './flowable-rules.js'
import { allTasks, isMap } from './flow-tasks.js'
import { genericFlowItemError, listenerItemError } from './list-items.js'

/**
 * @typedef {import('./versions.js').VersionProfile} VersionProfile
 * @typedef {import('./errors.js').FieldError} FieldError
 * @typedef {import('./flow-tasks.js').YamlMap} YamlMap
 * @typedef {{ id?: string, namespace?: string, revision?: number, disabled: boolean, doc: YamlMap }} ParsedFlow
 *
 * A failed validation: `message` is the exception message, `errors` its violations, and `parse`
 * marks a failure before the model exists (validate then reports no flow/namespace).
 * @typedef {{ message: string, errors: FieldError[], parse: boolean }} Violation
 */

const ID_PATTERN = '^[a-zA-Z0-9][a-zA-Z0-9._-]*'
const NAMESPACE_PATTERN = '^[a-z0-9][a-z0-9._-]*'
const INPUT_ID_PATTERN = '^[a-zA-Z0-9][.a-zA-Z0-9_-]*'

// Kestra 1.0 reserved ids (docs migration-guide v1.0.0/reserved-flow-ids): existing flows with such
// ids can no longer be edited, and Kestra's own test flows include `id: pause`, so the check belongs
// to writes (create/update), not to model validation or `flows/validate`.
const RESERVED_FLOW_IDS = new Set([
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
])

// Input `type` ids (core/.../models/flows/Type.java and input/*Input.java across versions).
const INPUT_TYPES = new Set([
  'STRING',
  'ENUM',
  'SELECT',
  'MULTISELECT',
  'INT',
  'FLOAT',
  'BOOLEAN',
  'BOOL',
  'DATETIME',
  'DATE',
  'TIME',
  'DURATION',
  'FILE',
  'JSON',
  'YAML',
  'URI',
  'EMAIL',
  'SECRET',
  'ARRAY'
])

/** @param {unknown} value */
function jacksonKind(value) {
  if (Array.isArray(value)) return 'Array'
  if (typeof value === 'string') return 'String'
  if (typeof value === 'number') return 'Integer'
  if (typeof value === 'boolean') return 'Boolean'
  return 'Object'
}

/** Scalar coerced to text as Jackson does for String fields. @param {unknown} value */
export function asText(value) {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

/** @param {string} message @returns {Violation} */
function parseFailure(message) {
  return { message, errors: [{ message, path: 'yaml' }], parse: true }
}

/**
 * @param {YAMLException} error
 * @param {string} source
 * @param {VersionProfile} profile
 */
function yamlErrorMessage(error, source, profile) {
  if (!error.mark) return 'No content to map due to end-of-input'
  const { line, column, position } = error.mark
  let reason = error.reason
  if (reason === 'duplicated mapping key') {
    // Jackson STRICT_DUPLICATE_DETECTION: `Duplicate field 'x'`.
    const key = /^\s*(?:-\s+)?["']?([^"':]+)/.exec(source.slice(position))?.[1]
    reason = `Duplicate field '${key ?? ''}'`
  }
  return profile.validationPrefix
    ? `YAML parsing error: ${reason} (at line ${line + 1})`
    : `${reason}\n at [Source: (String); line: ${line + 1}, column: ${column + 1}]`
}

/**
 * YAML text → top-level mapping, or the parse failure Kestra reports.
 * @param {string} source
 * @param {VersionProfile} profile
 * @returns {{ doc: YamlMap } | { violation: Violation }}
 */
function parseYaml(source, profile) {
  /** @type {unknown} */
  let doc
  try {
    doc = source.trim() === '' ? null : load(source)
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error
    return {
      violation: parseFailure(`Illegal flow source: ${yamlErrorMessage(error, source, profile)}`)
    }
  }
  if (doc === null || doc === undefined) {
    return { violation: parseFailure('Illegal flow source: No content to map due to end-of-input') }
  }
  if (!isMap(doc)) {
    const kind = jacksonKind(doc)
    return {
      violation: parseFailure(
        `Illegal flow source: Cannot deserialize value of type \`io.kestra.core.models.flows.Flow\` from ${kind} value`
      )
    }
  }
  return { doc }
}

/**
 * Deserialization-time failures, first one wins as with Jackson: on writes from 0.23, the
 * GenericFlow's typed tasks and triggers; then unknown top-level property, non-scalar
 * id/namespace, a listener that is not an object, missing/unknown polymorphic `type` (tasks,
 * triggers, inputs).
 * @param {YamlMap} doc
 * @param {string} source
 * @param {VersionProfile} profile
 * @param {boolean} write
 * @returns {Violation | undefined}
 */
function deserializationError(doc, source, profile, write) {
  const generic = write ? genericFlowItemError(source, doc, profile) : undefined
  if (generic) return parseFailure(generic)
  for (const key of Object.keys(doc)) {
    if (!profile.flowProperties.has(key)) {
      // UnrecognizedPropertyException: original message + suffix listing the known properties.
      const known = [...profile.flowProperties].sort().map(p => `"${p}"`)
      const message =
        `Unrecognized field "${key}" (class io.kestra.core.models.flows.Flow), not marked as ignorable` +
        ` (${known.length} known properties: ${known.join(', ')}])`
      return { message, errors: [{ message, path: key }], parse: true }
    }
    if (
      (key === 'id' || key === 'namespace') &&
      doc[key] !== null &&
      asText(doc[key]) === undefined
    ) {
      return parseFailure(
        `Illegal flow source: Cannot deserialize value of type \`java.lang.String\` from ${jacksonKind(doc[key])} value`
      )
    }
  }
  const listener = listenerItemError(source, doc, profile)
  if (listener) return parseFailure(listener)
  const typed = [...allTasks(doc)]
  if (Array.isArray(doc.triggers)) {
    doc.triggers.forEach((trigger, i) => {
      if (isMap(trigger)) typed.push({ task: trigger, path: `triggers[${i}]` })
    })
  }
  for (const { task, path } of typed) {
    if (task.type === undefined || task.type === null) return invalidType('null', path)
  }
  if (Array.isArray(doc.inputs)) {
    for (const [i, input] of doc.inputs.entries()) {
      const type = isMap(input) ? asText(input.type) : undefined
      if (type === undefined) return invalidType('null', `inputs[${i}]`)
      if (!INPUT_TYPES.has(type.toUpperCase())) return invalidType(type, `inputs[${i}]`)
    }
  }
  return undefined
}

/** InvalidTypeIdException as YamlParser reports it: `Invalid type: <id>`. @param {string} type @param {string} path */
function invalidType(type, path) {
  const message = `Invalid type: ${type}`
  return { message, errors: [{ message, path }], parse: true }
}

/**
 * @param {FieldError[]} out
 * @param {string} path
 * @param {unknown} raw
 * @param {{ pattern: string, max?: number, notBlank: boolean }} rules
 */
function checkIdentifier(out, path, raw, rules) {
  const value = asText(raw)
  if (value === undefined) {
    out.push({ path, message: 'must not be null' })
    return
  }
  if (rules.notBlank && value.trim() === '') out.push({ path, message: 'must not be blank' })
  if (!new RegExp(`${rules.pattern}$`).test(value)) {
    out.push({ path, message: `must match "${rules.pattern}"` })
  }
  if (rules.max !== undefined && (value.length < 1 || value.length > rules.max)) {
    out.push({ path, message: `size must be between 1 and ${rules.max}` })
  }
}

/** @param {string[]} values */
function duplicates(values) {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))]
}

/**
 * @param {unknown} items
 * @param {boolean} [nameAlias] inputs still accept the deprecated `name` for `id`
 * @returns {string[]} the ids of the mappings among items
 */
function idsOf(items, nameAlias = false) {
  if (!Array.isArray(items)) return []
  return items.flatMap(item => {
    const id = isMap(item) ? asText(nameAlias ? (item.id ?? item.name) : item.id) : undefined
    return id === undefined ? [] : [id]
  })
}

/**
 * Bean constraints on the flow itself (AbstractFlow/Flow annotations, Listener.tasks @NotEmpty).
 * @param {YamlMap} doc
 * @param {FieldError[]} out
 */
function flowConstraints(doc, out) {
  checkIdentifier(out, 'id', doc.id, { pattern: ID_PATTERN, max: 100, notBlank: true })
  checkIdentifier(out, 'namespace', doc.namespace, {
    pattern: NAMESPACE_PATTERN,
    max: 150,
    notBlank: false
  })
  const { revision } = doc
  if (revision !== undefined && revision !== null) {
    if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1) {
      out.push({ path: 'revision', message: 'must be greater than or equal to 1' })
    }
  }
  if (!Array.isArray(doc.tasks) || doc.tasks.length === 0) {
    out.push({ path: 'tasks', message: 'must not be empty' })
  }
  if (Array.isArray(doc.listeners)) {
    doc.listeners.forEach((listener, i) => {
      if (!isMap(listener) || !Array.isArray(listener.tasks) || listener.tasks.length === 0) {
        out.push({ path: `listeners[${i}].tasks`, message: 'must not be empty' })
      }
    })
  }
}

/**
 * Bean constraints on tasks and triggers (id @NotNull; OSS WorkerGroupValidator).
 * @param {YamlMap} doc
 * @param {VersionProfile} profile
 * @param {FieldError[]} out
 */
function taskConstraints(doc, profile, out) {
  for (const { task, path } of allTasks(doc)) {
    if (asText(task.id) === undefined) out.push({ path: `${path}.id`, message: 'must not be null' })
    if (
      profile.ossWorkerGroupCheck &&
      task.workerGroup !== undefined &&
      task.workerGroup !== null
    ) {
      const message = 'Worker Group is an Enterprise Edition functionality'
      out.push({ path: `${path}.workerGroup`, message })
    }
  }
  const triggers = Array.isArray(doc.triggers) ? doc.triggers : []
  triggers.forEach((trigger, i) => {
    if (isMap(trigger) && asText(trigger.id) === undefined) {
      out.push({ path: `triggers[${i}].id`, message: 'must not be null' })
    }
  })
}

/**
 * Bean constraints on inputs (id pattern, FILE defaults before 1.0, ARRAY of ARRAY).
 * `name` is the deprecated alias of `id` (Input's @Deprecated setter).
 * @param {YamlMap} doc
 * @param {VersionProfile} profile
 * @param {FieldError[]} out
 */
function inputConstraints(doc, profile, out) {
  const inputs = Array.isArray(doc.inputs) ? doc.inputs : []
  inputs.forEach((input, i) => {
    if (!isMap(input)) return
    const rawId = input.id ?? input.name
    const inputId = asText(rawId)
    checkIdentifier(out, `inputs[${i}].id`, rawId, { pattern: INPUT_ID_PATTERN, notBlank: true })
    const type = String(input.type).toUpperCase()
    if (profile.fileInputDefaultsCheck && type === 'FILE' && input.defaults !== undefined) {
      const message = `${inputId}: no \`defaults\` can be set for inputs of type 'FILE'`
      out.push({ path: `inputs[${i}]`, message })
    }
    if (type === 'ARRAY' && String(input.itemType).toUpperCase() === 'ARRAY') {
      out.push({ path: `inputs[${i}]`, message: `${inputId}: \`itemType\` cannot be \`ARRAY\`` })
    }
  })
}

/**
 * FlowValidator: a single class-level violation `Invalid Flow: problem, problem`.
 * @param {YamlMap} doc
 * @param {FieldError[]} out
 */
function flowValidator(doc, out) {
  const tasks = [...allTasks(doc)].map(({ task }) => task)
  const id = asText(doc.id)
  const namespace = asText(doc.namespace)
  /** @type {string[]} */
  const problems = []
  /** @param {string} label @param {string[]} ids */
  const reportDuplicates = (label, ids) => {
    const dups = duplicates(ids)
    if (dups.length > 0) problems.push(`${label} [${dups.join(', ')}]`)
  }
  reportDuplicates('Duplicate task id with name', idsOf(tasks))
  reportDuplicates('Duplicate trigger id with name', idsOf(doc.triggers))
  // An ExecutableTask (Subflow, ForEachItem) calling its own flow.
  for (const task of tasks) {
    if (id !== undefined && task.flowId === id && task.namespace === namespace) {
      problems.push(`Recursive call to flow [${namespace}.${id}]`)
    }
  }
  reportDuplicates('Duplicate input with name', idsOf(doc.inputs, true))
  reportDuplicates('Duplicate output with name', idsOf(doc.outputs))
  if (problems.length > 0) out.push({ path: '', message: `Invalid Flow: ${problems.join(', ')}` })
}

/**
 * Bean-validation and FlowValidator violations, all collected (ModelValidator).
 * @param {YamlMap} doc
 * @param {VersionProfile} profile
 * @returns {FieldError[]}
 */
function modelViolations(doc, profile) {
  /** @type {FieldError[]} */
  const out = []
  flowConstraints(doc, out)
  taskConstraints(doc, profile, out)
  out.push(...flowableTaskViolations(doc))
  inputConstraints(doc, profile, out)
  flowValidator(doc, out)
  return out
}

/**
 * The write-time reserved id check (≥1.0); wording inferred, the message was not found in the sources read.
 * @param {string} id
 * @param {VersionProfile} profile
 * @returns {FieldError[]}
 */
export function reservedIdViolations(id, profile) {
  return profile.reservedFlowIds && RESERVED_FLOW_IDS.has(id)
    ? [{ path: 'flow.id', message: `Flow id '${id}' is a reserved keyword` }]
    : []
}

/**
 * Validates one flow source the way create/update (`write`) and validate do.
 * @param {string} source
 * @param {VersionProfile} profile
 * @param {{ write?: boolean }} [options]
 * @returns {{ flow?: ParsedFlow, violation?: Violation }}
 */
export function validateFlowSource(source, profile, { write = false } = {}) {
  const parsed = parseYaml(source, profile)
  if ('violation' in parsed) return { violation: parsed.violation }
  const { doc } = parsed
  const failure = deserializationError(doc, source, profile, write)
  if (failure) return { violation: failure }
  /** @type {ParsedFlow} */
  const flow = {
    id: asText(doc.id),
    namespace: asText(doc.namespace),
    revision: typeof doc.revision === 'number' ? doc.revision : undefined,
    disabled: doc.disabled === true,
    doc
  }
  const errors = modelViolations(doc, profile)
  if (errors.length === 0) return { flow }
  return { flow, violation: { message: joinViolations(errors), errors, parse: false } }
}
