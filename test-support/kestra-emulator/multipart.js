// @ts-check
// The parts of a `multipart/form-data` body (RFC 7578), enough for Kestra's upload routes.

/** @typedef {{ name: string, filename?: string, bytes: Buffer }} Part */

/**
 * @param {string | undefined} contentType the request's Content-Type
 * @param {Buffer} body
 * @returns {Part[] | undefined} undefined when the body is not multipart/form-data
 */
export function multipartParts(contentType, body) {
  const [type, ...parameters] = (contentType ?? '').split(';').map(part => part.trim())
  if (type?.toLowerCase() !== 'multipart/form-data') return undefined
  const boundary = parameters
    .map(parameter => /^boundary="?([^"]+)"?$/i.exec(parameter)?.[1])
    .find(Boolean)
  if (!boundary) return []
  const delimiter = Buffer.from(`--${boundary}`)
  /** @type {Part[]} */
  const parts = []
  let start = body.indexOf(delimiter)
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length)
    if (next < 0) break
    // Each part sits between `--boundary\r\n` and `\r\n--boundary`.
    const part = body.subarray(start + delimiter.length + 2, next - 2)
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8')
      const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? ''
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1]
      const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1]
      if (name !== undefined) {
        parts.push({
          name,
          ...(filename === undefined ? {} : { filename }),
          bytes: part.subarray(headerEnd + 4)
        })
      }
    }
    start = next
  }
  return parts
}
