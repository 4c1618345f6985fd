// @ts-check
// Behaviour switches derived from the emulated Kestra version (§N: the sections of
// docs/kestra-api.md, whose §1 gives the version behind each switch). A pre-release such as
// 2.1.0-rc1 behaves as its release line.

/**
 * @typedef {'OSS' | 'EE'} Edition
 * @typedef {'none' | 'constraint' | 'warning'} SubflowCheck
 * @typedef {'none' | 'exception' | 'words' | 'newest'} ConstraintsWording how validate words
 *   `constraints`: as the exception says (0.x); parse failures behind their exception's class name
 *   (1.0, `jakarta.validation.ConstraintViolationException: `); everything behind
 *   `Validation error: ` (1.3); the newest line's rule as read in its code (2.1)
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
 * @property {ConstraintsWording} constraintsWording §7: see ConstraintsWording
 * @property {boolean} genericFlowParsing  writes parse a GenericFlow first, model FlowWithSource (≥0.23):
 *   `Illegal genericflow source`/`Illegal Flow source` instead of `Illegal flow yaml`, `source` a known property;
 *   the GenericFlow's tasks and triggers are typed, so a write refuses an item that is not an object
 *   (list-items.js; kestra-io/kestra#7894, April 2025: 0.20.7 stores it, 1.0.3 refuses it)
 * @property {boolean} yaml11Identity     `id`/`namespace` typed by YAML 1.1 (`id: off` is `false`) (≥0.23)
 * @property {boolean} yamlErrorWording   YAML errors read `YAML parsing error: … (at line N)` (≥1.3)
 * @property {boolean} configsAnyTenant   `/api/v1/{any}/configs` is served too (<0.23)
 * @property {boolean} configsEdition     /configs reports `edition` (≥1.0)
 * @property {string} searchMethod        named in search parameter violations: `find` (<0.23), `searchFlows`
 * @property {boolean} readAnswerTriggers flows read back carry `triggers: []` when they have none (≥1.0)
 * @property {boolean} readAnswerUpdated  flows read back carry `updated` (≥1.3)
 * @property {boolean} nullIdCrash        a flow without id fails FlowValidator with a 500 (1.0.x)
 * @property {boolean} validateBodyOptional validate takes an empty body (multipart era, ≥1.2.5)
 * @property {boolean} filterOpIllegal    an unknown filter operation is a 422 Illegal argument (0.21 to 2.0)
 * @property {boolean} revisionsAllowDelete revisions list deleted markers only with `allowDelete=true` (≥1.2)
 * @property {'storage' | 'metadata'} nsFilesModel namespace files kept in the storage alone (<1.2)
 *   or behind a table of versioned entries (≥1.2): see namespace-files-store.js
 * @property {boolean} nsFilesNoCache     a namespace file's content is sent `Cache-Control: no-cache`
 *   (≥1.0), before with Micronaut's `public, max-age=86400`
 * @property {boolean} nsFilesStrictGuard `/_flows` forbidden as `/_flows(/.*)?` and checked on uploads
 *   too (≥0.21), before as `/_flows.*` on reads only
 * @property {boolean} nsFilesSpaceAsPlus a space in a namespace file's path is stored as `+` (<2.0)
 * @property {boolean} challengeRealm     the 401 challenge names its realm, `Basic realm=Kestra` (<0.24)
 * @property {boolean} authOnApiOnly      §3: the auth filter covers /api/v1/** from 0.24, /** before
 * @property {boolean} basicAuthInitFlag  §3: /configs reports isBasicAuthInitialized (≥0.24) instead of isBasicAuthEnabled
 * @property {boolean} ossWorkerGroupCheck OSS rejects task-level workerGroup (EE feature) before 1.0
 *   (0.20.7 does; 1.0.3 and 1.3.0 accept it)
 * @property {'none' | 'uri'} fileInputDefaults which `defaults` a FILE input takes: none (0.x), a
 *   `file://` or `nsfile://` URI (1.x)
 * @property {boolean} sequentialTasksRule Sequential and WorkingDirectory need `tasks` (≥1.0)
 * @property {boolean} arrayItemTypeQuoted the ARRAY-of-ARRAY message quotes `ARRAY` (<1.3)
 * @property {boolean} inputDefaultsRule  InputValidator: `defaults` needs `required` and no `prefill` (≥1.3)
 * @property {SubflowCheck} subflowCheck  §7: FlowService.checkValidSubflows, see subflows.js
 * @property {boolean} subflowSkipsPebble the check skips a flowId/namespace holding `{{…}}` (≥0.21.2)
 * @property {boolean} subflowDisabledCheck the check also reports a disabled subflow (≥0.22)
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
  // FlowWithSource (0.23) brings `source`; 1.3 `updated`.
  if (atLeast(0, 23)) props.add('source')
  if (atLeast(1, 0)) props.add('workerGroup')
  if (atLeast(1, 3)) ['checks', 'updated'].forEach(p => props.add(p))
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
 * Checked on 0.20.7 (`none`), 1.0.3 (`exception`), 1.3.0 (`words`); 1.1 and 1.2 are taken as 1.0.
 * @param {(major: number, minor: number, patch?: number) => boolean} atLeast
 * @returns {ConstraintsWording}
 */
function constraintsWording(atLeast) {
  if (atLeast(2, 1)) return 'newest'
  if (atLeast(1, 3)) return 'words'
  return atLeast(1, 0) ? 'exception' : 'none'
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
    constraintsWording: constraintsWording(atLeast),
    genericFlowParsing: atLeast(0, 23),
    yaml11Identity: atLeast(0, 23),
    yamlErrorWording: atLeast(1, 3),
    configsAnyTenant: !atLeast(0, 23),
    configsEdition: atLeast(1, 0),
    searchMethod: atLeast(0, 23) ? 'searchFlows' : 'find',
    readAnswerTriggers: atLeast(1, 0),
    readAnswerUpdated: atLeast(1, 3),
    nullIdCrash: atLeast(1, 0) && !atLeast(1, 1),
    validateBodyOptional: atLeast(1, 2, 5),
    filterOpIllegal: atLeast(0, 21) && !atLeast(2, 1),
    revisionsAllowDelete: atLeast(1, 2),
    nsFilesModel: atLeast(1, 2) ? 'metadata' : 'storage',
    nsFilesNoCache: atLeast(1, 0),
    nsFilesStrictGuard: atLeast(0, 21),
    nsFilesSpaceAsPlus: !atLeast(2, 0),
    challengeRealm: !atLeast(0, 24),
    authOnApiOnly: atLeast(0, 24),
    basicAuthInitFlag: atLeast(0, 24),
    ossWorkerGroupCheck: edition === 'OSS' && !atLeast(1, 0),
    fileInputDefaults: atLeast(1, 0) ? 'uri' : 'none',
    sequentialTasksRule: atLeast(1, 0),
    arrayItemTypeQuoted: !atLeast(1, 3),
    inputDefaultsRule: atLeast(1, 3),
    subflowCheck: subflowCheck(atLeast),
    subflowSkipsPebble: atLeast(0, 21, 2),
    subflowDisabledCheck: atLeast(0, 22),
    flowProperties: flowProperties(v, edition)
  }
}
