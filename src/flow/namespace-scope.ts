/** The namespaces a sync manages: the target alone, or the target and its children. */
export interface NamespaceScope {
  namespace: string
  includeChildren: boolean
}

/** Dot-aware: `prod.a` is a child of `prod`, `prodx` is not. */
export function isInScope(namespace: string, scope: NamespaceScope): boolean {
  if (namespace === scope.namespace) return true
  return scope.includeChildren && namespace.startsWith(`${scope.namespace}.`)
}

/** The scope in a message's words: `namespace prod and its children`. */
export function describeScope(scope: NamespaceScope): string {
  return scope.includeChildren
    ? `namespace ${scope.namespace} and its children`
    : `namespace ${scope.namespace}`
}
