// @ts-check
// Low-level response writers shared by the handlers.

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {string} [contentType]
 */
export function sendJson(res, status, body, contentType = 'application/json') {
  sendJsonText(res, status, JSON.stringify(body), contentType)
}

/**
 * A body already serialized.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {string} [contentType]
 */
export function sendJsonText(res, status, text, contentType = 'application/json') {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text)
  })
  res.end(text)
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {Record<string, string>} [headers]
 */
export function sendEmpty(res, status, headers = {}) {
  res.writeHead(status, { ...headers, 'Content-Length': 0 })
  res.end()
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {Uint8Array} bytes
 * @param {string} filename
 */
export function sendFile(res, bytes, filename) {
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Content-Length': bytes.byteLength
  })
  res.end(bytes)
}
