import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, symlink } from 'node:fs/promises'
import { UserFacingError } from '../../src/errors.js'
import type { LocalFlows } from '../../src/local/local-flows.js'
import { confirmLocalFlows, readLocalFlows } from '../../src/local/read-local-flows.js'
import { createTempWorkspace, flowYaml, type TempWorkspace } from './temp-workspace.js'

let workspace: TempWorkspace
let outside: TempWorkspace

beforeEach(async () => {
  workspace = await createTempWorkspace()
  outside = await createTempWorkspace()
})

afterEach(async () => {
  await workspace.remove()
  await outside.remove()
})

function read(
  options: {
    directory?: string
    includeChildNamespaces?: boolean
    identifyUnread?: boolean
    deferParse?: boolean
  } = {}
): Promise<LocalFlows> {
  return readLocalFlows({
    workspace: workspace.root,
    directory: options.directory ?? '_flows',
    targetNamespace: 'company.team',
    includeChildNamespaces: options.includeChildNamespaces ?? false,
    identifyUnread: options.identifyUnread ?? false,
    deferParse: options.deferParse ?? false
  })
}

const keysOf = (local: LocalFlows): string[] =>
  local.flows.map(flow => `${flow.gitPath} ${flow.namespace}/${flow.id}`)

describe('readLocalFlows: the flows folder', () => {
  it('reports a missing folder without throwing', async () => {
    expect(await read()).toEqual({
      directoryExists: false,
      flows: [],
      hidden: [],
      invalid: [],
      duplicates: [],
      skipped: [],
      ignored: [],
      unreadFolders: [],
      unread: [],
      unparsed: new Map()
    })
  })

  it('throws a clear error when the folder is a file', async () => {
    await workspace.write({ _flows: 'not a folder' })
    const reading = read()
    await expect(reading).rejects.toThrow(UserFacingError)
    await expect(reading).rejects.toThrow(
      "'_flows' (input 'git-directory') is a file, not a folder of flows."
    )
  })

  it('reads an empty folder', async () => {
    await mkdir(workspace.path('_flows'))
    expect(await read()).toMatchObject({ directoryExists: true, flows: [], invalid: [] })
  })

  it('reads the workspace itself as the flows folder', async () => {
    await workspace.write({ 'hello.yml': flowYaml('hello') })
    const local = await readLocalFlows({
      workspace: workspace.root,
      directory: '.',
      targetNamespace: 'company.team',
      includeChildNamespaces: false
    })
    expect(keysOf(local)).toEqual(['hello.yml company.team/hello'])
  })

  it('refuses a flows folder that is a link to a folder outside the workspace', async () => {
    await outside.write({ 'x.yml': flowYaml('x') })
    await symlink(outside.root, workspace.path('_flows'))
    await expect(read()).rejects.toThrow('is a link to a folder outside the workspace')
  })
})

describe('readLocalFlows: flows', () => {
  it('reads each flow with its id, target namespace, id line and rewritten source', async () => {
    const text = '# Says hello\nid: hello\nnamespace: io.kestra.tests # authored\ntasks: []\n'
    await workspace.write({ '_flows/hello.yml': text })
    const local = await read()
    expect(local.flows).toEqual([
      {
        gitPath: '_flows/hello.yml',
        namespace: 'company.team',
        id: 'hello',
        idLine: 2,
        source: '# Says hello\nid: hello\nnamespace: company.team # authored\ntasks: []\n'
      }
    ])
    expect(local.invalid).toEqual([])
  })

  it('inserts the namespace in a flow that has none', async () => {
    await workspace.write({ '_flows/a.yaml': 'id: a\ntasks: []\n' })
    expect((await read()).flows[0]?.source).toBe('id: a\nnamespace: company.team\ntasks: []\n')
  })

  it('drops a BOM and keeps CRLF', async () => {
    await workspace.write({ '_flows/bom.yml': '\uFEFFid: bom\r\nnamespace: x\r\ntasks: []\r\n' })
    expect((await read()).flows[0]?.source).toBe(
      'id: bom\r\nnamespace: company.team\r\ntasks: []\r\n'
    )
  })

  it('takes .yml and .yaml in any case and skips other files', async () => {
    await workspace.write({
      '_flows/a.yml': flowYaml('a'),
      '_flows/b.yaml': flowYaml('b'),
      '_flows/c.YML': flowYaml('c'),
      '_flows/d.Yaml': flowYaml('d'),
      '_flows/README.md': '# Flows',
      '_flows/e.yml.bak': flowYaml('e'),
      '_flows/script.py': 'print(1)',
      '_flows/yml': 'no extension'
    })
    const local = await read()
    expect(local.flows.map(flow => flow.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(local.skipped).toEqual([
      '_flows/README.md',
      '_flows/e.yml.bak',
      '_flows/script.py',
      '_flows/yml'
    ])
  })

  it('leaves out dot-files and dot-folders, naming only the dot-files that look like flows', async () => {
    await workspace.write({
      '_flows/.hidden.yml': flowYaml('hidden'),
      '_flows/.gitkeep': '',
      '_flows/.DS_Store': 'x',
      '_flows/.github/workflows/ci.yml': 'on: push',
      '_flows/.git/config': '[core]',
      '_flows/visible.yml': flowYaml('visible')
    })
    const local = await read({ includeChildNamespaces: true })
    expect(local.flows.map(flow => flow.id)).toEqual(['visible'])
    expect(local).toMatchObject({ invalid: [], skipped: [], ignored: [], duplicates: [] })
    expect(local.hidden).toEqual(['_flows/.hidden.yml'])
  })

  it('reads names with spaces and non-ASCII letters', async () => {
    await workspace.write({
      '_flows/my flow.yml': flowYaml('spaces'),
      '_flows/café ☕.yaml': flowYaml('unicode'),
      '_flows/日本語.yml': flowYaml('japanese')
    })
    expect(keysOf(await read())).toEqual([
      '_flows/café ☕.yaml company.team/unicode',
      '_flows/my flow.yml company.team/spaces',
      '_flows/日本語.yml company.team/japanese'
    ])
  })

  it('returns flows sorted by path whatever the order of the disk', async () => {
    const names = ['m', 'b', 'z', 'a', 'k', 'B', '0']
    await workspace.write(
      Object.fromEntries(names.map(name => [`_flows/${name}.yml`, flowYaml(`flow-${name}`)]))
    )
    expect((await read()).flows.map(flow => flow.gitPath)).toEqual(
      ['0', 'B', 'a', 'b', 'k', 'm', 'z'].map(name => `_flows/${name}.yml`)
    )
  })

  it('reads many files', async () => {
    const files: Record<string, string> = {}
    for (let index = 0; index < 300; index++)
      files[`_flows/flow-${String(index).padStart(3, '0')}.yml`] = flowYaml(`f${index}`)
    await workspace.write(files)
    const local = await read()
    expect(local.flows).toHaveLength(300)
    expect(local.flows[299]).toMatchObject({
      gitPath: '_flows/flow-299.yml',
      id: 'f299',
      namespace: 'company.team'
    })
  })
})

describe('readLocalFlows: invalid files', () => {
  it('reports broken YAML with its line and reads the other files', async () => {
    await workspace.write({
      '_flows/broken.yml':
        'id: broken\nnamespace: x\ntasks:\n  - id: a\n    type: x\n    type: y\n',
      '_flows/good.yml': flowYaml('good')
    })
    const local = await read()
    expect(local.invalid).toEqual([
      {
        gitPath: '_flows/broken.yml',
        line: 6,
        message: "Invalid YAML: the key 'type' is written twice in the same mapping; keep one."
      }
    ])
    expect(local.flows.map(flow => flow.id)).toEqual(['good'])
  })

  it('reports an empty file, several documents and a list without crashing', async () => {
    await workspace.write({
      '_flows/empty.yml': '',
      '_flows/comments.yml': '# TODO\n',
      '_flows/multi.yml': `${flowYaml('one')}---\n${flowYaml('two')}`,
      '_flows/list.yml': '- id: a\n'
    })
    const local = await read()
    expect(local.invalid.map(problem => [problem.gitPath, problem.message.slice(0, 40)])).toEqual([
      ['_flows/comments.yml', 'The file is empty or holds only comments'],
      ['_flows/empty.yml', 'The file is empty or holds only comments'],
      ['_flows/list.yml', 'The top level of a flow must be a mappin'],
      ['_flows/multi.yml', 'The file holds 2 YAML documents separate']
    ])
  })

  it('reports a bad flow id at its line, with the flow key', async () => {
    await workspace.write({ '_flows/bad.yml': '# x\nid: my#flow\nnamespace: a\n' })
    expect((await read()).invalid).toEqual([
      {
        gitPath: '_flows/bad.yml',
        line: 2,
        message:
          "Invalid flow id: 'my#flow' must start with a letter or a digit and contain only letters, digits, '.', '_' and '-'.",
        key: { namespace: 'company.team', id: 'my#flow' }
      }
    ])
  })

  it('refuses an unquoted id that Kestra reads otherwise, at its line; takes it quoted', async () => {
    await workspace.write({
      '_flows/off.yml': '# x\nid: off\nnamespace: a\ntasks: []\n',
      '_flows/quoted.yml': 'id: "012"\nnamespace: a\ntasks: []\n'
    })
    const local = await read()
    expect(local.invalid).toEqual([
      {
        gitPath: '_flows/off.yml',
        line: 2,
        message: `Invalid flow id: unquoted, 'off' is read by Kestra as 'false' (YAML 1.1): the flow would be created as 'off' and every later update of it refused; quote it: id: "off".`,
        key: { namespace: 'company.team', id: 'off' }
      }
    ])
    expect(local.flows.map(flow => flow.id)).toEqual(['012'])
  })

  it('reads an id that only Kestra 1.0+ reserves: the server version decides later', async () => {
    await workspace.write({ '_flows/pause.yml': flowYaml('pause') })
    const local = await read()
    expect(local.invalid).toEqual([])
    expect(local.flows.map(flow => flow.id)).toEqual(['pause'])
  })

  it('reports a namespace it cannot rewrite, with the flow key', async () => {
    await workspace.write({
      '_flows/alias.yml': 'id: alias\nnamespace: &ns a.b\ntasks:\n  - id: t\n    namespace: *ns\n'
    })
    expect((await read()).invalid).toEqual([
      {
        gitPath: '_flows/alias.yml',
        line: 2,
        message:
          "The top-level `namespace` could not be rewritten safely to 'company.team'; write it on one line as `namespace: company.team`, or remove it.",
        key: { namespace: 'company.team', id: 'alias' }
      }
    ])
  })

  it('reports files that are not UTF-8 text, saying what to do', async () => {
    await workspace.write({
      '_flows/nul.yml': 'id: a\u0000\n',
      '_flows/latin1.yml': Buffer.from('id: a\n# é\nnamespace: café\n', 'latin1'),
      '_flows/utf16.yml': Buffer.from('\uFEFFid: a\n', 'utf16le'),
      '_flows/utf16be.yml': Buffer.from('\uFEFFid: a\n', 'utf16le').swap16()
    })
    expect((await read()).invalid).toEqual([
      {
        gitPath: '_flows/latin1.yml',
        line: 2,
        message:
          'The file is not UTF-8 text (saved as Latin-1 or Windows-1252?): this line has bytes that are not UTF-8. Save the file as UTF-8.'
      },
      {
        gitPath: '_flows/nul.yml',
        message:
          'Not a text file (it holds NUL bytes): a flow file is UTF-8 text. Move it out of the folder, or list it in .kestraignore.'
      },
      { gitPath: '_flows/utf16.yml', message: 'The file is UTF-16 text; save it as UTF-8.' },
      { gitPath: '_flows/utf16be.yml', message: 'The file is UTF-16 text; save it as UTF-8.' }
    ])
  })

  it('reads UTF-8 text whatever its characters, a BOM included', async () => {
    await workspace.write({ '_flows/a.yml': `\uFEFF${flowYaml('a')}# 日本語 ✓ 𝄞\n` })
    expect((await read()).flows.map(flow => flow.id)).toEqual(['a'])
  })
})

describe('readLocalFlows: duplicates', () => {
  it('lists every file sharing a (namespace, id) and keeps none of them as a flow', async () => {
    await workspace.write({
      '_flows/b.yml': flowYaml('same', 'first.ns'),
      '_flows/a.yaml': `# copy\n${flowYaml('same', 'second.ns')}`,
      '_flows/other.yml': flowYaml('other')
    })
    const local = await read()
    expect(local.duplicates).toEqual([
      {
        namespace: 'company.team',
        id: 'same',
        files: [
          { gitPath: '_flows/a.yaml', line: 2 },
          { gitPath: '_flows/b.yml', line: 1 }
        ]
      }
    ])
    expect(local.flows.map(flow => flow.id)).toEqual(['other'])
  })

  it('does not mix up the same id in different child namespaces', async () => {
    await workspace.write({
      '_flows/same.yml': flowYaml('same'),
      '_flows/sub/same.yml': flowYaml('same')
    })
    const local = await read({ includeChildNamespaces: true })
    expect(local.duplicates).toEqual([])
    expect(keysOf(local)).toEqual([
      '_flows/same.yml company.team/same',
      '_flows/sub/same.yml company.team.sub/same'
    ])
  })
})

describe('readLocalFlows: child namespaces', () => {
  beforeEach(async () => {
    await workspace.write({
      '_flows/root.yml': flowYaml('root'),
      '_flows/a/one.yml': flowYaml('one'),
      '_flows/a/b/two.yml': flowYaml('two'),
      '_flows/a/b/notes.txt': 'not a flow',
      '_flows/x.y/three.yml': flowYaml('three')
    })
  })

  it('reads only the files directly in the folder without the flag', async () => {
    const local = await read()
    expect(keysOf(local)).toEqual(['_flows/root.yml company.team/root'])
    expect(local.skipped).toEqual([])
  })

  it('sorts by path across folders, not in the order of the walk', async () => {
    await workspace.write({
      '_flows/a.b/x.yml': flowYaml('in-dotted-folder'),
      '_flows/a.yml': flowYaml('file'),
      '_flows/a-b.yml': flowYaml('dashed-file'),
      '_flows/a/z.yml': flowYaml('in-folder'),
      '_flows/a/.kestraignore.txt': 'dot-file',
      '_flows/a/notes.txt': 'x',
      '_flows/a-b.txt': 'x',
      '_flows/a/bad.yml': 'id: [',
      '_flows/a-bad.yml': 'id: ['
    })
    const local = await read({ includeChildNamespaces: true })
    // '-' < '.' < '/' in code-point order.
    expect(local.flows.map(flow => flow.gitPath)).toEqual([
      '_flows/a-b.yml',
      '_flows/a.b/x.yml',
      '_flows/a.yml',
      '_flows/a/b/two.yml',
      '_flows/a/one.yml',
      '_flows/a/z.yml',
      '_flows/root.yml',
      '_flows/x.y/three.yml'
    ])
    expect(local.skipped).toEqual(['_flows/a-b.txt', '_flows/a/b/notes.txt', '_flows/a/notes.txt'])
    expect(local.invalid.map(problem => problem.gitPath)).toEqual([
      '_flows/a-bad.yml',
      '_flows/a/bad.yml'
    ])
  })

  it('maps sub-folders to child namespaces with the flag', async () => {
    const local = await read({ includeChildNamespaces: true })
    expect(keysOf(local)).toEqual([
      '_flows/a/b/two.yml company.team.a.b/two',
      '_flows/a/one.yml company.team.a/one',
      '_flows/root.yml company.team/root',
      '_flows/x.y/three.yml company.team.x.y/three'
    ])
    expect(local.flows[0]?.source).toContain('namespace: company.team.a.b\n')
    expect(local.skipped).toEqual(['_flows/a/b/notes.txt'])
  })

  it('reports each flow under a folder that cannot be a namespace segment, naming the folder', async () => {
    await workspace.write({
      '_flows/My Team/one.yml': flowYaml('one'),
      '_flows/My Team/deeper/two.yml': flowYaml('two'),
      '_flows/Upper/three.yml': flowYaml('three'),
      '_flows/Upper/readme.md': 'not a flow'
    })
    const local = await read({ includeChildNamespaces: true })
    expect(local.invalid).toEqual([
      {
        gitPath: '_flows/My Team/deeper/two.yml',
        message:
          "The folder 'My Team' cannot be part of a namespace: folder names under the flows folder may contain only lower-case letters, digits, '.', '_' and '-'."
      },
      {
        gitPath: '_flows/My Team/one.yml',
        message: expect.stringContaining("The folder 'My Team'")
      },
      { gitPath: '_flows/Upper/three.yml', message: expect.stringContaining("The folder 'Upper'") }
    ])
    expect(local.flows).toHaveLength(4)
    expect(local.skipped).toContain('_flows/Upper/readme.md')
  })

  it('reports a child namespace longer than Kestra allows', async () => {
    await workspace.write({ [`_flows/${'a'.repeat(140)}/long.yml`]: flowYaml('long') })
    const local = await read({ includeChildNamespaces: true })
    expect(local.invalid).toHaveLength(1)
    expect(local.invalid[0]?.message).toMatch(
      /^The folders of this file give an invalid namespace: .* is 153 characters long; a namespace has at most 150\.$/
    )
  })
})

describe('readLocalFlows: .kestraignore', () => {
  it('excludes files and folders with gitignore rules, negations included', async () => {
    await workspace.write({
      '_flows/.kestraignore': [
        '# drafts are not deployed',
        'drafts/',
        '*.draft.yml',
        '!keep.draft.yml',
        '/root-only.yml',
        'old/**',
        '!old/revived.yml',
        'notes.txt'
      ].join('\n'),
      '_flows/a.yml': flowYaml('a'),
      '_flows/drafts/d.yml': flowYaml('d'),
      '_flows/sub/drafts/deep.yml': flowYaml('deep'),
      '_flows/x.draft.yml': flowYaml('x'),
      '_flows/keep.draft.yml': flowYaml('keep'),
      '_flows/root-only.yml': flowYaml('root-only'),
      '_flows/sub/root-only.yml': flowYaml('root-only'),
      '_flows/old/gone.yml': flowYaml('gone'),
      '_flows/old/revived.yml': flowYaml('revived'),
      '_flows/notes.txt': 'ignored, not skipped'
    })
    const local = await read({ includeChildNamespaces: true })
    expect(keysOf(local)).toEqual([
      '_flows/a.yml company.team/a',
      '_flows/keep.draft.yml company.team/keep',
      '_flows/old/revived.yml company.team.old/revived',
      '_flows/sub/root-only.yml company.team.sub/root-only'
    ])
    expect(local.ignored).toEqual([
      '_flows/drafts/d.yml',
      '_flows/notes.txt',
      '_flows/old/gone.yml',
      '_flows/root-only.yml',
      '_flows/sub/drafts/deep.yml',
      '_flows/x.draft.yml'
    ])
    expect(local.skipped).toEqual([])
  })

  it('cannot bring back a file of an excluded folder, as in git', async () => {
    await workspace.write({
      '_flows/.kestraignore': 'drafts/\n!drafts/keep.yml\n',
      '_flows/drafts/keep.yml': flowYaml('keep')
    })
    const local = await read({ includeChildNamespaces: true })
    expect(local.ignored).toEqual(['_flows/drafts/keep.yml'])
    expect(local.flows).toEqual([])
  })

  it('reads rules written with CRLF and a BOM, relative to the flows folder', async () => {
    await workspace.write({
      '_flows/.kestraignore': '\uFEFFa.yml\r\n_flows/b.yml\r\n',
      '_flows/a.yml': flowYaml('a'),
      '_flows/b.yml': flowYaml('b')
    })
    const local = await read()
    expect(local.ignored).toEqual(['_flows/a.yml'])
    expect(local.flows.map(flow => flow.id)).toEqual(['b'])
  })

  it('tells, when asked, which flows the ignored files and dot-files define', async () => {
    await workspace.write({
      '_flows/.kestraignore': 'drafts/\nretired.yml\nnotes.txt\n',
      '_flows/a.yml': flowYaml('a'),
      '_flows/retired.yml': flowYaml('old-one'),
      '_flows/drafts/wip.yml': flowYaml('wip'),
      '_flows/drafts/broken.yml': 'id: [\n',
      '_flows/notes.txt': 'not a flow',
      '_flows/.hidden.yml': flowYaml('hidden')
    })
    expect((await read({ includeChildNamespaces: true })).unread).toEqual([])
    const local = await read({ includeChildNamespaces: true, identifyUnread: true })
    expect(local.flows.map(flow => flow.id)).toEqual(['a'])
    expect(local.unread).toEqual([
      {
        namespace: 'company.team',
        id: 'hidden',
        gitPath: '_flows/.hidden.yml',
        reason: 'dot-file'
      },
      {
        namespace: 'company.team.drafts',
        id: 'wip',
        gitPath: '_flows/drafts/wip.yml',
        reason: 'kestraignore'
      },
      {
        namespace: 'company.team',
        id: 'old-one',
        gitPath: '_flows/retired.yml',
        reason: 'kestraignore'
      }
    ])
  })

  it('only uses the .kestraignore at the root of the flows folder', async () => {
    await workspace.write({
      '.kestraignore': 'a.yml\n',
      '_flows/sub/.kestraignore': 'b.yml\n',
      '_flows/a.yml': flowYaml('a'),
      '_flows/sub/b.yml': flowYaml('b')
    })
    const local = await read({ includeChildNamespaces: true })
    expect(local.flows.map(flow => flow.id)).toEqual(['a', 'b'])
    expect(local.ignored).toEqual([])
  })
})

describe('readLocalFlows: symbolic links', () => {
  it('never reads a linked file outside the workspace and reports it', async () => {
    await outside.write({ 'secret.yml': flowYaml('secret'), 'notes.txt': 'x' })
    await workspace.write({ '_flows/a.yml': flowYaml('a') })
    await symlink(outside.path('secret.yml'), workspace.path('_flows/secret.yml'))
    await symlink(outside.path('notes.txt'), workspace.path('_flows/notes.txt'))
    const local = await read()
    const message =
      'This symbolic link points outside the workspace, which is never read: copy the file into the workspace, or list the link in .kestraignore.'
    expect(local.invalid).toEqual([
      { gitPath: '_flows/notes.txt', message },
      { gitPath: '_flows/secret.yml', message }
    ])
    expect(local.flows.map(flow => flow.id)).toEqual(['a'])
  })

  it('reports a linked folder outside the workspace when reading sub-folders, and not otherwise', async () => {
    await outside.write({ 'x.yml': flowYaml('x') })
    await mkdir(workspace.path('_flows'))
    await symlink(outside.root, workspace.path('_flows/shared'))
    expect((await read()).invalid).toEqual([])
    expect((await read({ includeChildNamespaces: true })).invalid).toEqual([
      {
        gitPath: '_flows/shared',
        message:
          'This symbolic link points outside the workspace, which is never read: copy the folder into the workspace, or list the link in .kestraignore.'
      }
    ])
  })

  it('follows a linked file inside the workspace, under the name of the link', async () => {
    await workspace.write({ 'library/hello.yml': flowYaml('hello') })
    await mkdir(workspace.path('_flows'))
    await symlink(workspace.path('library/hello.yml'), workspace.path('_flows/hello.yml'))
    expect(keysOf(await read())).toEqual(['_flows/hello.yml company.team/hello'])
  })

  it('does not follow a linked folder inside the workspace, which could loop', async () => {
    await workspace.write({ '_flows/sub/a.yml': flowYaml('a') })
    await symlink(workspace.path('_flows'), workspace.path('_flows/sub/loop'))
    const local = await read({ includeChildNamespaces: true })
    expect(keysOf(local)).toEqual(['_flows/sub/a.yml company.team.sub/a'])
    expect(local.invalid).toEqual([
      {
        gitPath: '_flows/sub/loop',
        message:
          'This symbolic link points to a folder; links to folders are not followed. Use a real folder, or list the link in .kestraignore.'
      }
    ])
  })

  it('reports a broken link', async () => {
    await mkdir(workspace.path('_flows'))
    await symlink(workspace.path('missing.yml'), workspace.path('_flows/broken.yml'))
    expect((await read()).invalid).toEqual([
      {
        gitPath: '_flows/broken.yml',
        message:
          'This symbolic link cannot be resolved (ENOENT): fix or remove it, or list it in .kestraignore.'
      }
    ])
  })

  it('lists an excluded link as ignored instead', async () => {
    await outside.write({ 'x.yml': flowYaml('x') })
    await workspace.write({ '_flows/.kestraignore': 'linked.yml\nshared/\n' })
    await symlink(outside.path('x.yml'), workspace.path('_flows/linked.yml'))
    await symlink(outside.root, workspace.path('_flows/shared'))
    const local = await read({ includeChildNamespaces: true })
    expect(local.invalid).toEqual([])
    expect(local.ignored).toEqual(['_flows/linked.yml', '_flows/shared'])
  })
})

describe('readLocalFlows with deferParse, then confirmLocalFlows', () => {
  const BROKEN_DEEP = 'id: deep\nnamespace: dev\ntasks:\n  - id: a\n   type: wrong-indent\n'
  const deepRewritten = BROKEN_DEEP.replace('namespace: dev', 'namespace: company.team')

  beforeEach(async () => {
    await workspace.write({
      '_flows/deep.yml': BROKEN_DEEP,
      '_flows/good.yml': flowYaml('good', 'dev'),
      '_flows/top.yml': 'id: top\n namespace: x\n'
    })
  })

  it('keys what the scan reads without parsing it, and parses the rest at once', async () => {
    const local = await read({ deferParse: true })
    expect(keysOf(local)).toEqual([
      '_flows/deep.yml company.team/deep',
      '_flows/good.yml company.team/good'
    ])
    expect(local.flows[0]?.source).toBe(deepRewritten)
    expect([...local.unparsed.keys()]).toEqual(['_flows/deep.yml', '_flows/good.yml'])
    expect(local.invalid).toEqual([expect.objectContaining({ gitPath: '_flows/top.yml', line: 2 })])
  })

  it("keeps a flow whose text the server stores as is, and parses one the server's text differs from", async () => {
    const local = await read({ deferParse: true })
    const confirmed = confirmLocalFlows(local, key =>
      key.id === 'deep' ? deepRewritten : undefined
    )
    // Kestra's parser accepted the stored text: the sync takes it as it is, unchanged.
    expect(keysOf(confirmed)).toEqual([
      '_flows/deep.yml company.team/deep',
      '_flows/good.yml company.team/good'
    ])
    expect(confirmed.unparsed.size).toBe(0)
    expect(confirmed.invalid.map(problem => problem.gitPath)).toEqual(['_flows/top.yml'])
  })

  it('turns a flow into a problem, with its line, when the server holds another text', async () => {
    const local = await read({ deferParse: true })
    const confirmed = confirmLocalFlows(local, () => 'id: deep\nnamespace: company.team\n')
    expect(keysOf(confirmed)).toEqual(['_flows/good.yml company.team/good'])
    expect(confirmed.invalid).toEqual([
      expect.objectContaining({ gitPath: '_flows/deep.yml', line: 5 }),
      expect.objectContaining({ gitPath: '_flows/top.yml', line: 2 })
    ])
    // The same as a read that parses everything.
    const parsed = await read()
    expect(confirmed.flows).toEqual(parsed.flows)
    expect(confirmed.invalid).toEqual(parsed.invalid)
  })
})
