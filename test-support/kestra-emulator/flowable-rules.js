// @ts-check
// The class-level rules of three core flowable tasks, which Kestra checks without its plugin
// registry: DagTaskValidator, SwitchTaskValidator and WorkingDirectoryTaskValidator
// (core/.../validations/validator/, messages verbatim). WorkingDirectory's "only runnable tasks"
// rule is left out: telling a runnable task from a flowable one needs the plugin registry.
import { allTasks, isMap } from './flow-tasks.js'

/**
 * @typedef {import('./flow-tasks.js').YamlMap} YamlMap
 * @typedef {import('./errors.js').FieldError} FieldError
 */

/** Each rule by task type, current name and the alias older flows use (`@Plugin(aliases)`). */
const RULES = new Map(
  /** @type {Array<[string, (task: YamlMap) => string | undefined]>} */ ([
    ['Dag', dagProblem],
    ['Switch', switchProblem],
    ['WorkingDirectory', workingDirectoryProblem]
  ]).flatMap(([name, rule]) => [
    [`io.kestra.plugin.core.flow.${name}`, rule],
    [`io.kestra.core.tasks.flows.${name}`, rule]
  ])
)
RULES.set('io.kestra.core.tasks.flows.Worker', workingDirectoryProblem)

/** The core tasks whose `tasks` list is constrained, by name (current and alias). */
const PARALLEL = new Set([
  'io.kestra.plugin.core.flow.Parallel',
  'io.kestra.core.tasks.flows.Parallel'
])
// WorkingDirectory extends Sequential; Worker is its old alias.
const SEQUENTIAL = new Set(
  ['Sequential', 'WorkingDirectory', 'Worker'].flatMap(name => [
    `io.kestra.plugin.core.flow.${name}`,
    `io.kestra.core.tasks.flows.${name}`
  ])
)

/**
 * One violation per task that breaks its type's rule, at the task's path, and those of the bean
 * constraints on Parallel's `tasks` (@NotNull @NotEmpty) and, from 1.0, Sequential's (@NotEmpty
 * with its own message), at `path.tasks`. Their messages name the task (`subject`).
 * @param {YamlMap} doc
 * @param {import('./versions.js').VersionProfile} profile
 * @returns {FieldError[]}
 */
export function flowableTaskViolations(doc, profile) {
  return [...allTasks(doc)].flatMap(({ task, path }) => {
    const type = typeof task.type === 'string' ? task.type : ''
    const message = RULES.get(type)?.(task)
    const subject = typeof task.id === 'string' ? task.id : undefined
    /** @type {FieldError[]} */
    const found = message ? [{ path, message, subject }] : []
    const at = `${path}.tasks`
    if (PARALLEL.has(type)) {
      if (task.tasks === undefined || task.tasks === null) {
        found.push({ path: at, message: 'must not be null', subject })
      }
      if (isEmptyList(task.tasks)) found.push({ path: at, message: 'must not be empty', subject })
    }
    if (SEQUENTIAL.has(type) && profile.sequentialTasksRule && isEmptyList(task.tasks)) {
      found.push({ path: at, message: "The 'tasks' property cannot be empty", subject })
    }
    return found
  })
}

/** @param {unknown} value */
const isEmptyList = value => !Array.isArray(value) || value.length === 0

/** @param {YamlMap} task */
function dagProblem(task) {
  if (isEmptyList(task.tasks)) return 'No task defined'
  const nodes = /** @type {unknown[]} */ (task.tasks).map(item => ({
    id: isMap(item) && isMap(item.task) ? item.task.id : undefined,
    dependsOn: isMap(item) && Array.isArray(item.dependsOn) ? item.dependsOn : undefined
  }))
  const ids = nodes.map(node => node.id)
  const missing = nodes.flatMap(node => node.dependsOn ?? []).filter(id => !ids.includes(id))
  if (missing.length > 0) return `Not existing task id in dependency: ${missing.join(', ')}`
  const cyclic = nodes
    .filter(node => node.dependsOn && reachable(node, nodes, new Set()).has(node.id))
    .map(node => node.id)
  return cyclic.length > 0 ? `Cyclic dependency detected: ${cyclic.join(', ')}` : undefined
}

/**
 * Dag.nestedDependencies: the task ids reachable through `dependsOn`, added to `seen`.
 * @param {{ dependsOn?: unknown[] }} node
 * @param {Array<{ id: unknown, dependsOn?: unknown[] }>} nodes
 * @param {Set<unknown>} seen
 * @returns {Set<unknown>}
 */
function reachable(node, nodes, seen) {
  for (const dependency of node.dependsOn ?? []) {
    if (seen.has(dependency)) continue
    seen.add(dependency)
    const next = nodes.find(other => other.id === dependency)
    if (next) reachable(next, nodes, seen)
  }
  return seen
}

/** @param {YamlMap} task */
function switchProblem(task) {
  const noCases = !isMap(task.cases) || Object.keys(task.cases).length === 0
  return noCases && isEmptyList(task.defaults)
    ? 'No task defined, neither cases or default have any tasks'
    : undefined
}

/** @param {YamlMap} task */
function workingDirectoryProblem(task) {
  return isEmptyList(task.tasks) ? "The 'tasks' property cannot be empty" : undefined
}
