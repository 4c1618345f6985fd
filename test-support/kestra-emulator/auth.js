// @ts-check
// Basic / Bearer authentication as Kestra's AuthenticationFilter applies it (§3).
import { Buffer } from 'node:buffer'
import { ApiError, sendError } from './errors.js'

/**
 * @typedef {{ username?: string, password?: string, token?: string }} AuthConfig
 * @typedef {import('./versions.js').VersionProfile} VersionProfile
 */

/**
 * Whether this path is behind the filter. `/api/v1/configs` is whitelisted before 2.0; from 2.0 it
 * needs auth and only `/api/v1/configs/login` stays public (§2).
 * @param {string} path
 * @param {VersionProfile} profile
 */
export function isProtected(path, profile) {
  if (profile.authOnApiOnly && !path.startsWith('/api/v1/')) return false
  if (path === '/api/v1/configs') return profile.configsNeedAuth
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
 * 401 with a challenge; empty body until 2.0, problem+json `unauthenticated` from 2.1 (§3).
 * @param {import('node:http').ServerResponse} res
 * @param {AuthConfig} auth
 * @param {{ path: string, query: string }} request
 * @param {VersionProfile} profile
 */
export function sendUnauthorized(res, auth, request, profile) {
  const scheme = auth.username === undefined ? 'Bearer' : 'Basic'
  res.setHeader('WWW-Authenticate', `${scheme} realm="Kestra"`)
  if (profile.problemJson) {
    sendError(res, new ApiError(401, 'Unauthorized', 'Authentication required'), request, true)
    return
  }
  res.writeHead(401, { 'Content-Length': 0 })
  res.end()
}
