import { isAtLeast, parseVersion, type ServerInfo } from './server-version.js'

/** Longer segments fail on Kestra's storage (2.x refuses them by name, older ones with a 500). */
const MAX_SEGMENT_BYTES = 255

/**
 * Why the server cannot store a namespace file at this path so that it reads back as the same
 * path, or undefined when it can. Each rule was seen on a real server (docs/kestra-api.md): a path
 * that does not round-trip would be planned ADDED on every run, or collide with another file.
 */
export function namespaceFilePathProblem(
  kestraPath: string,
  server: Pick<ServerInfo, 'version'>
): string | undefined {
  const version = parseVersion(server.version) ?? [99, 0, 0]
  const before = (major: number, minor: number): boolean => !isAtLeast(version, [major, minor, 0])
  if (before(0, 21) && kestraPath.startsWith('/_flows')) {
    return `Kestra ${server.version} refuses to read back a path starting with '/_flows'`
  }
  if (before(2, 0) && kestraPath.includes(' ')) {
    return `Kestra ${server.version} stores a space in a namespace file's path as '+' (fixed in 2.0): rename the file without spaces`
  }
  if (before(2, 0) && kestraPath.includes('%')) {
    return `Kestra ${server.version} refuses '%' in a namespace file's path`
  }
  if (before(1, 2) && kestraPath.includes('#')) {
    return `Kestra ${server.version} cuts a namespace file's path at '#'`
  }
  if (before(1, 0) && kestraPath.includes('..')) {
    return `Kestra ${server.version} refuses '..' anywhere in a namespace file's path`
  }
  if (before(1, 2) && kestraPath.endsWith('.metadata')) {
    return `Kestra ${server.version} hides files named '*.metadata' (its storage's own files)`
  }
  if (kestraPath.split('/').some(segment => Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)) {
    return `a file or folder name is longer than ${MAX_SEGMENT_BYTES} bytes, which Kestra's storage refuses`
  }
  return undefined
}
