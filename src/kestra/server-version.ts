/** What the action needs to know of a Kestra server, read from `GET /api/v1/configs`. */
export interface ServerInfo {
  /** As the server reports it, e.g. `1.3.21` or `0.22.6`. */
  version: string
  edition: 'OSS' | 'EE'
  /** Servers from 0.23 (EE: 0.22) put the tenant in every path: `/api/v1/{tenant}/...`. */
  tenantInPath: boolean
  /** Servers from 0.21 take `filters[field][OP]=value`; older ones only flat `namespace=`. */
  queryFilters: boolean
  /** Servers from 1.0 refuse flow ids that clash with their routes (`pause`, `kill`...). */
  reservedFlowIds: boolean
  /** Servers from 2.0 have flow drafts: a write says `draft=false` to publish the flow. */
  flowDrafts: boolean
}

type VersionTuple = [number, number, number]

export function parseVersion(version: string): VersionTuple | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim())
  if (!match) return undefined
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)]
}

export function isAtLeast(version: VersionTuple, minimum: VersionTuple): boolean {
  for (let i = 0; i < 3; i++) {
    if (version[i] !== minimum[i]) return (version[i] as number) > (minimum[i] as number)
  }
  return true
}

/** Derives the API shape from the configs document; an unknown version is taken as current. */
export function describeServer(configs: { version?: unknown; edition?: unknown }): ServerInfo {
  const version = typeof configs.version === 'string' ? configs.version : 'unknown'
  const edition = configs.edition === 'EE' ? 'EE' : 'OSS'
  const tuple = parseVersion(version) ?? [99, 0, 0]
  return {
    version,
    edition,
    tenantInPath: isAtLeast(tuple, edition === 'EE' ? [0, 22, 0] : [0, 23, 0]),
    queryFilters: isAtLeast(tuple, [0, 21, 0]),
    reservedFlowIds: isAtLeast(tuple, [1, 0, 0]),
    flowDrafts: isAtLeast(tuple, [2, 0, 0])
  }
}
