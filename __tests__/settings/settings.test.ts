import { describe, expect, it } from '@jest/globals'
import { load } from 'js-yaml'
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { readSettings } from '../../src/settings.js'

const workspace = path.resolve('/tmp/workspace')
const settingsOf = (inputs: Record<string, string>): ReturnType<typeof readSettings> =>
  readSettings({
    readInput: name =>
      ({
        'kestra-url': 'https://kestra.example.com',
        'target-namespace': 'company.team',
        ...inputs
      })[name] ?? '',
    workspace
  })

describe('readSettings', () => {
  it('applies the defaults of action.yml', () => {
    const settings = settingsOf({})
    expect(settings).toMatchObject({
      tenant: 'main',
      environment: '',
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
      credentials: { kind: 'none' },
      commentOnPr: false,
      githubToken: '',
      expectedPlanId: undefined,
      failOnChanges: false,
      onDrift: 'warn',
      onBrokenCallers: 'warn',
      kestraUiUrl: undefined
    })
    expect(settings.kestraUrl.href).toBe('https://kestra.example.com/')
  })

  it("falls back to the same values as action.yml's defaults", async () => {
    const action = load(await readFile('action.yml', 'utf8')) as {
      inputs: Record<string, { default?: string }>
    }
    // An expression (`${{ github.token }}`) is the runner's to evaluate.
    const defaults = Object.fromEntries(
      Object.entries(action.inputs).flatMap(([name, input]) =>
        input.default === undefined || input.default.includes('${{') ? [] : [[name, input.default]]
      )
    )
    expect(settingsOf(defaults)).toEqual(settingsOf({}))
  })

  it('keeps a base path and drops a trailing slash', () => {
    expect(settingsOf({ 'kestra-url': 'https://example.com/kestra/' }).kestraUrl.pathname).toBe(
      '/kestra'
    )
  })

  it.each([
    ['kestra.example.com', /must start with http/],
    ['ftp://kestra.example.com', /must start with http/],
    [
      'https://kestra.example.com/api/v1',
      /without '\/api\/v1': use 'https:\/\/kestra.example.com'/
    ],
    ['https://admin:hunter2@kestra.example.com', /must not contain credentials/],
    ['', /'kestra-url' is required/]
  ])('refuses the URL %p', (url, message) => {
    expect(() => settingsOf({ 'kestra-url': url })).toThrow(message)
  })

  it('never echoes a password given inside the URL', () => {
    let message = ''
    try {
      settingsOf({ 'kestra-url': 'htp:/admin:hunter2@' })
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).not.toBe('')
    expect(message).not.toContain('hunter2')
  })

  it('reads basic and bearer credentials and refuses both at once', () => {
    expect(settingsOf({ username: 'a@b.c', password: 'pw' }).credentials).toEqual({
      kind: 'basic',
      username: 'a@b.c',
      password: 'pw'
    })
    expect(settingsOf({ 'api-token': 't0k' }).credentials).toEqual({ kind: 'bearer', token: 't0k' })
    expect(() => settingsOf({ 'api-token': 't', username: 'u', password: 'p' })).toThrow(/not both/)
    expect(() => settingsOf({ username: 'u' })).toThrow(/'password' is empty/)
  })

  it.each([['../..'], ['../elsewhere'], ['/etc']])(
    'refuses a git-directory outside the workspace: %p',
    dir => {
      expect(() => settingsOf({ 'git-directory': dir })).toThrow(/inside the workspace/)
    }
  )

  it('reads the environment as one line of free text', () => {
    expect(settingsOf({ environment: '  Production (EU) ' }).environment).toBe('Production (EU)')
    expect(() => settingsOf({ environment: 'staging\nproduction' })).toThrow(
      "Input 'environment' must be one line of text, without control characters."
    )
    expect(() => settingsOf({ environment: 'x'.repeat(101) })).toThrow(
      "Input 'environment' is 101 characters long; give at most 100, such as 'production'."
    )
  })

  it.each([['..flows'], ['...'], ['kestra/..flows']])(
    'accepts a folder inside the workspace whose name starts with two dots: %p',
    dir => {
      expect(settingsOf({ 'git-directory': dir }).gitDirectory).toBe(dir)
    }
  )

  it('accepts nested folders inside the workspace', () => {
    expect(settingsOf({ 'git-directory': 'kestra/flows/' }).gitDirectory).toBe('kestra/flows')
  })

  it('reads files-directory: off when empty, a folder apart from the flows folder', () => {
    expect(settingsOf({}).filesDirectory).toBeUndefined()
    expect(settingsOf({ 'files-directory': './_files/' }).filesDirectory).toBe('_files')
    expect(() => settingsOf({ 'files-directory': '../elsewhere' })).toThrow(
      /Input 'files-directory' must be a folder inside the workspace/
    )
    for (const [files, flows] of [
      ['_flows', '_flows'],
      ['.', '_flows'],
      ['kestra', 'kestra/flows']
    ]) {
      expect(() => settingsOf({ 'files-directory': files, 'git-directory': flows })).toThrow(
        /Inputs 'files-directory' \(.*\) and 'git-directory' \(.*\) must be two separate folders/
      )
    }
    // Sub-folders of the flows folder are read only with child namespaces.
    expect(settingsOf({ 'files-directory': '_flows/_files' }).filesDirectory).toBe('_flows/_files')
    expect(() =>
      settingsOf({ 'files-directory': '_flows/_files', 'include-child-namespaces': 'true' })
    ).toThrow(/must be two separate folders/)
  })

  it.each([['Company.Team'], ['-team'], ['team space']])('refuses the namespace %p', namespace => {
    expect(() => settingsOf({ 'target-namespace': namespace })).toThrow(
      /'target-namespace' is not a valid namespace/
    )
  })

  it('reads the timeout in seconds and the concurrency, and names a value out of range', () => {
    expect(settingsOf({ 'timeout-seconds': '5', concurrency: '2' })).toMatchObject({
      timeoutMs: 5000,
      concurrency: 2
    })
    for (const [name, value] of [
      ['timeout-seconds', '0'],
      ['timeout-seconds', '1.5'],
      ['timeout-seconds', 'abc'],
      ['concurrency', '65'],
      ['concurrency', '-1']
    ]) {
      expect(() => settingsOf({ [name]: value })).toThrow(
        `Input '${name}' must be a whole number from`
      )
    }
  })

  it('reads protected namespaces as a list and the deletion limit as a number', () => {
    expect(
      settingsOf({ 'protected-namespaces': 'system, company.prod\nops', 'max-deletions': '0' })
    ).toMatchObject({ protectedNamespaces: ['system', 'company.prod', 'ops'], maxDeletions: 0 })
    expect(() => settingsOf({ 'protected-namespaces': 'system,Bad Name' })).toThrow(
      "Input 'protected-namespaces' has an invalid namespace"
    )
    expect(() => settingsOf({ 'max-deletions': 'ten' })).toThrow(
      "Input 'max-deletions' must be a whole number from 0"
    )
  })

  it('parses YAML booleans and names a wrong one', () => {
    expect(settingsOf({ 'dry-run': 'True', delete: 'TRUE' })).toMatchObject({
      dryRun: true,
      delete: true
    })
    expect(() => settingsOf({ 'dry-run': 'yes' })).toThrow(
      "Input 'dry-run' must be true or false, got 'yes'."
    )
  })

  it('reads the pull request inputs, and refuses an expected plan id that is not one', () => {
    const id = 'AB'.repeat(32)
    expect(
      settingsOf({
        'comment-on-pr': 'true',
        'github-token': ' ghs_x ',
        'expected-plan-id': id,
        'fail-on-changes': 'true'
      })
    ).toMatchObject({
      commentOnPr: true,
      githubToken: 'ghs_x',
      expectedPlanId: id.toLowerCase(),
      failOnChanges: true
    })
    expect(settingsOf({ 'expected-plan-id': 'pull-request' }).expectedPlanId).toBe('pull-request')
    expect(() => settingsOf({ 'expected-plan-id': 'abc123' })).toThrow(
      "Input 'expected-plan-id' must be a plan id (the 64 hex digits of the 'plan-id' output of the reviewed run) or 'pull-request'; got 'abc123'."
    )
  })

  it('reads the review inputs: two policies and the UI address', () => {
    expect(
      settingsOf({
        'on-drift': 'fail',
        'on-broken-callers': 'fail',
        'kestra-ui-url': 'https://kestra.example.com/'
      })
    ).toMatchObject({ onDrift: 'fail', onBrokenCallers: 'fail' })
    expect(settingsOf({ 'kestra-ui-url': 'https://kestra.example.com/' }).kestraUiUrl?.href).toBe(
      'https://kestra.example.com/'
    )
    expect(() => settingsOf({ 'on-drift': 'error' })).toThrow(
      "Input 'on-drift' must be 'warn' or 'fail', got 'error'."
    )
    expect(() => settingsOf({ 'on-broken-callers': 'yes' })).toThrow(
      "Input 'on-broken-callers' must be 'warn' or 'fail', got 'yes'."
    )
    expect(() => settingsOf({ 'kestra-ui-url': 'kestra.example.com' })).toThrow(
      "Input 'kestra-ui-url' must be an http:// or https:// address"
    )
    expect(() => settingsOf({ 'kestra-ui-url': 'https://u:p@kestra.example.com' })).toThrow(
      "Input 'kestra-ui-url' must be a plain address, without credentials, query or fragment"
    )
  })
})
