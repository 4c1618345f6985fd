// @ts-check
// In-memory flow repository: every revision of every flow, per tenant. Mirrors the JDBC repository's
// numbering (§6, §8): a revision is max(existing, deleted included) + 1, and deleting appends a marker
// revision with `deleted: true` (Flow.toDeleted(): revision + 1), so a re-create continues the count.
import { parsedSource } from './parsed-source.js'

/**
 * @typedef {Readonly<{ tenant: string, namespace: string, id: string, revision: number,
 *   deleted: boolean, disabled: boolean, source: string, updated: string }>} StoredFlow
 */

/** @param {string} namespace @param {string} id */
const keyOf = (namespace, id) => `${namespace}\u0000${id}`

/** @param {string} a @param {string} b */
const compareText = (a, b) => (a < b ? -1 : a > b ? 1 : 0)

/** @param {StoredFlow} a @param {StoredFlow} b */
const byNamespaceThenId = (a, b) => compareText(a.namespace, b.namespace) || compareText(a.id, b.id)

export class FlowStore {
  /** @type {Map<string, Map<string, StoredFlow[]>>} tenant → flow key → revisions, oldest first */
  #tenants = new Map()
  #generation = 0

  /** Counts the writes: an answer computed at one generation holds until the next write. */
  get generation() {
    return this.#generation
  }

  /** @param {string} tenant @param {string} namespace @param {string} id */
  #history(tenant, namespace, id) {
    let flows = this.#tenants.get(tenant)
    if (!flows) this.#tenants.set(tenant, (flows = new Map()))
    let history = flows.get(keyOf(namespace, id))
    if (!history) flows.set(keyOf(namespace, id), (history = []))
    return history
  }

  /**
   * Highest revision ever written (deleted markers included), 0 when none.
   * @param {string} tenant
   * @param {string} namespace
   * @param {string} id
   */
  lastRevision(tenant, namespace, id) {
    return this.#tenants.get(tenant)?.get(keyOf(namespace, id))?.at(-1)?.revision ?? 0
  }

  /**
   * The last revision; undefined when absent, or when it is a deletion marker unless allowDeleted.
   * @param {string} tenant @param {string} namespace @param {string} id
   * @param {{ allowDeleted?: boolean }} [options]
   * @returns {StoredFlow | undefined}
   */
  latest(tenant, namespace, id, options = {}) {
    const last = this.#tenants.get(tenant)?.get(keyOf(namespace, id))?.at(-1)
    return last && (!last.deleted || options.allowDeleted) ? last : undefined
  }

  /**
   * Every revision, deletion markers included, oldest first.
   * @param {string} tenant
   * @param {string} namespace
   * @param {string} id
   * @returns {StoredFlow[]}
   */
  revisions(tenant, namespace, id) {
    return [...(this.#tenants.get(tenant)?.get(keyOf(namespace, id)) ?? [])]
  }

  /**
   * Latest non-deleted revision of every flow of the tenant, ordered by (namespace, id).
   * @param {string} tenant
   * @returns {StoredFlow[]}
   */
  list(tenant) {
    const flows = [...(this.#tenants.get(tenant)?.values() ?? [])]
    return flows
      .map(history => history[history.length - 1])
      .filter(flow => flow !== undefined && !flow.deleted)
      .sort(byNamespaceThenId)
  }

  /**
   * Writes the next revision.
   * @param {string} tenant
   * @param {{ namespace: string, id: string, disabled: boolean, deleted?: boolean }} flow
   * @param {string} source
   * @returns {StoredFlow}
   */
  append(tenant, flow, source) {
    const history = this.#history(tenant, flow.namespace, flow.id)
    /** @type {StoredFlow} */
    const stored = Object.freeze({
      tenant,
      namespace: flow.namespace,
      id: flow.id,
      revision: (history.at(-1)?.revision ?? 0) + 1,
      deleted: flow.deleted ?? false,
      disabled: flow.disabled,
      source,
      updated: new Date().toISOString()
    })
    history.push(stored)
    this.#generation++
    return stored
  }

  /**
   * Test seeding with create semantics; the YAML must parse and name its id and namespace, but is
   * not validated further.
   * @param {string} tenant
   * @param {string} source
   */
  seed(tenant, source) {
    /** @type {Record<string, unknown> | null} */
    let doc
    try {
      doc = /** @type {Record<string, unknown> | null} */ (parsedSource(source))
    } catch (error) {
      throw new Error('seed: the YAML does not parse', { cause: error })
    }
    const id = doc?.id
    const namespace = doc?.namespace
    if (typeof id !== 'string' || typeof namespace !== 'string') {
      throw new Error('seed: the YAML needs string `id` and `namespace`')
    }
    if (this.latest(tenant, namespace, id)) {
      throw new Error(`seed: ${namespace}.${id} already exists`)
    }
    return this.append(tenant, { namespace, id, disabled: doc?.disabled === true }, source)
  }

  /**
   * Appends the deletion marker (same source, revision + 1); undefined when there is nothing to delete.
   * @param {string} tenant @param {string} namespace @param {string} id
   */
  softDelete(tenant, namespace, id) {
    const latest = this.latest(tenant, namespace, id)
    if (!latest) return undefined
    return this.append(tenant, { ...latest, deleted: true }, latest.source)
  }
}
