import { describe, expect, it } from '@jest/globals'
import type { LocalFlow } from '../../src/flow/local-flow.js'
import type { ServerFlow } from '../../src/flow/server-flow.js'
import { planChangeset, type PlanInput } from '../../src/plan/plan-changeset.js'

const local = (
  namespace: string,
  id: string,
  source: string,
  gitPath = `_flows/${id}.yml`
): LocalFlow => ({
  namespace,
  id,
  source,
  gitPath,
  idLine: 1
})
const server = (namespace: string, id: string, source: string, revision = 3): ServerFlow => ({
  namespace,
  id,
  source,
  revision
})
const plan = (input: Partial<PlanInput>): ReturnType<typeof planChangeset> =>
  planChangeset({
    local: [],
    server: [],
    delete: false,
    protectedNamespaces: ['system'],
    invalidInGit: [],
    unidentifiedInvalidFiles: false,
    ...input
  })

describe('planChangeset', () => {
  it('marks a flow absent from the server ADDED with projected revision 1', () => {
    const { changes } = plan({ local: [local('a', 'x', 'id: x\nnamespace: a\n')] })
    expect(changes).toEqual([
      expect.objectContaining({
        syncState: 'ADDED',
        id: 'x',
        namespace: 'a',
        revision: 1,
        previousRevision: null
      })
    ])
  })

  it('marks equal sources UNCHANGED, ignoring line endings, outer blank space and a revision line', () => {
    const { changes } = plan({
      local: [local('a', 'x', 'id: x\r\nnamespace: a\r\ntasks: []\r\n\r\n')],
      server: [server('a', 'x', 'id: x\nnamespace: a\nrevision: 3\ntasks: []', 3)]
    })
    expect(changes[0]).toMatchObject({ syncState: 'UNCHANGED', revision: 3, previousRevision: 3 })
  })

  it('deletes a flow whose file the sync does not read, as SyncFlows does, and says which file', () => {
    const { changes, kept } = plan({
      local: [local('a', 'x', 'id: x\n')],
      server: [server('a', 'x', 'id: x\n'), server('a', 'ignored', 'id: ignored\n')],
      delete: true,
      unreadInGit: [
        { namespace: 'a', id: 'ignored', gitPath: '_flows/ignored.yml', reason: 'kestraignore' },
        { namespace: 'a', id: 'x', gitPath: '_flows/.x.yml', reason: 'dot-file' }
      ]
    })
    expect(kept).toEqual([])
    expect(changes.map(change => [change.syncState, change.id, change.unreadFile])).toEqual([
      ['DELETED', 'ignored', { gitPath: '_flows/ignored.yml', reason: 'kestraignore' }],
      ['UNCHANGED', 'x', undefined]
    ])
  })

  describe('as SyncFlows wrote it (`namespace: <namespace>` on its own)', () => {
    const body = 'id: x\n{line}\ntasks:\n  - id: t\n    type: Log\n'
    const withLine = (line: string): string => body.replace('{line}', line)
    const verdict = (serverLine: string, localLine: string, namespace = 'company.team'): string =>
      plan({
        local: [local(namespace, 'x', withLine(localLine))],
        server: [server(namespace, 'x', withLine(serverLine))]
      }).changes[0]?.syncState ?? ''

    it.each([
      ['namespace: company.team', 'namespace: "company.team"'],
      ['namespace: company.team', "namespace: 'company.team'"],
      ['namespace: company.team', 'namespace: company.team # the team'],
      ['namespace: company.team', 'namespace:    company.team   '],
      ['namespace: "company.team"', 'namespace: company.team'],
      ['namespace: company.team # old comment', "namespace: 'company.team'  # new one"]
    ])(
      'is UNCHANGED when only the namespace line differs in form: %p on the server, %p in Git',
      (serverLine, localLine) => {
        expect(verdict(serverLine, localLine)).toBe('UNCHANGED')
      }
    )

    it.each([
      ['another namespace', 'namespace: company.other', 'namespace: "company.team"'],
      ['a nested namespace line', '  namespace: company.team', 'namespace: "company.team"'],
      ['a comment on its own line', '# namespace: company.team', 'namespace: "company.team"'],
      ['a value that is not text as written', 'namespace: 1.50', 'namespace: "1.50"']
    ])('is UPDATED for %s', (_, serverLine, localLine) => {
      expect(
        verdict(serverLine, localLine, serverLine.includes('1.50') ? '1.50' : 'company.team')
      ).toBe('UPDATED')
    })

    it('is UPDATED when anything else differs too', () => {
      const { changes } = plan({
        local: [
          local('company.team', 'x', withLine('namespace: "company.team"').replace('Log', 'Echo'))
        ],
        server: [server('company.team', 'x', withLine('namespace: company.team'))]
      })
      expect(changes[0]?.syncState).toBe('UPDATED')
    })
  })

  it('marks any other difference UPDATED, comments included, projecting the next revision', () => {
    const { changes } = plan({
      local: [local('a', 'x', 'id: x\nnamespace: a\n# a comment\ntasks: []\n')],
      server: [server('a', 'x', 'id: x\nnamespace: a\ntasks: []\n', 7)]
    })
    expect(changes[0]).toMatchObject({
      syncState: 'UPDATED',
      previousRevision: 7,
      revision: 8,
      // The server's source stays with the change, for the reviewer's diff.
      serverSource: 'id: x\nnamespace: a\ntasks: []\n'
    })
  })

  it('identifies flows by namespace and id, not by id alone', () => {
    const { changes, kept } = plan({
      local: [local('a.b', 'x', 'id: x\nnamespace: a.b\n')],
      server: [server('a', 'x', 'id: x\nnamespace: a\n')]
    })
    expect(changes.map(change => change.syncState)).toEqual(['ADDED'])
    expect(kept).toEqual([{ namespace: 'a', id: 'x', revision: 3, reason: 'delete-disabled' }])
  })

  it('deletes server-only flows only when delete is on, and lists them first', () => {
    const input = {
      local: [local('a', 'keep', 'id: keep\nnamespace: a\n', '_flows/keep.yml')],
      server: [
        server('a', 'zz', 'id: zz\nnamespace: a\n', 2),
        server('a', 'old', 'id: old\nnamespace: a\n', 5)
      ]
    }
    expect(plan({ ...input, delete: false }).changes.map(change => change.syncState)).toEqual([
      'ADDED'
    ])
    const withDelete = plan({ ...input, delete: true })
    expect(withDelete.changes.map(change => [change.syncState, change.id])).toEqual([
      ['DELETED', 'old'],
      ['DELETED', 'zz'],
      ['ADDED', 'keep']
    ])
    expect(withDelete.changes[0]).toMatchObject({ gitPath: null, previousRevision: 5, revision: 6 })
    expect(withDelete.kept).toEqual([])
  })

  it('never deletes a flow because its file is invalid in Git', () => {
    const { changes, kept } = plan({
      delete: true,
      server: [
        server('a', 'broken', 'id: broken\nnamespace: a\n'),
        server('a', 'gone', 'id: gone\nnamespace: a\n')
      ],
      invalidInGit: [{ namespace: 'a', id: 'broken' }]
    })
    expect(changes.map(change => change.id)).toEqual(['gone'])
    expect(kept).toEqual([expect.objectContaining({ id: 'broken', reason: 'invalid-in-git' })])
  })

  it('never deletes in a protected namespace or its children, and keeps siblings deletable', () => {
    const { changes, kept } = plan({
      delete: true,
      protectedNamespaces: ['system', 'company.prod'],
      server: [
        server('system', 'purge', 'id: purge\nnamespace: system\n'),
        server('company.prod.etl', 'load', 'id: load\nnamespace: company.prod.etl\n'),
        server('company.prodx', 'gone', 'id: gone\nnamespace: company.prodx\n')
      ]
    })
    expect(changes.map(change => [change.syncState, change.namespace])).toEqual([
      ['DELETED', 'company.prodx']
    ])
    expect(kept.map(flow => [flow.namespace, flow.reason])).toEqual([
      ['company.prod.etl', 'protected-namespace'],
      ['system', 'protected-namespace']
    ])
  })

  it('deletes nothing while an invalid file could not be identified', () => {
    const { changes, kept } = plan({
      delete: true,
      server: [server('a', 'gone', 'id: gone\nnamespace: a\n')],
      unidentifiedInvalidFiles: true
    })
    expect(changes).toEqual([])
    expect(kept.map(flow => flow.reason)).toEqual(['unreadable-file-in-git'])
  })

  it('orders additions and updates by file path', () => {
    const { changes } = plan({
      local: [
        local('a', 'b', 'id: b\n', '_flows/z.yml'),
        local('a', 'c', 'id: c\n', '_flows/a.yml'),
        local('a.x', 'd', 'id: d\n', '_flows/x/m.yml')
      ]
    })
    expect(changes.map(change => change.gitPath)).toEqual([
      '_flows/a.yml',
      '_flows/x/m.yml',
      '_flows/z.yml'
    ])
  })
})
