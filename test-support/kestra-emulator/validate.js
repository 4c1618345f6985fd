// @ts-check
// Flow parsing and validation, mimicking what Kestra checks without its plugin registry:
// YAML syntax and duplicate keys, unknown top-level properties (Jackson strict mode), polymorphic
// `type` presence on tasks/triggers/inputs, bean constraints of the Flow model, and FlowValidator's
// "Invalid Flow" checks, and the rules of the core Dag, Switch and WorkingDirectory tasks
// (flowable-rules.js). Task types are NOT checked (any `type` string is accepted). Wording follows
// core/.../serializers/YamlParser.java, validations/validator/FlowValidator.java and the model tests.
import { load, YAMLException } from 'js-yaml'
import { joinViolations, modelViolationMessage } from './errors.js'
import { flowableTaskViolations } from './flowable-rules.js'
import { allTasks, isMap } from './flow-tasks.js'
import { genericFlowItemError, listenerItemError } from './list-items.js'
import { parsedSource } from './parsed-source.js'
import { identityOf } from './yaml11.js'

/**
 * @typedef {import('./versions.js').VersionProfile} VersionProfile
 * @typedef {import('./errors.js').FieldError} FieldError
 * @typedef {import('./flow-tasks.js').YamlMap} YamlMap
 * @typedef {{ id?: string, namespace?: string, revision?: number, disabled: boolean, doc: YamlMap,
 *   answerId?: string, typedId?: string, namespaceClass?: string | null }} ParsedFlow
 *   `id`/`namespace` as written, which the repository keys the flow by; `answerId` as the write's
 *   answer and validate read it (YAML 1.1 from 0.23, see yaml11.js); `typedId` as YAML 1.1 reads
 *   it, which a PUT's id check uses in every version checked (0.20.7 too); `namespaceClass` the
 *   Java class of the typed namespace (from 0.23; anything but `String` fails a write)
 *
 * A failed validation: `message` is the exception message, `errors` its violations, and `parse`
 * marks a failure before the model exists (validate then reports no flow/namespace).
 * @typedef {{ message: string, errors: FieldError[], parse: boolean }} Violation
 *
 * Where a source is read: a write (create, update) or `flows/validate`. From 0.23 a write parses
 * it as a GenericFlow first, which shows in the wording of its errors.
 * @typedef {'write' | 'validate'} Route
 */

const ID_PATTERN = '^[a-zA-Z0-9][a-zA-Z0-9._-]*'
const NAMESPACE_PATTERN = '^[a-z0-9][a-z0-9._-]*'
const INPUT_ID_PATTERN = '^[a-zA-Z0-9][.a-zA-Z0-9_-]*'

// Kestra 1.0 reserved ids, in FlowValidator's order (its message lists them): checked with the model,
// so `flows/validate` reports them too (1.0.3 and 1.3.0).
const RESERVED_FLOW_IDS = [
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

/**
 * @param {string} message the exception message
 * @param {string} [detail] its one violation's message, when it differs
 * @param {string} [path]
 * @returns {Violation}
 */
function parseFailure(message, detail = message, path = 'yaml') {
  return { message, errors: [{ message: detail, path }], parse: true }
}

/**
 * A failure to read the YAML, worded as YamlParser does for the version and route:
 * `Illegal flow yaml: <Jackson's message>` before 0.23; then `Illegal genericflow source: …` for
 * writes, `Illegal Flow source: …` for validate; from 1.3 the detail is
 * `YAML parsing error: … (at line N)`; the newest line (RFC 9457) is left as it was read in its code.
 * @param {string} reason what failed, without location
 * @param {{ line: number, column: number } | undefined} at 1-based position, when known
 * @param {VersionProfile} profile
 * @param {Route} route
 * @returns {Violation}
 */
function illegalSource(reason, at, profile, route) {
  if (profile.problemJson) {
    const where = at ? ` (at line ${at.line})` : ''
    return parseFailure(`Illegal flow source: YAML parsing error: ${reason}${where}`)
  }
  const located = at
    ? `${reason}\n at [Source: (StringReader); line: ${at.line}, column: ${at.column}]`
    : reason
  const detail =
    profile.yamlErrorWording && at ? `YAML parsing error: ${located} (at line ${at.line})` : located
  const what = !profile.genericFlowParsing
    ? 'flow yaml'
    : route === 'write'
      ? 'genericflow source'
      : 'Flow source'
  return parseFailure(`Illegal ${what}: ${detail}`, detail)
}

/**
 * @param {YAMLException} error
 * @param {string} source
 * @param {VersionProfile} profile
 * @param {Route} route
 */
function yamlFailure(error, source, profile, route) {
  if (!error.mark) return endOfInput(profile, route)
  const { line, column, position } = error.mark
  if (error.reason !== 'duplicated mapping key') {
    return illegalSource(error.reason, { line: line + 1, column: column + 1 }, profile, route)
  }
  // Jackson STRICT_DUPLICATE_DETECTION, located just after the repeated key.
  const text = source.slice(position)
  const key = /^\s*(?:-\s+)?["']?([^"':]+)/.exec(text)?.[1] ?? ''
  const after = column + text.indexOf(key) + key.length + 1
  return illegalSource(
    `Duplicate field '${key}'`,
    { line: line + 1, column: after },
    profile,
    route
  )
}

/**
 * From 0.23 a repeated key is refused only among the flow's own keys: below them (a task's
 * properties, `variables`...) the last one wins, as 1.0.3 and 1.3.0 accept Kestra's own
 * duplicate-key.yaml test flow, which 0.20.7 refuses.
 * @param {YAMLException} error
 * @param {VersionProfile} profile
 */
function nestedDuplicateAccepted(error, profile) {
  return (
    profile.genericFlowParsing &&
    error.reason === 'duplicated mapping key' &&
    (error.mark?.column ?? 0) > 0
  )
}

/** @param {VersionProfile} profile @param {Route} route */
function endOfInput(profile, route) {
  return illegalSource(
    'No content to map due to end-of-input',
    { line: 1, column: 1 },
    profile,
    route
  )
}

/** The model class Jackson names: Flow before 0.23, then FlowWithSource. @param {VersionProfile} profile */
function flowClass(profile) {
  return `io.kestra.core.models.flows.${profile.genericFlowParsing ? 'FlowWithSource' : 'Flow'}`
}

/**
 * YAML text → top-level mapping, or the parse failure Kestra reports. The `id` and `namespace`
 * are read as Kestra reads them (yaml11.js): from 0.23 `id: off` is the flow `false`.
 * @param {string} source
 * @param {VersionProfile} profile
 * @param {Route} route
 * @returns {{ doc: YamlMap, identity: ReturnType<typeof identityOf> } | { violation: Violation }}
 */
function parseYaml(source, profile, route) {
  /** @type {unknown} */
  let doc
  try {
    doc = source.trim() === '' ? null : parsedSource(source)
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error
    if (!nestedDuplicateAccepted(error, profile)) {
      return { violation: yamlFailure(error, source, profile, route) }
    }
    doc = load(source, { json: true })
  }
  if (doc === null || doc === undefined) return { violation: endOfInput(profile, route) }
  if (!isMap(doc)) {
    const reason = `Cannot deserialize value of type \`${flowClass(profile)}\` from ${jacksonKind(doc)} value`
    return { violation: illegalSource(reason, undefined, profile, route) }
  }
  // The model is checked with the identity as read: YAML 1.1 from 0.23, the text before.
  const identity = identityOf(source)
  const read = { ...doc }
  for (const key of /** @type {const} */ (['id', 'namespace'])) {
    const value = identity[key]
    if (value) read[key] = profile.yaml11Identity ? value.typed : value.text
  }
  return { doc: read, identity }
}

/**
 * Deserialization-time failures, first one wins as with Jackson: on writes from 0.23, the
 * GenericFlow's typed tasks and triggers; then unknown top-level property, non-scalar
 * id/namespace, a listener that is not an object, missing/unknown polymorphic `type` (tasks,
 * triggers, inputs).
 * @param {YamlMap} doc
 * @param {string} source
 * @param {VersionProfile} profile
 * @param {Route} route
 * @returns {Violation | undefined}
 */
function deserializationError(doc, source, profile, route) {
  const generic = route === 'write' ? genericFlowItemError(source, doc, profile) : undefined
  if (generic) return parseFailure(generic)
  for (const key of Object.keys(doc)) {
    if (!profile.flowProperties.has(key)) {
      // UnrecognizedPropertyException: original message + suffix listing the known properties
      // (Jackson lists them in its own order, here sorted; 1.3's Jackson drops the `]`).
      const known = [...profile.flowProperties].sort().map(p => `"${p}"`)
      const message =
        `Unrecognized field "${key}" (class ${flowClass(profile)}), not marked as ignorable` +
        ` (${known.length} known properties: ${known.join(', ')}${profile.yamlErrorWording ? '' : ']'})`
      return parseFailure(message, message, `${flowClass(profile)}["${key}"]`)
    }
    if (
      (key === 'id' || key === 'namespace') &&
      doc[key] !== null &&
      asText(doc[key]) === undefined
    ) {
      const reason = `Cannot deserialize value of type \`java.lang.String\` from ${jacksonKind(doc[key])} value`
      return illegalSource(reason, undefined, profile, route)
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
    if (task.type === undefined || task.type === null) {
      return invalidType(profile.problemJson ? 'null' : '<null>', path, source, profile)
    }
  }
  if (Array.isArray(doc.inputs)) {
    for (const [i, input] of doc.inputs.entries()) {
      const type = isMap(input) ? asText(input.type) : undefined
      // An input's `type` is read as a plain value: a missing one is Java's `null`.
      if (type === undefined) return invalidType('null', `inputs[${i}]`, source, profile)
      if (!INPUT_TYPES.has(type.toUpperCase())) {
        return invalidType(type, `inputs[${i}]`, source, profile)
      }
    }
  }
  return undefined
}

/**
 * InvalidTypeIdException as YamlParser reports it: `Invalid type: <id>`, with two violations on
 * Jackson's reference chain (the short one and Jackson's own message).
 * @param {string} type
 * @param {string} path the emulator's path, `tasks[0]` or `tasks[0].tasks[1]`
 * @param {string} source
 * @param {VersionProfile} profile
 * @returns {Violation}
 */
function invalidType(type, path, source, profile) {
  const message = `Invalid type: ${type}`
  if (profile.problemJson) return parseFailure(message, message, path)
  const chain = referenceChain(path, profile)
  // Before 0.23 Jackson knew where it stood; the GenericFlow conversion after does not.
  const location = profile.genericFlowParsing
    ? 'UNKNOWN; byte offset: #UNKNOWN'
    : `(StringReader); line: ${source.split('\n').length}, column: 1`
  const jackson =
    `Could not resolve type id '${type}' as a subtype of \`io.kestra.core.models.Plugin\`: No plugin registered for the defined type: '${type}'` +
    `\n at [Source: ${location}] (through reference chain: ${chain})`
  return {
    message,
    errors: [
      { message, path: chain },
      { message: jackson, path: chain }
    ],
    parse: true
  }
}

/**
 * Jackson's reference chain for an emulator path: `tasks[0]` →
 * `io.kestra.core.models.flows.Flow["tasks"]->java.util.ArrayList[0]`. Nested lists are named after
 * the flow too: their parent's class is not known here (an approximation, only ever seen nested).
 * @param {string} path
 * @param {VersionProfile} profile
 */
function referenceChain(path, profile) {
  return path
    .split('.')
    .map((part, i) => {
      const [, name, index] = /^(\w+)(?:\[(\d+)\])?$/.exec(part) ?? [part, part, undefined]
      const owner = i === 0 ? flowClass(profile) : 'io.kestra.core.models.tasks.Task'
      return `${owner}["${name}"]${index === undefined ? '' : `->java.util.ArrayList[${index}]`}`
    })
    .join('->')
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
    if (rules.notBlank) out.push({ path, message: 'must not be blank' })
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
    if (asText(task.id) === undefined) {
      out.push({ path: `${path}.id`, message: 'must not be null' })
      out.push({ path: `${path}.id`, message: 'must not be blank' })
    }
    if (
      profile.ossWorkerGroupCheck &&
      task.workerGroup !== undefined &&
      task.workerGroup !== null
    ) {
      // Its leaf is no task: the message keeps the `tasks[N]` path.
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
    const before = out.length
    checkIdentifier(out, `inputs[${i}].id`, rawId, { pattern: INPUT_ID_PATTERN, notBlank: true })
    out.slice(before).forEach(violation => (violation.subject = inputId))
    const type = String(input.type).toUpperCase()
    // Class-level input rules: their message shows the input's id for `inputs[N]`.
    if (type === 'FILE' && input.defaults !== undefined && input.defaults !== null) {
      const uri = /^(?:file|nsfile):\/\//.test(String(input.defaults))
      if (profile.fileInputDefaults === 'none') {
        const message = "no `defaults` can be set for inputs of type 'FILE'"
        out.push({ path: `inputs[${i}]`, message, subject: inputId })
      } else if (!uri) {
        const message =
          "inputs of type 'FILE' only support `defaults` as local files using a file URI or as namespace files using a nsfile URI"
        out.push({ path: `inputs[${i}]`, message, subject: inputId })
      }
    }
    const hasDefaults = input.defaults !== undefined && input.defaults !== null
    if (profile.inputDefaultsRule && hasDefaults) {
      const message =
        input.required === false
          ? 'Inputs with a default value must be required, since the default is always applied.'
          : input.prefill !== undefined && input.prefill !== null
            ? 'Inputs with a default value cannot also have a prefill.'
            : undefined
      if (message) out.push({ path: `inputs[${i}]`, message, subject: inputId })
    }
    if (type === 'ARRAY' && String(input.itemType).toUpperCase() === 'ARRAY') {
      const array = profile.arrayItemTypeQuoted ? '`ARRAY`' : 'ARRAY'
      out.push({
        path: `inputs[${i}]`,
        message: `\`itemType\` cannot be ${array}`,
        subject: inputId
      })
    }
  })
}

/**
 * FlowValidator: a single class-level violation `Invalid Flow: problem, problem`. From 1.0 its
 * first problem is a reserved flow id, so validate reports it too.
 * @param {YamlMap} doc
 * @param {VersionProfile} profile
 * @param {FieldError[]} out
 */
function flowValidator(doc, profile, out) {
  const tasks = [...allTasks(doc)].map(({ task }) => task)
  const id = asText(doc.id)
  const namespace = asText(doc.namespace)
  /** @type {string[]} */
  const problems = []
  if (profile.reservedFlowIds && id !== undefined && RESERVED_FLOW_IDS.includes(id)) {
    problems.push(
      `Flow id is a reserved keyword: ${id}. List of reserved keywords: ${RESERVED_FLOW_IDS.join(', ')}`
    )
  }
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
  for (const { key, value } of labelsOf(doc.labels)) {
    if (key.startsWith('system.') && key !== 'system.readOnly') {
      problems.push(
        `System labels can only be set by Kestra itself, offending label: ${key}=${value}`
      )
    }
  }
  if (problems.length > 0) out.push({ path: '', message: `Invalid Flow: ${problems.join(', ')}` })
}

/**
 * Labels as a map or as a list of `{key, value}`.
 * @param {unknown} labels
 * @returns {Array<{ key: string, value: string }>}
 */
function labelsOf(labels) {
  if (Array.isArray(labels)) {
    return labels.filter(isMap).map(label => ({
      key: asText(label.key) ?? '',
      value: String(label.value)
    }))
  }
  return isMap(labels)
    ? Object.entries(labels).map(([key, value]) => ({ key, value: String(value) }))
    : []
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
  out.push(...flowableTaskViolations(doc, profile))
  inputConstraints(doc, profile, out)
  flowValidator(doc, profile, out)
  return out
}

/**
 * Validates one flow source the way create/update (`write`) or validate do.
 * @param {string} source
 * @param {VersionProfile} profile
 * @param {Route} [route]
 * @returns {{ flow?: ParsedFlow, violation?: Violation }}
 */
export function validateFlowSource(source, profile, route = 'write') {
  const parsed = parseYaml(source, profile, route)
  if ('violation' in parsed) return { violation: parsed.violation }
  const { doc, identity } = parsed
  const failure = deserializationError(doc, source, profile, route)
  if (failure) return { violation: failure }
  /** @type {ParsedFlow} */
  const flow = {
    id: asText(identity.id ? identity.id.text : doc.id),
    answerId: asText(doc.id),
    typedId: asText(identity.id ? identity.id.typed : doc.id),
    namespace: asText(identity.namespace ? identity.namespace.text : doc.namespace),
    namespaceClass: profile.yaml11Identity ? identity.namespace?.javaClass : 'String',
    revision: typeof doc.revision === 'number' ? doc.revision : undefined,
    disabled: doc.disabled === true,
    doc
  }
  const errors = modelViolations(doc, profile)
  if (errors.length === 0) return { flow }
  // The newest line is left as its code was read (violations joined by `, `).
  const message = profile.problemJson ? joinViolations(errors) : modelViolationMessage(errors)
  return { flow, violation: { message, errors, parse: false } }
}
