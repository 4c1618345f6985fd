import type { Settings } from '../../src/settings.js'
import { TEST_AUTH } from './emulator.js'

/** Settings as the inputs' defaults give them, for a workspace and a server. */
export function settingsFor(
  workspace: string,
  kestraUrl: string,
  overrides: Partial<Settings> = {}
): Settings {
  return {
    kestraUrl: new URL(kestraUrl),
    credentials: { kind: 'basic', ...TEST_AUTH },
    tenant: 'main',
    environment: '',
    workspace,
    gitDirectory: '_flows',
    targetNamespace: 'company.team',
    includeChildNamespaces: false,
    delete: false,
    dryRun: false,
    ignoreInvalidFlows: false,
    failOnMissingDirectory: true,
    protectedNamespaces: ['system'],
    maxDeletions: undefined,
    timeoutMs: 30_000,
    concurrency: 16,
    commentOnPr: false,
    githubToken: '',
    expectedPlanId: undefined,
    failOnChanges: false,
    onDrift: 'warn',
    onBrokenCallers: 'warn',
    kestraUiUrl: undefined,
    ...overrides
  }
}
