// @ts-check
// Basic / Bearer authentication as Kestra's AuthenticationFilter applies it (§3).
import { Buffer } from 'node:buffer'
import { ApiError, sendError } from './errors.js'

/**
 * @typedef {{ username?: string, password?: string, token?: string }} AuthConfig
 * @typedef {import('./versions.js').VersionProfile} VersionProfile
 */

/**
 * Whether this path is behind the filter. Before 0.24 the filter covers every path, `/configs`
 * included (0.20.7 answers it 401); 0.24 to 1.x whitelist `/api/v1/configs`; from 2.0 it needs auth
 * again and only `/api/v1/configs/login` stays public (§2).
 * @param {string} path
 * @param {VersionProfile} profile
 */
export function isProtected(path, profile) {
  if (profile.authOnApiOnly && !path.startsWith('/api/v1/')) return false
  if (path === '/api/v1/configs') return profile.configsNeedAuth || !profile.authOnApiOnly
  if (path === '/api/v1/configs/login') return !profile.configsNeedAuth
  return true
}

/**
 * @param {string | undefined} header the Authorization header
 * @param {AuthConfig} auth
 */
export function isAuthorized(header, auth) {
  if (!header) return false
  const space = header.indexOf(' ')
  const scheme = header.slice(0, space).toLowerCase()
  const value = header.slice(space + 1).trim()
  if (scheme === 'basic' && auth.username !== undefined) {
    const decoded = Buffer.from(value, 'base64').toString('utf8')
    return decoded === `${auth.username}:${auth.password ?? ''}`
  }
  if (scheme === 'bearer' && auth.token !== undefined) return value === auth.token
  return false
}

/**
 * 401 with a challenge; empty body until 2.0, problem+json `unauthenticated` from 2.1 (§3). The
 * Basic challenge names its realm, unquoted, before 0.24 (`Basic realm=Kestra`, 0.20.7) and is a
 * bare `Basic` from then (1.0.3, 1.3.0). The Bearer one (EE) is as read, never checked on a server.
 * @param {import('node:http').ServerResponse} res
 * @param {AuthConfig} auth
 * @param {{ path: string, query: string }} request
 * @param {VersionProfile} profile
 */
export function sendUnauthorized(res, auth, request, profile) {
  if (auth.username === undefined) res.setHeader('WWW-Authenticate', 'Bearer realm="Kestra"')
  else res.setHeader('WWW-Authenticate', profile.challengeRealm ? 'Basic realm=Kestra' : 'Basic')
  if (profile.problemJson) {
    sendError(res, new ApiError(401, 'Unauthorized', 'Authentication required'), request, true)
    return
  }
  res.writeHead(401, { 'Content-Length': 0 })
  res.end()
}
