/**
 * The rewrite of a flow's top-level `namespace` that leaves every other byte alone, and its proof:
 * the result is parsed again and must be the same document in the new namespace. Pure: no I/O.
 */
import { SCALAR_STYLE } from 'js-yaml'
import type { ScalarEvent } from 'js-yaml'
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
  const rewritten = flow.namespaceValue
    ? replaceNamespaceValue(source, flow.namespaceValue, namespace)
    : insertNamespace(flow, namespace)
  // Most files already name their namespace: the text is the document just parsed, untouched.
  if (rewritten === source && flow.document.namespace === namespace) return source
  verifyRewrite(flow, rewritten, namespace)
  return rewritten
}

function replaceNamespaceValue(
  source: string,
  { event, span }: { event: ScalarEvent; span: TextSpan },
  namespace: string
): string {
  const quoted =
    event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED
  // A namespace never needs escaping inside quotes; an empty value needs a space after its colon.
  const replacement = quoted
    ? namespace
    : `${span.start === span.end ? ' ' : ''}${yamlString(namespace)}`
  return source.slice(0, span.start) + replacement + source.slice(span.end)
}

function insertNamespace(flow: FlowSource, namespace: string): string {
  const { source, idKey, idValue } = flow
  const entry = `namespace: ${yamlString(namespace)}`
  const quoted = idValue.style !== SCALAR_STYLE.PLAIN
  if (flow.rootIsFlowStyle) {
    const afterId = idValue.valueEnd + (quoted ? 1 : 0)
    return `${source.slice(0, afterId)}, ${entry}${source.slice(afterId)}`
  }
  const idLineStart = source.lastIndexOf('\n', idKey.valueStart - 1) + 1
  const indentation = /^[ \t]*/.exec(source.slice(idLineStart, idKey.valueStart))?.[0] ?? ''
  const idLineEnd = source.indexOf('\n', idValue.valueEnd)
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
