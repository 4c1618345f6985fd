// @ts-check
// FlowService.checkValidSubflows (core/.../services/FlowService.java, FlowServiceTest
// checkSubflowNotFound/checkValidSubflow): does each Subflow task call a flow that exists, and is
// enabled? Per version line (versions.js `subflowCheck`, from Kestra's CHANGELOG and sources):
// - before 0.21: no such check.
// - 0.21.0–0.21.4 (`constraint`): checkValidSubflows(Flow) throws a ConstraintViolationException of
//   ManualConstraintViolations on `flow.tasks`. FlowController.validateFlows calls it after the model
//   validation, so `constraints` reads `flow.tasks: The subflow 'x' not found in namespace 'y'.`;
//   FlowController.update (PUT) calls it right after parsing, before the repository validates the
//   model: 422 `Invalid entity: flow.tasks: …` (as in kestra-io/kestra#7627). Create and the bulk
//   routes never call it.
// - from 0.21.5 (`warning`): checkValidSubflows(Flow, tenantId) returns the messages and
//   FlowService.warnings puts them first in the validate `warnings`; PUT still calls it but ignores
//   the result (FlowController.updateFlow), so no write is refused. Unchanged through 2.x.
// Only the flow's top-level `tasks` are looked at (`flow.getTasks()`, not allTasksWithChilds): a
// Subflow inside a flowable task, `errors` or `finally` is never checked, nor is ForEachItem (not a
// Subflow). The types are io.kestra.plugin.core.flow.Subflow and its two @Plugin aliases.
import { joinViolations } from './errors.js'
import { isMap } from './flow-tasks.js'
import { asText } from './validate.js'

/**
 * @typedef {import('./validate.js').ParsedFlow} ParsedFlow
 * @typedef {import('./validate.js').Violation} Violation
 * @typedef {Pick<import('./request.js').ApiRequest, 'profile' | 'store' | 'tenant'>} Lookup
 */

// Subflow.java: @Plugin(aliases = {"io.kestra.core.tasks.flows.Subflow", "io.kestra.core.tasks.flows.Flow"}).
const SUBFLOW_TYPES = new Set([
  'io.kestra.plugin.core.flow.Subflow',
  'io.kestra.core.tasks.flows.Subflow',
  'io.kestra.core.tasks.flows.Flow'
])

// `value.matches(".*\\{\\{.+}}.*")`: a whole-string match in which `.` stops at Java's line
// terminators, so a value spread over several lines is not taken for Pebble (#7294, 0.21.2).
const NOT_EOL = '[^\\n\\r\\u0085\\u2028\\u2029]'
const PEBBLE = new RegExp(`^${NOT_EOL}*\\{\\{${NOT_EOL}+\\}\\}${NOT_EOL}*$`)

/** @param {string | undefined} value */
const isPebble = value => value !== undefined && PEBBLE.test(value)

/**
 * The messages checkValidSubflows produces for this version, in task order. The lookup is
 * FlowRepository.findById: the latest revision of that namespace/id in the same tenant, none if deleted.
 * @param {ParsedFlow} flow
 * @param {Lookup} r
 * @returns {string[]}
 */
function subflowProblems(flow, r) {
  const tasks = Array.isArray(flow.doc.tasks) ? flow.doc.tasks.filter(isMap) : []
  /** @type {string[]} */
  const problems = []
  for (const task of tasks) {
    if (!SUBFLOW_TYPES.has(asText(task.type) ?? '')) continue
    const flowId = asText(task.flowId)
    const namespace = asText(task.namespace)
    if (r.profile.subflowSkipsPebble && (isPebble(flowId) || isPebble(namespace))) continue
    if (flowId === undefined || namespace === undefined) {
      // The warning form leaves a missing field to Subflow's own @NotNull/@NotEmpty (until #8643,
      // May 2025, it hit a NullPointerException there instead: not emulated); the 0.21 error
      // form looked it up anyway, Java printing the null as `null`.
      if (r.profile.subflowCheck === 'constraint') {
        problems.push(
          `The subflow '${flowId ?? 'null'}' not found in namespace '${namespace ?? 'null'}'.`
        )
      }
      continue
    }
    const target = r.store.latest(r.tenant, namespace, flowId)
    if (!target) {
      problems.push(`The subflow '${flowId}' not found in namespace '${namespace}'.`)
    } else if (target.disabled && r.profile.subflowDisabledCheck) {
      problems.push(`The subflow '${flowId}' is disabled in namespace '${namespace}'.`)
    }
  }
  return problems
}

/**
 * 0.21.0–0.21.4: the violation validate reports once the model is valid, and PUT answers with.
 * Java kept them in a HashSet (order not guaranteed, duplicates kept); here they follow the tasks.
 * @param {ParsedFlow} flow
 * @param {Lookup} r
 * @returns {Violation | undefined}
 */
export function subflowViolation(flow, r) {
  if (r.profile.subflowCheck !== 'constraint') return undefined
  const errors = subflowProblems(flow, r).map(message => ({ path: 'flow.tasks', message }))
  if (errors.length === 0) return undefined
  return { message: joinViolations(errors), errors, parse: false }
}

/**
 * From 0.21.5: the validate `warnings` (FlowService.warnings puts these first).
 * @param {ParsedFlow} flow
 * @param {Lookup} r
 */
export function subflowWarnings(flow, r) {
  return r.profile.subflowCheck === 'warning' ? subflowProblems(flow, r) : []
}
