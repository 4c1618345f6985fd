// @ts-check
// The four situations the benchmark times, each against a server in a known state: what the server
// holds before a run, what the folder holds, what the outputs must say, and the round trips no
// client of the Kestra API can avoid there.

/**
 * @typedef {object} Situation
 * @property {number} flows      flows in the folder of the base workspace
 * @property {number} touched    flows changed or deleted (1%)
 * @property {number} concurrency writes in flight at once
 *
 * @typedef {object} Scenario
 * @property {string} key
 * @property {string} title
 * @property {'base' | 'changed' | 'deleted'} workspace which variant of the folder the run reads
 * @property {boolean} seeded    whether the server holds every flow of the base folder before a run
 * @property {Record<string, string>} inputs inputs on top of the common ones
 * @property {(situation: Situation) => Record<string, string>} expected outputs a correct run gives
 * @property {(situation: Situation) => number} roundTrips round trips, one after the other, that
 *   the API makes unavoidable: detecting the version, then reading the scope (search and export side
 *   by side), then validating the writes (batches side by side), then the writes `concurrency` at a
 *   time, phase after phase
 */

/** Version detection, then the search and the export of the scope side by side. */
const READ_ROUND_TRIPS = 2

/** @param {number} writes @param {number} concurrency */
const writeWaves = (writes, concurrency) => Math.ceil(writes / concurrency)

/** @type {Scenario[]} */
export const SCENARIOS = [
  {
    key: 'dry-run-unchanged',
    title: 'dry run, nothing changed',
    workspace: 'base',
    seeded: true,
    inputs: { 'dry-run': 'true' },
    expected: ({ flows }) => ({ unchanged: String(flows), 'has-changes': 'false' }),
    roundTrips: () => READ_ROUND_TRIPS
  },
  {
    key: 'first-apply',
    title: 'first apply, empty server',
    workspace: 'base',
    seeded: false,
    inputs: {},
    expected: ({ flows }) => ({ added: String(flows), unchanged: '0' }),
    roundTrips: ({ flows, concurrency }) => READ_ROUND_TRIPS + 1 + writeWaves(flows, concurrency)
  },
  {
    key: 'changed-1pct',
    title: '1% changed, apply',
    workspace: 'changed',
    seeded: true,
    inputs: {},
    expected: ({ flows, touched }) => ({
      updated: String(touched),
      unchanged: String(flows - touched)
    }),
    roundTrips: ({ touched, concurrency }) =>
      READ_ROUND_TRIPS + 1 + writeWaves(touched, concurrency)
  },
  {
    key: 'deleted-1pct',
    title: '1% deleted, apply',
    workspace: 'deleted',
    seeded: true,
    inputs: {},
    expected: ({ flows, touched }) => ({
      deleted: String(touched),
      unchanged: String(flows - touched)
    }),
    roundTrips: ({ touched, concurrency }) => READ_ROUND_TRIPS + writeWaves(touched, concurrency)
  }
]

/**
 * The outputs that differ from what the scenario must give, as text; empty when the run is right.
 * @param {Record<string, string>} outputs
 * @param {Record<string, string>} expected
 */
export function outputMismatches(outputs, expected) {
  return Object.entries(expected)
    .filter(([name, value]) => outputs[name] !== value)
    .map(([name, value]) => `${name}=${outputs[name] ?? '(unset)'} (expected ${value})`)
}
