import type { CaseSetup } from './run-case.js'

/** A bad (or odd) input, and what users should get: the README's table lists these in order. */
export interface BadInputCase extends CaseSetup {
  name: string
  expected: 'refused' | 'synced'
  /** Why a case that looks odd syncs. */
  note?: string
}

const flow = (id: string, extra = ''): string =>
  `id: ${id}\nnamespace: company.team\n\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hello\n${extra}`

/** A flow of about `bytes` bytes: a script task with a long block of lines. */
function bigFlow(bytes: number): string {
  const line = `        echo "${'x'.repeat(70)}"\n`
  return `${flow('big')}  - id: script\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands:\n      - |\n${line.repeat(Math.ceil(bytes / line.length))}`
}

export const badInputCases: BadInputCase[] = [
  { name: 'An empty file', files: { '_flows/empty.yml': '' }, expected: 'refused' },
  {
    name: 'A file of comments only',
    files: { '_flows/todo.yml': '# TODO: write this flow\n# id: later\n' },
    expected: 'refused'
  },
  {
    name: 'A list at the top level',
    files: { '_flows/list.yml': '- id: hello\n  namespace: company.team\n' },
    expected: 'refused'
  },
  {
    name: 'A single value at the top level',
    files: { '_flows/scalar.yml': 'hello world\n' },
    expected: 'refused'
  },
  {
    name: 'Several YAML documents in one file',
    files: { '_flows/two.yml': `${flow('first')}---\n${flow('second')}` },
    expected: 'refused'
  },
  {
    name: 'No top-level `id`',
    files: { '_flows/no-id.yml': flow('x').replace('id: x\n', '') },
    expected: 'refused'
  },
  {
    name: 'Duplicate keys',
    files: {
      '_flows/dup.yml': flow('dup').replace('message: hello\n', 'message: a\n    message: b\n')
    },
    expected: 'refused'
  },
  {
    name: 'An unquoted Pebble expression (`message: {{ inputs.name }}`)',
    files: {
      '_flows/pebble.yml': flow('pebble').replace('message: hello', 'message: {{ inputs.name }}')
    },
    expected: 'refused'
  },
  {
    name: 'A tab in the indentation',
    files: { '_flows/tabs.yml': flow('tabs').replace('  - id: log', '\t- id: log') },
    expected: 'refused'
  },
  {
    name: 'An unclosed quote (`message: "hello`)',
    files: {
      '_flows/quote.yml': `${flow('quote').replace('message: hello', 'message: "hello')}  - id: two\n    type: io.kestra.plugin.core.log.Log\n    message: world\n`
    },
    expected: 'refused'
  },
  {
    name: 'A task written as a text (`- echo hello`), not a mapping',
    files: { '_flows/text-task.yml': `${flow('text-task')}  - echo hello\n` },
    expected: 'refused'
  },
  {
    name: 'Tabs inside a value and a block scalar',
    files: {
      '_flows/tab-values.yml': flow('tab-values', '    description: |\n      col1\tcol2\n').replace(
        'message: hello',
        'message: "a\\tb\tc"'
      )
    },
    expected: 'synced',
    note: 'YAML allows tabs everywhere but in indentation.'
  },
  {
    name: 'A UTF-8 byte order mark (BOM)',
    files: { '_flows/bom.yml': `\uFEFF${flow('bom')}` },
    expected: 'synced',
    note: 'The BOM is dropped: the server gets the text without it.'
  },
  {
    name: 'UTF-16 text (Windows "Unicode")',
    files: { '_flows/utf16.yml': Buffer.from(`\uFEFF${flow('utf16')}`, 'utf16le') },
    expected: 'refused'
  },
  {
    name: 'Windows line endings (CRLF)',
    files: { '_flows/crlf.yml': flow('crlf').replace(/\n/g, '\r\n') },
    expected: 'synced',
    note: 'Line endings are kept as written and ignored when comparing with the server.'
  },
  {
    name: 'A 5 MB flow',
    files: { '_flows/big.yml': bigFlow(5 * 1024 * 1024) },
    expected: 'synced',
    note: 'Size is for the server to judge (Kestra accepts request bodies up to 10 GB).'
  },
  {
    name: 'Binary bytes (an image named `.yml`)',
    files: {
      '_flows/image.yml': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])
    },
    expected: 'refused'
  },
  {
    name: 'Text that is not UTF-8 (Latin-1)',
    files: { '_flows/latin1.yml': Buffer.from(flow('latin1').replace('hello', 'café'), 'latin1') },
    expected: 'refused'
  },
  {
    name: 'A symbolic link to a file outside the workspace',
    outsideLink: '_flows/linked.yml',
    expected: 'refused'
  },
  {
    name: 'A file name with spaces and Unicode',
    files: { '_flows/mon flux été 日本.yml': flow('unicode-name') },
    expected: 'synced',
    note: 'File names are free; the flow is known by its `id`.'
  },
  {
    name: "An `id` that breaks Kestra's pattern",
    files: { '_flows/bad-id.yml': flow('hello world!') },
    expected: 'refused'
  },
  {
    name: 'An `id` longer than 100 characters',
    files: { '_flows/long-id.yml': flow('a'.repeat(101)) },
    expected: 'refused'
  },
  {
    name: 'A reserved flow id (`pause`, on Kestra 1.0+)',
    files: { '_flows/pause.yml': flow('pause') },
    expected: 'refused'
  },
  {
    name: "A `namespace` in the file that breaks Kestra's pattern",
    files: { '_flows/bad-ns.yml': flow('bad-ns').replace('company.team', 'Company$Team') },
    expected: 'synced',
    note: "The file's namespace is replaced by the target namespace, as SyncFlows does."
  },
  {
    name: 'A sub-folder that cannot be a namespace (`include-child-namespaces: true`)',
    files: { '_flows/My Team/flow.yml': flow('in-folder') },
    inputs: { 'include-child-namespaces': 'true' },
    expected: 'refused'
  },
  {
    name: 'Two files defining the same flow',
    files: { '_flows/copy.yml': flow('good') },
    expected: 'refused'
  },
  {
    name: 'A flow the server refuses (here: no tasks)',
    files: { '_flows/empty-tasks.yml': 'id: empty-tasks\nnamespace: company.team\ntasks: []\n' },
    expected: 'refused'
  },
  {
    name: '`kestra-url` without scheme',
    inputs: { 'kestra-url': 'kestra.example.com' },
    expected: 'refused'
  },
  {
    name: '`kestra-url` ending in `/api/v1`',
    inputs: { 'kestra-url': 'https://kestra.example.com/api/v1/' },
    expected: 'refused'
  },
  {
    name: '`kestra-url` with credentials in it',
    inputs: { 'kestra-url': 'https://admin:Url-Secret-7@kestra.example.com' },
    expected: 'refused'
  },
  {
    name: 'Both `api-token` and `password`',
    inputs: { 'api-token': 'a-token' },
    expected: 'refused'
  },
  {
    name: '`target-namespace` with upper case',
    inputs: { 'target-namespace': 'Company.Team' },
    expected: 'refused'
  },
  {
    name: '`git-directory: ../..`',
    inputs: { 'git-directory': '../..' },
    expected: 'refused'
  },
  {
    name: 'A `git-directory` that does not exist',
    inputs: { 'git-directory': 'flows' },
    expected: 'refused'
  }
]
