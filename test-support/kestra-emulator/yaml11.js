// @ts-check
// How Kestra from 0.23 reads a flow's `id` and `namespace`: the YAML goes through Jackson's YAML
// parser, whose SnakeYAML resolver types plain scalars by YAML 1.1 rules, into a generic map, and
// the typed value is then turned back into the String field with Java's toString. So `id: off` is
// the flow `false`, `id: 012` the flow `10`, `id: 1e3` the flow `1000.0` (checked on 1.0.3 and
// 1.3.0; 0.20.7 keeps the text as written). Quoted scalars are strings in any YAML.
import { EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents } from 'js-yaml'

// SnakeYAML's Resolver patterns, as the servers checked behave (`y`/`n` are no booleans there, and
// a float needs a dot or an exponent).
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/
const INT =
  /^(?:[-+]?0b_*[01]+[01_]*|[-+]?0_*[0-7]+[0-7_]*|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x_*[0-9a-fA-F]+[0-9a-fA-F_]*|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
const NULL = /^(?:~|null|Null|NULL|)$/

/**
 * The Java string of a plain scalar read by YAML 1.1 rules; null for a null.
 * @param {string} text
 * @returns {string | null}
 */
export function yaml11Text(text) {
  if (NULL.test(text)) return null
  if (BOOL.test(text)) return String(/^(?:yes|true|on)$/i.test(text))
  if (INT.test(text)) return integerText(text)
  if (FLOAT.test(text)) return javaDouble(Number(text.replace(/_/g, '')))
  return text
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
 * The top-level `id` and `namespace` of a flow source as Kestra from 0.23 reads them; a key that is
 * absent, or whose value is not a scalar, is left out (the caller keeps what it parsed).
 * @param {string} source a source that parses
 * @returns {{ id?: string | null, namespace?: string | null }}
 */
export function typedIdentity(source) {
  const events = parseEvents(source, {})
  /** @type {{ id?: string | null, namespace?: string | null }} */
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
        const text = getScalarValue(source, value)
        identity[name] =
          value.style === SCALAR_STYLE.PLAIN && value.tagStart === -1 ? yaml11Text(text) : text
      }
    }
    index = nodeEnd(events, valueIndex)
  }
  return identity
}

/**
 * The index just after the node that starts at `index`.
 * @param {import('js-yaml').Event[]} events
 * @param {number} index
 */
function nodeEnd(events, index) {
  let depth = 0
  let next = index
  do {
    const type = events[next]?.type
    if (type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE) depth++
    else if (type === EVENT_ID.POP) depth--
    next++
  } while (depth > 0 && next < events.length)
  return next
}
