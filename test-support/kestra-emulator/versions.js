// @ts-check
// Behaviour switches derived from the emulated Kestra version (§N: the sections of
// docs/kestra-api.md, whose §1 gives the version behind each switch). A pre-release such as
// 2.1.0-rc1 behaves as its release line.

/**
 * @typedef {'OSS' | 'EE'} Edition
 * @typedef {'none' | 'constraint' | 'warning'} SubflowCheck
 * @typedef {object} VersionProfile
 * @property {string} version           the version string as given (echoed by /configs)
 * @property {Edition} edition
 * @property {boolean} tenantInPath       §2: /api/v1/{tenant}/... routes (OSS ≥0.23), tenant-less aliased to main
 * @property {boolean} queryFilters       §4: filters[field][OP]=v understood (≥0.21); flat params always
 * @property {boolean} validateInfos      §7: validate results carry `infos` (≥0.20)
 * @property {boolean} rawSourceOnRead    §5/§8: ≥1.0 returns the stored source raw, 0.x strips the revision line
 * @property {boolean} sameSourceRule     §8: ≥1.0 isSameWithSource no-op rule, else the 0.x FlowWithSource.equals rule
 * @property {string} exportSeparator     §4.3: by-query ZIP entry `<ns><sep><id>.yml`
 * @property {boolean} reservedFlowIds    §9: 1.0 reserves some flow ids
 * @property {boolean} configsNeedAuth    §2: /configs requires auth from 2.0 (then /configs/login is public)
 * @property {boolean} draftParam         §1/§6: `draft` query param and field (≥2.0)
 * @property {boolean} problemJson        §10: RFC 9457 errors, 401 with a body (≥2.1)
 * @property {boolean} createConflict     §6: create-existing is 409 (≥2.1) instead of 422
 * @property {boolean} validationPrefix   §7: validate constraints prefixed `Validation error: ` (≥2.1)
 * @property {boolean} authOnApiOnly      §3: the auth filter covers /api/v1/** from 0.24, /** before
 * @property {boolean} basicAuthInitFlag  §3: /configs reports isBasicAuthInitialized (≥0.24) instead of isBasicAuthEnabled
 * @property {boolean} ossWorkerGroupCheck OSS rejects task-level workerGroup (EE feature)
 * @property {boolean} fileInputDefaultsCheck 0.x rejects `defaults` on FILE inputs
 * @property {SubflowCheck} subflowCheck  §7: FlowService.checkValidSubflows, see subflows.js
 * @property {boolean} subflowSkipsPebble the check skips a flowId/namespace holding `{{…}}` (≥0.21.2)
 * @property {boolean} subflowDisabledCheck the check also reports a disabled subflow (≥0.22)
 * @property {boolean} genericFlowWrites create/update read a GenericFlow first, with typed tasks and
 *   triggers, and the typed flow as a FlowWithSource from its map (list-items.js; ≥0.23)
 * @property {ReadonlySet<string>} flowProperties top-level keys the Flow model accepts
 */

/** @param {string} version @returns {[number, number, number]} */
export function parseVersion(version) {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version)
  if (!match) throw new Error(`Unparsable Kestra version: ${version}`)
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)]
}

// Flow model fields (core/.../models/flows/AbstractFlow.java + Flow.java). Release boundaries of the
// later additions are inferred from the snapshots read, not from release notes.
const BASE_PROPERTIES = [
  'id',
  'namespace',
  'revision',
  'description',
  'labels',
  'inputs',
  'outputs',
  'variables',
  'tasks',
  'errors',
  'listeners',
  'triggers',
  'pluginDefaults',
  'taskDefaults',
  'disabled',
  'deleted',
  'tenantId',
  'concurrency',
  'retry',
  'sla'
]

/**
 * @param {[number, number, number]} v
 * @param {Edition} edition
 */
function flowProperties(v, edition) {
  const atLeast = atLeastFor(v)
  const props = new Set(BASE_PROPERTIES)
  if (atLeast(0, 21)) ['finally', 'afterExecution'].forEach(p => props.add(p))
  if (atLeast(1, 0)) ['workerGroup', 'updated'].forEach(p => props.add(p))
  if (atLeast(1, 3)) props.add('checks')
  // 2.0 dropped the deprecated listeners/taskDefaults from Flow and added workerSelector.
  if (atLeast(2, 0)) {
    props.delete('listeners')
    props.delete('taskDefaults')
    props.add('workerSelector')
  }
  if (edition === 'EE') props.add('workerGroup')
  return props
}

/** @param {[number, number, number]} v */
function atLeastFor(v) {
  /** @param {number} major @param {number} minor @param {number} [patch] */
  return (major, minor, patch = 0) => {
    const want = [major, minor, patch]
    for (let i = 0; i < 3; i++) if (v[i] !== want[i]) return v[i] > want[i]
    return true
  }
}

/**
 * Kestra's CHANGELOG: 0.21.0 added the check as an error (#6717: `flow/validate` constraints and a 422
 * on PUT), 0.21.5 turned it into a validate warning (#7649: "cannot work with CI/CD", #7638). The
 * disabled case (#7490) is in no 0.21.x changelog entry, so it is taken to start with 0.22.0.
 * @param {(major: number, minor: number, patch?: number) => boolean} atLeast
 * @returns {SubflowCheck}
 */
function subflowCheck(atLeast) {
  if (atLeast(0, 21, 5)) return 'warning'
  return atLeast(0, 21) ? 'constraint' : 'none'
}

/**
 * @param {string} version
 * @param {Edition} edition
 * @returns {VersionProfile}
 */
export function versionProfile(version, edition) {
  const v = parseVersion(version)
  const atLeast = atLeastFor(v)
  return {
    version,
    edition,
    tenantInPath: atLeast(0, 23),
    queryFilters: atLeast(0, 21),
    validateInfos: atLeast(0, 20),
    rawSourceOnRead: atLeast(1, 0),
    sameSourceRule: atLeast(1, 0),
    exportSeparator: atLeast(1, 0) ? '-' : '.',
    reservedFlowIds: atLeast(1, 0),
    configsNeedAuth: atLeast(2, 0),
    draftParam: atLeast(2, 0),
    problemJson: atLeast(2, 1),
    createConflict: atLeast(2, 1),
    validationPrefix: atLeast(2, 1),
    authOnApiOnly: atLeast(0, 24),
    basicAuthInitFlag: atLeast(0, 24),
    ossWorkerGroupCheck: edition === 'OSS',
    fileInputDefaultsCheck: !atLeast(1, 0),
    subflowCheck: subflowCheck(atLeast),
    subflowSkipsPebble: atLeast(0, 21, 2),
    subflowDisabledCheck: atLeast(0, 22),
    // kestra-io/kestra#7894 (GenericFlow, merged April 2025): taken to ship in 0.23, from its date;
    // 0.20.7 stores a string under `tasks`, 1.0.3 refuses it on create.
    genericFlowWrites: atLeast(0, 23),
    flowProperties: flowProperties(v, edition)
  }
}
