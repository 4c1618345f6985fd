/** Every input and output name of action.yml, named once so code, tests and action.yml agree. */
export const Input = {
  KestraUrl: 'kestra-url',
  Username: 'username',
  Password: 'password',
  ApiToken: 'api-token',
  Tenant: 'tenant',
  Environment: 'environment',
  GitDirectory: 'git-directory',
  FilesDirectory: 'files-directory',
  TargetNamespace: 'target-namespace',
  IncludeChildNamespaces: 'include-child-namespaces',
  Delete: 'delete',
  DryRun: 'dry-run',
  IgnoreInvalidFlows: 'ignore-invalid-flows',
  FailOnMissingDirectory: 'fail-on-missing-directory',
  ProtectedNamespaces: 'protected-namespaces',
  MaxDeletions: 'max-deletions',
  TimeoutSeconds: 'timeout-seconds',
  Concurrency: 'concurrency',
  CommentOnPr: 'comment-on-pr',
  GithubToken: 'github-token',
  ExpectedPlanId: 'expected-plan-id',
  FailOnChanges: 'fail-on-changes',
  OnDrift: 'on-drift',
  OnBrokenCallers: 'on-broken-callers',
  KestraUiUrl: 'kestra-ui-url'
} as const

export const Output = {
  Changes: 'changes',
  Added: 'added',
  Updated: 'updated',
  Unchanged: 'unchanged',
  Deleted: 'deleted',
  HasChanges: 'has-changes',
  PlanId: 'plan-id'
} as const

/** `expected-plan-id: pull-request`: the plan id of the pull request's plan comment. */
export const EXPECTED_FROM_PULL_REQUEST = 'pull-request'
