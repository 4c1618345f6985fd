/**
 * Deep equality of loaded YAML values (mappings, sequences, scalars). Each pair of objects is
 * compared once, so that aliases shared many times (a "billion laughs" file) cost their number of
 * distinct nodes, not the size of their expansion.
 */
export function sameYamlValue(
  a: unknown,
  b: unknown,
  compared: WeakMap<object, object> = new WeakMap()
): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (compared.get(a) === b) return true
  compared.set(a, b)
  if (
    Array.isArray(a) !== Array.isArray(b) ||
    Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)
  ) {
    return false
  }
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = Object.keys(left)
  return (
    keys.length === Object.keys(right).length &&
    keys.every(key => Object.hasOwn(right, key) && sameYamlValue(left[key], right[key], compared))
  )
}
