import { describe, expect, it } from '@jest/globals'
import { load } from 'js-yaml'
import { sameYamlValue } from '../../src/flow/same-yaml-value.js'

/** Counts every listing of the keys of an object or array of `value`, and stops past `limit`. */
function counted<T extends object>(value: T, listings: { count: number; limit: number }): T {
  return new Proxy(value, {
    ownKeys(target) {
      if (++listings.count > listings.limit) {
        throw new Error(`more than ${listings.limit} key listings: the aliases were expanded`)
      }
      return Reflect.ownKeys(target)
    }
  })
}

/** A "billion laughs": 10 levels, each a list of 10 references to the level below. */
function laughs(leaf: string, listings: { count: number; limit: number }): unknown {
  let level: unknown = counted(new Array(10).fill(leaf), listings)
  for (let depth = 1; depth < 10; depth++) level = counted(new Array(10).fill(level), listings)
  return level
}

describe('sameYamlValue', () => {
  it('compares mappings, sequences and scalars as loaded from YAML', () => {
    const flow = 'id: a\nlabels: {team: x}\ntasks: [{id: t, n: 1}]\n'
    expect(sameYamlValue(load(flow), load(flow))).toBe(true)
    expect(sameYamlValue(load(flow), load(flow.replace('n: 1', 'n: "1"')))).toBe(false)
    expect(sameYamlValue(load(flow), load(flow.replace('[{', '[{extra: 1, ')))).toBe(false)
    expect(sameYamlValue(load('a: [1]'), load('a: {0: 1}'))).toBe(false)
  })

  it('lists the keys of each shared node once, instead of expanding the aliases', () => {
    const listings = { count: 0, limit: 1000 }
    expect(sameYamlValue(laughs('ha', listings), laughs('ha', listings))).toBe(true)
    // 10 distinct lists on each side, each listed once.
    expect(listings.count).toBe(20)

    const differing = { count: 0, limit: 1000 }
    expect(sameYamlValue(laughs('ha', differing), laughs('ho', differing))).toBe(false)
    expect(differing.count).toBeLessThanOrEqual(20)
  })
})
