/**
 * The rewrite of a flow's top-level `namespace` that leaves every other byte alone, and its proof:
 * the result is parsed again and must be the same document in the new namespace. Pure: no I/O.
 */
import { SCALAR_STYLE } from 'js-yaml'
import { FlowSourceError, readFlowSource, type FlowSource } from './flow-source.js'
import { readsAsPlainString } from './plain-scalar.js'
import { sameYamlValue } from './same-yaml-value.js'
import type { TextSpan } from './yaml-events.js'

/**
 * The flow's text (without BOM) with only the top-level `namespace` value replaced by `namespace`,
 * or with a `namespace:` line added after the `id` entry when there is none. Comments, layout,
 * line endings and nested `namespace:` keys (Subflow tasks, triggers) stay as they are. The
 * result is parsed again and must be the same document apart from its namespace.
 */
export function rewriteNamespace(flow: FlowSource, namespace: string): string {
  const { source } = flow
  const rewritten = writeNamespace(source, namespaceSite(flow), namespace)
  // Most files already name their namespace: the text is the document just parsed, untouched.
  if (rewritten === source && flow.document.namespace === namespace) return source
  verifyRewrite(flow, rewritten, namespace)
  return rewritten
}

/**
 * Where the rewrite writes in a text: the value of its top-level `namespace` (inside the quotes
 * of a quoted one; an empty span right after the colon when it has no value), or, when there is
 * none, a new entry after the `id` entry.
 */
export type NamespaceSite =
  | { kind: 'value'; span: TextSpan; quoted: boolean }
  | {
      kind: 'after-id'
      /** Offset of the `id` key. */
      idKeyStart: number
      /** Offset of the end of its value, before the closing quote of a quoted one. */
      idValueEnd: number
      idQuoted: boolean
      /** Whether the root mapping is written `{ ... }`. */
      flowStyle: boolean
    }

function namespaceSite(flow: FlowSource): NamespaceSite {
  if (flow.namespaceValue) {
    const { event, span } = flow.namespaceValue
    const quoted =
      event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED
    return { kind: 'value', span, quoted }
  }
  return {
    kind: 'after-id',
    idKeyStart: flow.idKey.valueStart,
    idValueEnd: flow.idValue.valueEnd,
    idQuoted: flow.idValue.style !== SCALAR_STYLE.PLAIN,
    flowStyle: flow.rootIsFlowStyle
  }
}

/**
 * `source` with `namespace` written at `site`, every other byte as it was. Unverified: the caller
 * proves the result (a parse of it, or the server storing that very text).
 */
export function writeNamespace(source: string, site: NamespaceSite, namespace: string): string {
  if (site.kind === 'value') {
    const { span } = site
    // A namespace never needs escaping inside quotes; an empty value needs a space after its colon.
    const replacement = site.quoted
      ? namespace
      : `${span.start === span.end ? ' ' : ''}${yamlString(namespace)}`
    // The very string when nothing changes: no copy, and later comparisons of it stay cheap.
    if (source.slice(span.start, span.end) === replacement) return source
    return source.slice(0, span.start) + replacement + source.slice(span.end)
  }
  const entry = `namespace: ${yamlString(namespace)}`
  if (site.flowStyle) {
    const afterId = site.idValueEnd + (site.idQuoted ? 1 : 0)
    return `${source.slice(0, afterId)}, ${entry}${source.slice(afterId)}`
  }
  const idLineStart = source.lastIndexOf('\n', site.idKeyStart - 1) + 1
  const indentation = /^[ \t]*/.exec(source.slice(idLineStart, site.idKeyStart))?.[0] ?? ''
  const idLineEnd = source.indexOf('\n', site.idValueEnd)
  if (idLineEnd === -1) return `${source}${lineBreakOf(source)}${indentation}${entry}`
  const lineBreak = source[idLineEnd - 1] === '\r' ? '\r\n' : '\n'
  return (
    source.slice(0, idLineEnd + 1) + indentation + entry + lineBreak + source.slice(idLineEnd + 1)
  )
}

function lineBreakOf(source: string): string {
  return source.includes('\r\n') ? '\r\n' : '\n'
}

/** `text` as a YAML value that reads back as that string: plain when it can be, else quoted. */
function yamlString(text: string): string {
  return readsAsPlainString(text) ? text : JSON.stringify(text)
}

/** Refuses a rewrite that is not the same document in the new namespace. */
function verifyRewrite(original: FlowSource, rewritten: string, namespace: string): void {
  let result: FlowSource | undefined
  try {
    result = readFlowSource(rewritten)
  } catch (error) {
    if (!(error instanceof FlowSourceError)) throw error
  }
  if (
    result === undefined ||
    result.document.namespace !== namespace ||
    !sameYamlValue(withoutNamespace(original.document), withoutNamespace(result.document))
  ) {
    throw new FlowSourceError(
      `The top-level \`namespace\` could not be rewritten safely to '${namespace}'; write it on one line as \`namespace: ${namespace}\`, or remove it.`,
      original.parsed.namespaceLine ?? original.parsed.idLine
    )
  }
}

function withoutNamespace(document: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...document }
  delete copy.namespace
  return copy
}
