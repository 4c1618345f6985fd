// @ts-check
// The tasks of a flow document, found the way Flow.allTasksWithChilds() finds them: top-level lists,
// listener tasks, then each flowable task's children, depth first.

/** @typedef {Record<string, unknown>} YamlMap */

// Top-level task lists, in Flow.allTasks() order; listeners hold theirs one level down.
const TASK_SECTIONS = ['tasks', 'errors', 'finally', 'afterExecution']
// Where flowable core tasks keep children (Sequential/Parallel/Dag/Switch/If/WorkingDirectory...).
const CHILD_TASK_KEYS = ['tasks', 'errors', 'finally', 'then', 'else', 'defaults']

/**
 * @param {unknown} value
 * @returns {value is YamlMap}
 */
export function isMap(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Depth-first walk like Flow.allTasksWithChilds(): each task, then its children.
 * Dag children are wrapped as `{ task, dependsOn }`; Switch keeps lists under `cases.<value>`.
 * @param {unknown} list
 * @param {string} path
 * @returns {Generator<{ task: YamlMap, path: string }>}
 */
function* walkTasks(list, path) {
  if (!Array.isArray(list)) return
  for (const [index, item] of list.entries()) {
    if (!isMap(item)) continue
    const isDagWrapper = item.id === undefined && item.type === undefined && isMap(item.task)
    const task = isDagWrapper ? /** @type {YamlMap} */ (item.task) : item
    const taskPath = isDagWrapper ? `${path}[${index}].task` : `${path}[${index}]`
    yield { task, path: taskPath }
    for (const key of CHILD_TASK_KEYS) yield* walkTasks(task[key], `${taskPath}.${key}`)
    if (isMap(task.cases)) {
      for (const [value, cases] of Object.entries(task.cases)) {
        yield* walkTasks(cases, `${taskPath}.cases.${value}`)
      }
    }
  }
}

/** @param {YamlMap} doc */
export function* allTasks(doc) {
  for (const section of TASK_SECTIONS) yield* walkTasks(doc[section], section)
  if (Array.isArray(doc.listeners)) {
    for (const [index, listener] of doc.listeners.entries()) {
      if (isMap(listener)) yield* walkTasks(listener.tasks, `listeners[${index}].tasks`)
    }
  }
}
