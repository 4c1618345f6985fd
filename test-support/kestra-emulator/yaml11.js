// @ts-check
// How Kestra reads a flow's `id` and `namespace`. The repository keys a flow by the text as written
// (`off`). A PUT checks the id as Jackson's YAML parser types plain scalars, by SnakeYAML's YAML 1.1
// rules, turned back into text with Java's toString (`id: off` → `false`, `012` → `10`, `1e3` →
// `1000.0`): such a flow is created once and every later PUT of it is an `Illegal flow id update`
// (0.20.7, 1.0.3 and 1.3.0 alike). From 0.23 the create's answer and validate's `flow` show the
// typed id too (0.20.7 shows the text).
// From 0.23 a typed `namespace` is not turned back: the write fails on a ClassCastException (500).
// Quoted scalars are strings in any YAML.
import { EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents } from 'js-yaml'
import { keptPerText } from './parsed-source.js'
import { nodeEnd } from './yaml-nodes.js'

// SnakeYAML's Resolver patterns, as the servers checked behave (`y`/`n` are no booleans there, and
// a float needs a dot or an exponent).
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/
const INT =
  /^(?:[-+]?0b_*[01]+[01_]*|[-+]?0_*[0-7]+[0-7_]*|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x_*[0-9a-fA-F]+[0-9a-fA-F_]*|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
const NULL = /^(?:~|null|Null|NULL|)$/

/**
 * A plain scalar read by YAML 1.1 rules: the Java string Kestra makes of it, and the Java class it
 * had (null for a null).
 * @param {string} text
 * @returns {{ text: string | null, javaClass: string | null }}
 */
export function yaml11Scalar(text) {
  if (NULL.test(text)) return { text: null, javaClass: null }
  if (BOOL.test(text))
    return { text: String(/^(?:yes|true|on)$/i.test(text)), javaClass: 'Boolean' }
  if (INT.test(text)) {
    const value = integerText(text)
    const big = BigInt(value)
    const javaClass =
      big >= -(2n ** 31n) && big < 2n ** 31n
        ? 'Integer'
        : big >= -(2n ** 63n) && big < 2n ** 63n
          ? 'Long'
          : 'BigInteger'
    return { text: value, javaClass }
  }
  if (FLOAT.test(text))
    return { text: javaDouble(Number(text.replace(/_/g, ''))), javaClass: 'Double' }
  return { text, javaClass: 'String' }
}

/** @param {string} text */
function integerText(text) {
  const negative = text.startsWith('-')
  const digits = text.replace(/^[-+]/, '').replace(/_/g, '')
  let value
  if (digits.includes(':')) {
    value = digits.split(':').reduce((sum, part) => sum * 60n + BigInt(part), 0n)
  } else if (/^0b/.test(digits)) value = BigInt(digits)
  else if (/^0x/.test(digits)) value = BigInt(digits)
  else if (/^0[0-7]+$/.test(digits)) value = BigInt(`0o${digits.slice(1)}`)
  else value = BigInt(digits)
  return String(negative ? -value : value)
}

/**
 * Java's Double.toString: plain decimals from 10^-3 to 10^7 (with `.0` when whole), computerized
 * scientific notation outside (`1.0E10`); the digits are the shortest that read back, as in JS.
 * @param {number} value
 */
function javaDouble(value) {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity'
  const magnitude = Math.abs(value)
  if (magnitude === 0 || (magnitude >= 1e-3 && magnitude < 1e7)) {
    const text = String(value)
    return text.includes('.') ? text : `${text}.0`
  }
  const [mantissa, exponent] = value.toExponential().split('e')
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`
}

/**
 * @typedef {{ text: string | null, typed: string | null, javaClass: string | null }} IdentityValue
 *   `text`: the value as written (a plain null is null), which the repository keys the flow by;
 *   `typed`: as YAML 1.1 reads it, with its Java class (`String` for any quoted scalar)
 */

/**
 * The top-level `id` and `namespace` of a flow source, both ways Kestra reads them. A key that is
 * absent, or whose value is not a scalar, is left out (the caller keeps what it parsed).
 */
export const identityOf = keptPerText(readIdentity)

/**
 * @param {string} source a source that parses
 * @returns {{ id?: IdentityValue, namespace?: IdentityValue }}
 */
function readIdentity(source) {
  const events = parseEvents(source, {})
  /** @type {{ id?: IdentityValue, namespace?: IdentityValue }} */
  const identity = {}
  if (events[1]?.type !== EVENT_ID.MAPPING) return identity
  let index = 2
  while (events[index] && events[index].type !== EVENT_ID.POP) {
    const key = events[index]
    const valueIndex = nodeEnd(events, index)
    const value = events[valueIndex]
    if (key.type === EVENT_ID.SCALAR && value?.type === EVENT_ID.SCALAR) {
      const name = getScalarValue(source, key)
      if (name === 'id' || name === 'namespace') {
        const written = getScalarValue(source, value)
        const plain = value.style === SCALAR_STYLE.PLAIN && value.tagStart === -1
        const typed = plain ? yaml11Scalar(written) : { text: written, javaClass: 'String' }
        const text = plain && NULL.test(written) ? null : written
        identity[name] = { text, typed: typed.text, javaClass: typed.javaClass }
      }
    }
    index = nodeEnd(events, valueIndex)
  }
  return identity
}
