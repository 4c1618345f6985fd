import { sameYamlValue } from '../flow/same-yaml-value.js'
import {
  isMapping,
  loadFlowDocument,
  mappingsOf,
  textOf,
  type YamlMapping
} from './flow-document.js'
import { name, type Phrase } from './phrase.js'
import { isSchedule, scheduleInWords } from './schedule-words.js'

/** Keys of a task that hold other tasks (Dag items hold theirs under `task`). */
const CHILD_TASK_LISTS = [
  'tasks',
  'errors',
  'finally',
  'afterExecution',
  'then',
  'else',
  'defaults'
]
/** Keys of a flow that hold its tasks; `listeners` hold theirs one level down. */
const FLOW_TASK_LISTS = ['tasks', 'errors', 'finally', 'afterExecution']
/** Keys the digest tells of one by one; any other key that changed is named at the end. */
const DIGESTED_KEYS = new Set([
  ...FLOW_TASK_LISTS,
  'listeners',
  'triggers',
  'inputs',
  'disabled',
  'labels',
  'concurrency',
  'revision'
])

/**
 * What a change means, read from the parsed flows rather than their text: tasks, triggers
 * (a Schedule's cron in words), inputs that callers depend on, the flow's `disabled`, labels and
 * concurrency. Undefined when either source cannot be parsed.
 */
export function digestFlowChange(before: string, after: string): Phrase[] | undefined {
  const old = loadFlowDocument(before)
  const now = loadFlowDocument(after)
  if (!old || !now) return undefined
  if (sameYamlValue(withoutRevision(old), withoutRevision(now))) {
    return [['only comments or formatting changed']]
  }
  const otherKeys = [...new Set([...Object.keys(old), ...Object.keys(now)])].filter(
    key => !DIGESTED_KEYS.has(key) && !sameYamlValue(old[key], now[key])
  )
  return [
    ...flowSwitch(old, now),
    ...taskChanges(tasksOfFlow(old), tasksOfFlow(now)),
    ...triggerChanges(byId(old.triggers), byId(now.triggers)),
    ...inputChanges(byId(old.inputs), byId(now.inputs)),
    ...labelChanges(labelsOf(old.labels), labelsOf(now.labels)),
    ...concurrencyChange(old.concurrency, now.concurrency),
    ...(otherKeys.length > 0 ? [listed('also changed: ', otherKeys)] : [])
  ]
}

function withoutRevision(flow: YamlMapping): YamlMapping {
  return without(flow, 'revision')
}

function without(mapping: YamlMapping, key: string): YamlMapping {
  const rest = { ...mapping }
  delete rest[key]
  return rest
}

function flowSwitch(old: YamlMapping, now: YamlMapping): Phrase[] {
  const was = old.disabled === true
  const is = now.disabled === true
  if (was === is) return []
  return [[is ? 'the flow is now disabled: it no longer runs' : 'the flow is enabled again']]
}

/** Every task of a flow by id, nested ones included, each without the tasks it holds. */
function tasksOfFlow(flow: YamlMapping): Map<string, YamlMapping> {
  const tasks = new Map<string, YamlMapping>()
  for (const key of FLOW_TASK_LISTS) collectTasks(flow[key], tasks)
  for (const listener of mappingsOf(flow.listeners)) collectTasks(listener.tasks, tasks)
  return tasks
}

function collectTasks(list: unknown, into: Map<string, YamlMapping>): void {
  for (const item of mappingsOf(list)) {
    // A Dag's items are `{task, dependsOn}`: the task is one level down.
    const task = item.type === undefined && isMapping(item.task) ? item.task : item
    const id = textOf(task.id)
    if (id === undefined || textOf(task.type) === undefined) continue
    const own: YamlMapping = { ...task }
    const children = CHILD_TASK_LISTS.filter(key => mappingsOf(task[key]).length > 0)
    for (const key of children) delete own[key]
    if (isMapping(task.cases)) delete own.cases
    // Parents first, in the order of the file.
    if (!into.has(id)) into.set(id, own)
    for (const key of children) collectTasks(task[key], into)
    if (isMapping(task.cases)) {
      for (const branch of Object.values(task.cases)) collectTasks(branch, into)
    }
  }
}

function taskChanges(old: Map<string, YamlMapping>, now: Map<string, YamlMapping>): Phrase[] {
  const added = [...now.keys()].filter(id => !old.has(id))
  const removed = [...old.keys()].filter(id => !now.has(id))
  const changed = [...now.keys()].filter(
    id => old.has(id) && !sameYamlValue(old.get(id), now.get(id))
  )
  return [
    ...(added.length > 0 ? [listed('tasks added: ', added)] : []),
    ...(removed.length > 0 ? [listed('tasks removed: ', removed)] : []),
    ...(changed.length > 0 ? [listed('tasks changed: ', changed)] : [])
  ]
}

function triggerChanges(old: Map<string, YamlMapping>, now: Map<string, YamlMapping>): Phrase[] {
  const phrases: Phrase[] = []
  for (const [id, trigger] of now) {
    const before = old.get(id)
    if (!before) {
      phrases.push(['trigger ', name(id), ' added: ', ...triggerWords(trigger)])
      continue
    }
    if (sameYamlValue(before, trigger)) continue
    const was = before.disabled === true
    const is = trigger.disabled === true
    if (was !== is) phrases.push(['trigger ', name(id), is ? ' disabled' : ' enabled'])
    if (sameYamlValue(without(before, 'disabled'), without(trigger, 'disabled'))) continue
    phrases.push(
      isSchedule(trigger) && isSchedule(before)
        ? [
            'trigger ',
            name(id),
            ' changed: ',
            scheduleInWords(trigger),
            ...(sameSchedule(before, trigger) ? [] : [', was ', scheduleInWords(before)])
          ]
        : ['trigger ', name(id), ' changed']
    )
  }
  for (const [id, trigger] of old) {
    if (!now.has(id)) phrases.push(['trigger ', name(id), ' removed: ', ...triggerWords(trigger)])
  }
  return phrases
}

function sameSchedule(a: YamlMapping, b: YamlMapping): boolean {
  return a.cron === b.cron && a.timezone === b.timezone
}

/** A trigger in words: a Schedule's cron, else its kind; and whether it is off. */
export function triggerWords(trigger: YamlMapping): Phrase {
  const kind = shortType(trigger.type)
  return [
    ...(isSchedule(trigger) ? ['Schedule, ', scheduleInWords(trigger)] : [kind]),
    ...(trigger.disabled === true ? [' (disabled)'] : [])
  ]
}

function shortType(type: unknown): string {
  const text = textOf(type) ?? 'of no type'
  return text.slice(text.lastIndexOf('.') + 1)
}

function inputChanges(old: Map<string, YamlMapping>, now: Map<string, YamlMapping>): Phrase[] {
  const phrases: Phrase[] = []
  for (const [id, input] of now) {
    const before = old.get(id)
    if (!before) {
      phrases.push(
        needsValue(input)
          ? [
              'input ',
              name(id),
              ' added, required with no default: callers that do not pass it break'
            ]
          : ['input ', name(id), ' added']
      )
      continue
    }
    const type = textOf(input.type)
    const typeBefore = textOf(before.type)
    if (type !== typeBefore) {
      phrases.push([
        'input ',
        name(id),
        ' type ',
        name(typeBefore ?? 'unset'),
        ' → ',
        name(type ?? 'unset'),
        ': callers may break'
      ])
    }
    if (needsValue(input) && !needsValue(before)) {
      phrases.push(['input ', name(id), ' newly required: callers that do not pass it break'])
    }
  }
  const removed = [...old.keys()].filter(id => !now.has(id))
  if (removed.length > 0) {
    phrases.push([...listed('inputs removed: ', removed), ' (callers that pass them may break)'])
  }
  return phrases
}

/** Kestra inputs are required unless they say otherwise; a default is a value. */
function needsValue(input: YamlMapping): boolean {
  return input.required !== false && input.defaults === undefined
}

/** Labels as a map, written either as a map or as `[{key, value}]`. */
function labelsOf(value: unknown): Map<string, string> {
  if (Array.isArray(value)) {
    return new Map(
      mappingsOf(value).flatMap(label => {
        const key = textOf(label.key)
        return key === undefined ? [] : [[key, textOf(label.value) ?? '']]
      })
    )
  }
  if (!isMapping(value)) return new Map()
  return new Map(Object.entries(value).map(([key, text]) => [key, textOf(text) ?? '']))
}

function labelChanges(old: Map<string, string>, now: Map<string, string>): Phrase[] {
  const parts: Phrase[] = []
  for (const [key, value] of now) {
    if (!old.has(key)) parts.push(['+', name(`${key}: ${value}`)])
    else if (old.get(key) !== value) {
      parts.push([name(`${key}: ${old.get(key)}`), ' → ', name(value)])
    }
  }
  for (const [key, value] of old) if (!now.has(key)) parts.push(['−', name(`${key}: ${value}`)])
  if (parts.length === 0) return []
  return [['labels: ', ...parts.flatMap((part, index) => (index === 0 ? part : [', ', ...part]))]]
}

function concurrencyChange(old: unknown, now: unknown): Phrase[] {
  if (sameYamlValue(old, now)) return []
  return [['concurrency: ', concurrencyWords(old), ' → ', concurrencyWords(now)]]
}

function concurrencyWords(value: unknown): string {
  if (!isMapping(value)) return 'no limit'
  const limit = textOf(value.limit) ?? '?'
  return `limit ${limit}, ${textOf(value.behavior) ?? 'QUEUE'}`
}

/** Mappings of a list by their `id` (inputs before 0.15: `name`). */
function byId(list: unknown): Map<string, YamlMapping> {
  const found = new Map<string, YamlMapping>()
  for (const item of mappingsOf(list)) {
    const id = textOf(item.id) ?? textOf(item.name)
    if (id !== undefined && !found.has(id)) found.set(id, item)
  }
  return found
}

function listed(lead: string, names: readonly string[]): Phrase {
  return [
    lead,
    ...names.flatMap((text, index) => (index === 0 ? [name(text)] : [', ', name(text)]))
  ]
}
