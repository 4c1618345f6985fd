/**
 * What Kestra makes of a plain (unquoted) scalar in a flow's `id` or `namespace`. From 0.23 it
 * reads the YAML by the rules of YAML 1.1 (SnakeYAML's resolver, behind Jackson) into a generic
 * map, then turns the typed value back into text with Java's toString: `id: off` becomes the flow
 * `false`, `id: 012` the flow `10`, `id: 1e3` the flow `1000.0` (as Kestra 1.0.3 and 1.3.0 do;
 * 0.20.7 keeps the text). The emulator plays the same rules in its own code
 * (test-support/kestra-emulator/yaml11.js): it never imports the action's.
 */

// SnakeYAML's patterns as these servers apply them: `y`/`n` are no booleans, and a float needs a
// dot or an exponent.
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/
const INT =
  /^(?:[-+]?0b_*[01]+[01_]*|[-+]?0_*[0-7]+[0-7_]*|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x_*[0-9a-fA-F]+[0-9a-fA-F_]*|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/
const FLOAT =
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
const NULL = /^(?:~|null|Null|NULL|)$/

/** The text Kestra 0.23+ stores for a plain scalar; null when it reads a null. */
export function kestraScalarText(text: string): string | null {
  if (NULL.test(text)) return null
  if (BOOL.test(text)) return String(/^(?:yes|true|on)$/i.test(text))
  if (INT.test(text)) return integerText(text)
  if (FLOAT.test(text)) return javaDouble(Number(text.replace(/_/g, '')))
  return text
}

function integerText(text: string): string {
  const negative = text.startsWith('-')
  const digits = text.replace(/^[-+]/, '').replace(/_/g, '')
  let value: bigint
  if (digits.includes(':')) {
    value = digits.split(':').reduce((sum, part) => sum * 60n + BigInt(part), 0n)
  } else if (/^0[0-7]+$/.test(digits)) {
    value = BigInt(`0o${digits.slice(1)}`)
  } else {
    value = BigInt(digits) // decimal, or 0x/0b as JavaScript reads them too
  }
  return String(negative ? -value : value)
}

/** Java's Double.toString: plain from 10^-3 to 10^7 (`1000.0`), else `1.0E10`. */
function javaDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity'
  const magnitude = Math.abs(value)
  if (magnitude === 0 || (magnitude >= 1e-3 && magnitude < 1e7)) {
    const text = String(value)
    return text.includes('.') ? text : `${text}.0`
  }
  const [mantissa = '', exponent = ''] = value.toExponential().split('e')
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`
}
