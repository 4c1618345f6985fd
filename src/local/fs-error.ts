/** The `code` of a Node.js file-system error (`ENOENT`, `EACCES`...), if it has one. */
export function fsErrorCode(error: unknown): string | undefined {
  // Not `instanceof Error`: errors made by Node itself fail it inside Jest's module sandbox.
  if (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string'
  ) {
    return error.code
  }
  return undefined
}
