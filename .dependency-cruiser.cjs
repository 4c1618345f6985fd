// The layer rules of docs/architecture.md, checked by `npm run lint`. The rules are written in
// words there, once; each rule below names the layer of that page it enforces.

/** Paths of src/ a layer may import, as one pattern; anything else of src/ is forbidden to it. */
const only = (...allowed) => `^src/(?!(?:${allowed.join('|')}))`

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'docs/architecture.md: no import cycle.',
      severity: 'error',
      from: {},
      to: { circular: true }
    },
    {
      name: 'ground-imports-nothing',
      comment: 'docs/architecture.md: errors.ts, action-interface.ts.',
      severity: 'error',
      from: { path: '^src/(errors|action-interface)\\.ts$' },
      to: { path: '^src/' }
    },
    {
      name: 'util-is-generic',
      comment: 'docs/architecture.md: util/.',
      severity: 'error',
      from: { path: '^src/util/' },
      to: { path: only('util/', 'errors\\.ts$') }
    },
    {
      name: 'flow-is-the-domain',
      comment: 'docs/architecture.md: flow/.',
      severity: 'error',
      from: { path: '^src/flow/' },
      to: { path: only('flow/', 'util/', 'errors\\.ts$') }
    },
    {
      name: 'flow-reads-yaml-only',
      comment: 'docs/architecture.md: flow/.',
      severity: 'error',
      from: { path: '^src/flow/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional'], pathNot: 'js-yaml' }
    },
    {
      name: 'kestra-knows-no-action',
      comment: 'docs/architecture.md: kestra/.',
      severity: 'error',
      from: { path: '^src/kestra/' },
      to: { path: only('kestra/', 'flow/', 'util/', 'errors\\.ts$') }
    },
    {
      name: 'kestra-and-flow-use-no-actions-toolkit',
      comment: 'docs/architecture.md: kestra/, flow/.',
      severity: 'error',
      from: { path: '^src/(kestra|flow)/' },
      to: { path: '@actions/(?!http-client)' }
    },
    {
      name: 'local-reads-the-workspace',
      comment: 'docs/architecture.md: local/.',
      severity: 'error',
      from: { path: '^src/local/' },
      to: { path: only('local/', 'flow/', 'util/', 'errors\\.ts$', 'action-interface\\.ts$') }
    },
    {
      name: 'plan-is-pure',
      comment: 'docs/architecture.md: plan/.',
      severity: 'error',
      from: { path: '^src/plan/' },
      to: { path: only('plan/', 'flow/', 'util/', 'errors\\.ts$', 'action-interface\\.ts$') }
    },
    {
      name: 'plan-does-no-io',
      comment: 'docs/architecture.md: plan/.',
      severity: 'error',
      from: { path: '^src/plan/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional'] }
    },
    {
      name: 'review-reads-the-plan',
      comment: 'docs/architecture.md: review/.',
      severity: 'error',
      from: { path: '^src/review/' },
      to: {
        path: only('review/', 'plan/', 'flow/', 'util/', 'errors\\.ts$', 'action-interface\\.ts$')
      }
    },
    {
      name: 'review-does-no-io',
      comment: 'docs/architecture.md: review/.',
      severity: 'error',
      from: { path: '^src/review/' },
      to: {
        dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional'],
        pathNot: ['js-yaml', 'cronstrue']
      }
    },
    {
      name: 'report-renders',
      comment: 'docs/architecture.md: report/.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: {
        path: only(
          'report/',
          'review/',
          'plan/',
          'flow/',
          'util/',
          'errors\\.ts$',
          'action-interface\\.ts$'
        )
      }
    },
    {
      name: 'report-does-no-io',
      comment: 'docs/architecture.md: report/.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { dependencyTypes: ['core'] }
    },
    {
      name: 'report-writes-nowhere',
      comment: 'docs/architecture.md: report/.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '@actions/' }
    },
    {
      name: 'apply-writes-through-the-client',
      comment: 'docs/architecture.md: apply/.',
      severity: 'error',
      from: { path: '^src/apply/' },
      to: { path: only('apply/', 'plan/', 'kestra/', 'flow/', 'util/', 'errors\\.ts$') }
    },
    {
      name: 'github-is-the-way-to-github',
      comment: 'docs/architecture.md: github/.',
      severity: 'error',
      from: { path: '^src/github/' },
      to: {
        path: only(
          'github/',
          'report/',
          'plan/',
          'flow/',
          'util/',
          'errors\\.ts$',
          'action-interface\\.ts$'
        )
      }
    },
    {
      name: 'actions-toolkit-only-in-github-and-main',
      comment: 'docs/architecture.md: @actions/core and @actions/github.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(github/|action\\.ts$)' },
      to: { path: '@actions/(core|github)(/|$)' }
    },
    {
      name: 'sync-orchestrates-only',
      comment: 'docs/architecture.md: sync.ts.',
      severity: 'error',
      from: { path: '^src/sync\\.ts$' },
      to: {
        path: ['^src/(github/|settings\\.ts$|(main|index|action|run-start)\\.ts$)', '@actions/']
      }
    },
    {
      name: 'only-main-reads-the-settings',
      comment: 'docs/architecture.md: settings.ts, read by main.ts, run-start.ts, action.ts only.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(main|run-start|action)\\.ts$' },
      to: { path: '^src/settings\\.ts$' }
    },
    {
      name: 'nothing-imports-the-entry',
      comment: 'docs/architecture.md: main.ts and index.ts.',
      severity: 'error',
      from: { pathNot: '^src/index\\.ts$' },
      to: { path: '^src/(main|index)\\.ts$' }
    },
    {
      name: 'only-main-loads-the-action',
      comment: 'docs/architecture.md: main.ts, run-start.ts, action.ts.',
      severity: 'error',
      from: { pathNot: '^src/main\\.ts$' },
      to: { path: '^src/action\\.ts$' }
    },
    {
      name: 'the-run-starts-in-main',
      comment: 'docs/architecture.md: main.ts, run-start.ts, action.ts.',
      severity: 'error',
      from: { pathNot: '^src/(main|action)\\.ts$' },
      to: { path: '^src/run-start\\.ts$' }
    },
    {
      name: 'src-stands-alone',
      comment: 'docs/architecture.md: src/ never imports the tests, test-support/ or scripts/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(__tests__|test-support|scripts)/' }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports tie layers as much as the others.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json']
    }
  }
}
