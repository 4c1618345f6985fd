import { load } from 'js-yaml'

/** A YAML mapping, as the loader gives it. */
export type YamlMapping = Record<string, unknown>

/**
 * The parsed flow of a source, for reading its meaning rather than its text; undefined when the
 * text is no YAML mapping (the sync has reported such a flow already).
 */
export function loadFlowDocument(source: string): YamlMapping | undefined {
  try {
    const document = load(source)
    return isMapping(document) ? document : undefined
  } catch {
    return undefined
  }
}

export function isMapping(value: unknown): value is YamlMapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The mappings of a list; anything else gives none. */
export function mappingsOf(value: unknown): YamlMapping[] {
  return Array.isArray(value) ? value.filter(isMapping) : []
}

/** A scalar as text (`id: 12` gives '12'); undefined for a missing value, a list or a mapping. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}
