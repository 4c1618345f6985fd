// @ts-check
// `POST flows/validate` (§7): always 200, one ValidateConstraintViolation per piece of the naive
// `---` split, in order. Shape per FlowService.validate: `flow`/`namespace` and the
// deprecationPaths/warnings/infos lists are set once the YAML deserialized; `constraints` only when
// invalid; `outdated` only true when the YAML carries `revision: N` with N ≠ last revision + 1.
// The subflow check (subflows.js) adds to `constraints` in 0.21.0–0.21.4, to `warnings` after.
import { missingBody } from './errors.js'
import { requireYaml } from './request.js'
import { sendJson } from './respond.js'
import { splitFlows } from './source-text.js'
import { subflowViolation, subflowWarnings } from './subflows.js'
import { validateFlowSource } from './validate.js'

/** @param {import('./request.js').ApiRequest} r */
export function validateFlows(r) {
  requireYaml(r)
  if (r.body === '' && !r.profile.validateBodyOptional) throw missingBody('flows')
  const results = splitFlows(r.body).map((source, index) => {
    const { flow, violation: modelViolation } = validateFlowSource(source, r.profile, 'validate')
    // 0.21 FlowController.validateFlows: checkValidSubflows ran only once the model validated.
    const violation = modelViolation ?? (flow && subflowViolation(flow, r))
    /** @type {Record<string, unknown>} */
    const result = { index }
    // The flow as read: from 0.23 its id by YAML 1.1 (yaml11.js).
    if (flow) {
      if (flow.answerId !== undefined) result.flow = flow.answerId
      if (flow.namespace !== undefined) result.namespace = flow.namespace
    }
    if (violation) result.constraints = constraintsText(violation, r.profile)
    const last =
      flow?.answerId !== undefined && flow.namespace !== undefined
        ? r.store.lastRevision(r.tenant, flow.namespace, flow.answerId)
        : 0
    result.outdated = flow?.revision !== undefined && flow.revision !== last + 1
    if (flow) {
      result.deprecationPaths = []
      // Computed before the model validation, so an invalid flow still gets them.
      result.warnings = subflowWarnings(flow, r)
      if (r.profile.validateInfos) result.infos = []
    }
    return result
  })
  sendJson(r.res, 200, results)
}

/**
 * The `constraints` text, worded per version (versions.js ConstraintsWording): 1.0 wraps a parse
 * failure in a FlowProcessingException whose message starts with its cause's class; 1.3 puts
 * everything behind `Validation error: `, dropping a leading `:` (FlowService.formatValidationError).
 * @param {import('./validate.js').Violation} violation
 * @param {import('./versions.js').VersionProfile} profile
 */
function constraintsText(violation, profile) {
  const { message } = violation
  switch (profile.constraintsWording) {
    case 'exception':
      return violation.parse
        ? `jakarta.validation.ConstraintViolationException: ${message}`
        : message
    case 'words':
      return `Validation error: ${message.replace(/^:/, '')}`
    case 'newest':
      return message.startsWith('Illegal flow source:') ? message : `Validation error: ${message}`
    default:
      return message
  }
}
