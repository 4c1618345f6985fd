// @ts-check
// `GET flows/export/by-query` body: a ZIP with one entry per flow holding the stored source
// verbatim; entry names `<ns>.<id>.yml` before 1.0, `<ns>-<id>.yml` from 1.0 (§4.3).
import { strToU8, zipSync } from 'fflate'

/**
 * @param {import('./store.js').StoredFlow[]} flows
 * @param {import('./versions.js').VersionProfile} profile
 */
export function exportZip(flows, profile) {
  /** @type {Record<string, Uint8Array>} */
  const entries = {}
  for (const flow of flows) {
    entries[`${flow.namespace}${profile.exportSeparator}${flow.id}.yml`] = strToU8(flow.source)
  }
  // Deflated as Kestra's are; at the fastest level, since the size of the answer is no part of it.
  return zipSync(entries, { level: 1 })
}
