// @ts-check
// `POST flows/validate` (§7): always 200, one ValidateConstraintViolation per piece of the naive
// `---` split, in order. Shape per FlowService.validate: `flow`/`namespace` and the
// deprecationPaths/warnings/infos lists are set once the YAML deserialized; `constraints` only when
// invalid; `outdated` only true when the YAML carries `revision: N` with N ≠ last revision + 1.
// The subflow check (subflows.js) adds to `constraints` in 0.21.0–0.21.4, to `warnings` after.
import { requireYaml } from './request.js'
import { sendJson } from './respond.js'
import { splitFlows } from './source-text.js'
import { subflowViolation, subflowWarnings } from './subflows.js'
import { validateFlowSource } from './validate.js'

/** @param {import('./request.js').ApiRequest} r */
export function validateFlows(r) {
  requireYaml(r)
  const results = splitFlows(r.body).map((source, index) => {
    const { flow, violation: modelViolation } = validateFlowSource(source, r.profile)
    // 0.21 FlowController.validateFlows: checkValidSubflows ran only once the model validated.
    const violation = modelViolation ?? (flow && subflowViolation(flow, r))
    /** @type {Record<string, unknown>} */
    const result = { index }
    if (flow) {
      if (flow.id !== undefined) result.flow = flow.id
      if (flow.namespace !== undefined) result.namespace = flow.namespace
    }
    if (violation) {
      // Newest line: YamlParser messages stay as they are, anything else gets a prefix.
      const prefixed =
        r.profile.validationPrefix && !violation.message.startsWith('Illegal flow source:')
      result.constraints = prefixed ? `Validation error: ${violation.message}` : violation.message
    }
    const last =
      flow?.id !== undefined && flow.namespace !== undefined
        ? r.store.lastRevision(r.tenant, flow.namespace, flow.id)
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
