import { describe, expect, it } from '@jest/globals'
import { load } from 'js-yaml'
import { readsAsPlainString } from '../../src/flow/plain-scalar.js'
import { kestraScalarText } from '../../src/flow/yaml11.js'

/** The definition: both readers give back the very text. */
const oracle = (text: string): boolean => {
  try {
    return load(text) === text && kestraScalarText(text) === text
  } catch {
    return false
  }
}

describe('readsAsPlainString', () => {
  it('answers as both YAML readers do, for words YAML may read otherwise and for namespaces', () => {
    const words = [
      ...['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', 'nan', 'inf', 'e5'],
      ...['company', 'company.team', 'a-b_c.d', 'x1', 'o17', 'x0', 'true.x', 'null-', 'off.team'],
      ...['123', '0o17', '0x1f', '1e3', '1.0', '1_000', '012', '.5', '1:20', 'a:b', 'a b', '']
    ]
    // Generated words of the characters namespaces are made of.
    const alphabet = 'aefilnorstuxy01._-'
    for (let seed = 1; words.length < 3000; seed = (seed * 48271) % 2147483647) {
      let word = ''
      for (let rest = seed; word.length < 1 + (seed % 6); rest = Math.floor(rest / 18)) {
        word += alphabet[rest % 18]
      }
      words.push(word)
    }
    for (const word of words) {
      expect({ word, plain: readsAsPlainString(word) }).toEqual({ word, plain: oracle(word) })
    }
  })
})
