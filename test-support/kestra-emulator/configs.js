// @ts-check
// `GET /api/v1/configs` (version detection, §2) and, from 2.0, the public `GET /api/v1/configs/login`.
import { sendJson } from './respond.js'

/**
 * @param {import('./request.js').RequestContext} ctx
 * @param {{ profile: import('./versions.js').VersionProfile, uuid: string, baseUrl: string, authConfigured: boolean }} server
 */
export function sendConfigs(ctx, server) {
  const { profile } = server
  /** @type {Record<string, unknown>} */
  const body = {
    uuid: server.uuid,
    version: profile.version,
    commitId: 'emulator',
    commitDate: '2026-01-01T00:00:00Z',
    isCustomDashboardsEnabled: false,
    isTaskRunEnabled: false,
    isAnonymousUsageEnabled: false,
    isUiAnonymousUsageEnabled: false,
    isAiEnabled: false,
    url: server.baseUrl,
    systemNamespace: 'system',
    hiddenLabelsPrefixes: [],
    preview: { initial: 100, max: 5000 }
  }
  // 1.0 added the edition (0.20.7 has none: the action then takes OSS).
  if (profile.configsEdition) body.edition = profile.edition
  // Before 0.24 basic auth was optional and reported as enabled/disabled (§3).
  if (profile.basicAuthInitFlag) body.isBasicAuthInitialized = server.authConfigured
  else body.isBasicAuthEnabled = server.authConfigured
  sendJson(ctx.res, 200, body)
}

/**
 * @param {import('./request.js').RequestContext} ctx
 * @param {boolean} authConfigured
 */
export function sendLoginConfigs(ctx, authConfigured) {
  sendJson(ctx.res, 200, { isBasicAuthInitialized: authConfigured })
}
