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
