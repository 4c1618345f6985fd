import { describe, expect, it } from '@jest/globals'
import { load } from 'js-yaml'
import { FlowSourceError, parseFlowSource, readFlowSource } from '../../src/flow/flow-source.js'
import { identifyByLocalFlows } from '../../src/flow/flow-texts.js'
import { rewriteNamespace } from '../../src/flow/namespace-rewrite.js'
import { stripBom } from '../../src/flow/yaml-events.js'

const HELLO = `id: hello
namespace: io.kestra.tests

tasks:
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: Hello
`

function rewrite(text: string, namespace = 'prod.team'): string {
  return rewriteNamespace(readFlowSource(text), namespace)
}

/** The error `parseFlowSource(text)` throws; fails the test when it does not throw one. */
function parseError(text: string): FlowSourceError {
  try {
    parseFlowSource(text)
  } catch (error) {
    if (error instanceof FlowSourceError) return error
    throw error
  }
  throw new Error('expected a FlowSourceError')
}

function rewriteError(text: string, namespace = 'prod.team'): FlowSourceError {
  try {
    rewrite(text, namespace)
  } catch (error) {
    if (error instanceof FlowSourceError) return error
    throw error
  }
  throw new Error('expected a FlowSourceError')
}

function withoutNamespace(text: string): unknown {
  const document = { ...(load(stripBom(text)) as Record<string, unknown>) }
  delete document.namespace
  return document
}

describe('parseFlowSource', () => {
  it('reads the top-level id and namespace with their lines and the span of the namespace value', () => {
    const parsed = parseFlowSource(HELLO)
    expect(parsed).toEqual({
      id: 'hello',
      namespace: 'io.kestra.tests',
      idLine: 1,
      idPlain: true,
      namespaceLine: 2,
      namespaceSpan: { start: 21, end: 36 }
    })
    expect(HELLO.slice(21, 36)).toBe('io.kestra.tests')
  })

  it('finds the keys in any order, after comments and blank lines', () => {
    const text = '# A flow\n\nnamespace: a.b # where\n# the id:\nid: late\ntasks: []\n'
    expect(parseFlowSource(text)).toMatchObject({
      id: 'late',
      idLine: 5,
      idPlain: true,
      namespace: 'a.b',
      namespaceLine: 3
    })
  })

  it('gives the span inside the quotes of a quoted namespace', () => {
    const text = 'id: a\nnamespace: "io.kestra.tests"\n'
    const { namespaceSpan } = parseFlowSource(text)
    expect(text.slice(namespaceSpan?.start, namespaceSpan?.end)).toBe('io.kestra.tests')
  })

  it('ignores nested namespace keys, such as the one of a Subflow task', () => {
    const text = `id: parent
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: other.team
    flowId: child
namespace: io.kestra.tests
`
    expect(parseFlowSource(text)).toMatchObject({ namespace: 'io.kestra.tests', namespaceLine: 7 })
    expect(parseFlowSource('id: a\ntasks:\n  - namespace: x\n').namespace).toBeUndefined()
  })

  it('reads quoted and numeric ids as their text', () => {
    expect(parseFlowSource('id: "quoted"\n').id).toBe('quoted')
    expect(parseFlowSource("id: 'single'\n").id).toBe('single')
    expect(parseFlowSource('id: 123\n').id).toBe('123')
    expect(parseFlowSource('id: 1.50\n').id).toBe('1.50')
  })

  it('reads a flow-style root mapping', () => {
    expect(parseFlowSource('{id: a, namespace: b, tasks: []}')).toMatchObject({
      id: 'a',
      namespace: 'b',
      idLine: 1,
      idPlain: true
    })
  })

  it('strips a UTF-8 BOM: offsets are those of the text without it', () => {
    const parsed = parseFlowSource(`\uFEFF${HELLO}`)
    expect(parsed.namespaceSpan).toEqual({ start: 21, end: 36 })
    expect(stripBom('\uFEFFid: a')).toBe('id: a')
    expect(stripBom('id: a')).toBe('id: a')
  })

  it('accepts a namespace key without value and gives an empty span after its colon', () => {
    const text = 'id: a\nnamespace:\ntasks: []\n'
    expect(parseFlowSource(text)).toMatchObject({
      namespace: '',
      namespaceLine: 2,
      namespaceSpan: { start: 16, end: 16 }
    })
  })

  it('accepts an explicit document start and end', () => {
    expect(parseFlowSource('---\nid: a\n...\n').id).toBe('a')
  })

  it.each([
    ['an empty file', ''],
    ['blank lines', '\n  \n\n'],
    ['only comments', '# nothing here\n# still nothing\n'],
    ['an empty document', '---\n'],
    ['only a BOM', '\uFEFF']
  ])('refuses %s', (_name, text) => {
    const error = parseError(text)
    expect(error.message).toBe(
      'The file is empty or holds only comments; a flow needs at least `id`, `namespace` and `tasks`.'
    )
    expect(error.line).toBeUndefined()
  })

  it('refuses several YAML documents, saying Kestra would split them, at the line of the second one', () => {
    const error = parseError('id: a\nnamespace: b\n---\nid: c\nnamespace: b\n')
    expect(error.message).toMatch(
      /holds 2 YAML documents separated by `---`.*exactly one flow.*Kestra would split/
    )
    expect(error.line).toBe(4)
  })

  it('refuses a trailing document separator, which makes an empty second document', () => {
    expect(parseError('id: a\n---\n').message).toMatch(/holds 2 YAML documents/)
  })

  it.each([
    ['a list', '- id: a\n- id: b\n', 'a list', 1],
    ['a single value', '# c\nhello\n', 'a single value', 2],
    // A block scalar's position is that of its first content line.
    ['a block scalar', '|\n  id: a\n', 'a block scalar (`|` or `>`)', 2]
  ])('refuses a top level that is %s', (_name, text, described, line) => {
    const error = parseError(text)
    expect(error.message).toBe(
      `The top level of a flow must be a mapping of keys such as \`id:\`, \`namespace:\` and \`tasks:\`, not ${described}.`
    )
    expect(error.line).toBe(line)
  })

  it('refuses a flow without top-level id, even when a task has one', () => {
    const error = parseError('namespace: a\ntasks:\n  - id: t\n')
    expect(error.message).toMatch(/^The flow has no top-level `id`; add one/)
    expect(error.line).toBeUndefined()
  })

  it.each([
    ['a mapping', 'id:\n  name: a\n'],
    ['a list', 'id: [a, b]\n'],
    ['a block scalar (`|` or `>`)', 'id: |\n  a\n'],
    ['an alias', 'x: &name a\nid: *name\n']
  ])('refuses an id that is %s, at its line', (described, text) => {
    const error = parseError(text)
    expect(error.message).toBe(
      `The top-level \`id\` must be a one-line value such as \`id: hello-world\`, not ${described}.`
    )
    expect(error.line).toBe(text.startsWith('x:') ? 2 : 1)
  })

  it.each([['id:\n'], ['id: ~\n'], ['id: null\n']])('refuses an id without value: %j', text => {
    expect(parseError(text)).toMatchObject({ message: 'The top-level `id` has no value.', line: 1 })
  })

  it.each([
    ['a mapping', 'namespace:\n  a: b\n'],
    ['a list', 'namespace: [a]\n'],
    ['a block scalar (`|` or `>`)', 'namespace: >\n  a.b\n'],
    ['an alias', 'namespace: *x\n']
  ])('refuses a namespace that is %s, at its line', (described, rest) => {
    const text = `x: &x a\nid: a\n${rest}`
    const error = parseError(text)
    expect(error.message).toMatch(
      /^The top-level `namespace` must be a one-line value such as `namespace: company.team`/
    )
    expect(error.message).toContain(`not ${described}.`)
    expect(error.line).toBe(3)
  })

  it('refuses duplicate keys anywhere, naming the key, at the line of the second one', () => {
    const text = 'id: a\nnamespace: b\ntasks:\n  - id: t\n    type: x\n    type: y\n'
    expect(parseError(text)).toMatchObject({
      message: "Invalid YAML: the key 'type' is written twice in the same mapping; keep one.",
      line: 6
    })
    expect(parseError('id: a\n"id": b\n')).toMatchObject({
      message: "Invalid YAML: the key 'id' is written twice in the same mapping; keep one.",
      line: 2
    })
    expect(parseError('id: a\nx: {k: 1, k : 2}\n').message).toContain(
      "the key 'k' is written twice"
    )
    expect(parseError('id: a\n? |\n  k\n: 1\n? |\n  k\n: 2\n').message).toBe(
      'Invalid YAML: duplicated mapping key.'
    )
  })

  it('refuses broken YAML with the reason and line, without the source snippet', () => {
    const error = parseError('id: a\nnamespace: b\ntasks: [\n  - x\n')
    expect(error.message).toMatch(/^Invalid YAML: [^\n]+\.$/)
    expect(error.message).not.toContain('^')
    expect(error.line).toBeGreaterThanOrEqual(3)
    expect(parseError('id: a\n\tnamespace: b\n')).toMatchObject({
      message: 'Invalid YAML: tab characters must not be used in indentation.',
      line: 2
    })
  })

  it('refuses nesting deeper than the parser allows', () => {
    const text = `id: a\nx: ${'['.repeat(200)}${']'.repeat(200)}\n`
    expect(parseError(text).message).toBe('Invalid YAML: nesting exceeded maxDepth (100).')
  })

  it('refuses unknown tags', () => {
    expect(parseError('id: a\nvalue: !secret x\n')).toMatchObject({ line: 2 })
  })

  it('throws FlowSourceError, an Error with its own name', () => {
    const error = parseError('')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('FlowSourceError')
  })
})

describe('rewriteNamespace', () => {
  it('replaces only the namespace value; every other byte stays', () => {
    expect(rewrite(HELLO)).toBe(HELLO.replace('namespace: io.kestra.tests', 'namespace: prod.team'))
  })

  it.each([
    ['extra spaces', 'namespace:  io.kestra.tests\n', 'namespace:  prod.team\n'],
    ['double quotes', 'namespace: "io.kestra.tests"\n', 'namespace: "prod.team"\n'],
    ['single quotes', "namespace: 'io.kestra.tests'\n", "namespace: 'prod.team'\n"],
    ['a comment', 'namespace: x # comment\n', 'namespace: prod.team # comment\n'],
    ['a tag', 'namespace: !!str x\n', 'namespace: !!str prod.team\n'],
    ['no value', 'namespace:\n', 'namespace: prod.team\n'],
    [
      'no value and a comment',
      'namespace:   # set by the sync\n',
      'namespace: prod.team   # set by the sync\n'
    ],
    ['an empty quoted value', 'namespace: ""\n', 'namespace: "prod.team"\n'],
    ['null', 'namespace: null\n', 'namespace: prod.team\n'],
    ['a value over two lines', 'namespace: io.kestra\n  .tests\n', 'namespace: prod.team\n']
  ])('keeps the layout of a namespace with %s', (_name, namespaceLine, expected) => {
    const text = `# header\nid: a\n${namespaceLine}tasks: []\n`
    expect(rewrite(text)).toBe(`# header\nid: a\n${expected}tasks: []\n`)
  })

  // Kestra 0.23+ reads an unquoted `012` or `yes` by YAML 1.1 and fails the write (a 500).
  it.each(['012', 'yes', 'off', '1e3', '1_0'])(
    'quotes a target namespace %j that YAML 1.1 reads as no string',
    namespace => {
      expect(rewrite('id: a\nnamespace: x\ntasks: []\n', namespace)).toBe(
        `id: a\nnamespace: "${namespace}"\ntasks: []\n`
      )
      expect(rewrite(`id: a\nnamespace: ${namespace}\ntasks: []\n`, namespace)).toBe(
        `id: a\nnamespace: "${namespace}"\ntasks: []\n`
      )
    }
  )

  it('returns the text unchanged when the namespace is already the target', () => {
    expect(rewrite(HELLO, 'io.kestra.tests')).toBe(HELLO)
  })

  it('keeps CRLF line endings', () => {
    const text = HELLO.replace(/\n/g, '\r\n')
    const result = rewrite(text)
    expect(result).toBe(text.replace('io.kestra.tests', 'prod.team'))
    expect(result.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('never touches nested namespace keys, even indented ones before the top-level key', () => {
    const text = `id: parent
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: io.kestra.tests
    flowId: child
triggers:
  - id: upstream
    type: io.kestra.plugin.core.trigger.Flow
    conditions:
      - type: io.kestra.plugin.core.condition.ExecutionNamespace
        namespace: io.kestra.tests
namespace: io.kestra.tests
`
    const result = rewrite(text)
    expect(result).toBe(text.replace(/^namespace: io\.kestra\.tests$/m, 'namespace: prod.team'))
    expect(result.match(/^ {4}namespace: io\.kestra\.tests$/gm)).toHaveLength(1)
    expect(result.match(/^ {8}namespace: io\.kestra\.tests$/gm)).toHaveLength(1)
  })

  it('inserts a namespace line right after the id line when there is none', () => {
    const text = '# comment\nid: hello # the id\ntasks:\n  - id: t\n    namespace: keep.me\n'
    expect(rewrite(text)).toBe(
      '# comment\nid: hello # the id\nnamespace: prod.team\ntasks:\n  - id: t\n    namespace: keep.me\n'
    )
  })

  it('inserts with the line ending of the file', () => {
    expect(rewrite('id: a\r\ntasks: []\r\n')).toBe('id: a\r\nnamespace: prod.team\r\ntasks: []\r\n')
    expect(rewrite('tasks: []\r\nid: a')).toBe('tasks: []\r\nid: a\r\nnamespace: prod.team')
    expect(rewrite('id: a')).toBe('id: a\nnamespace: prod.team')
  })

  it('inserts after an id written on several lines, with the indentation of the id', () => {
    expect(rewrite('x: 1\nid: "a\n  b"\ntasks: []\n')).toBe(
      'x: 1\nid: "a\n  b"\nnamespace: prod.team\ntasks: []\n'
    )
    expect(rewrite('  id: a\n  tasks: []\n')).toBe('  id: a\n  namespace: prod.team\n  tasks: []\n')
  })

  it('rewrites a flow-style root mapping', () => {
    expect(rewrite('{id: a, namespace: b, tasks: []}')).toBe(
      '{id: a, namespace: prod.team, tasks: []}'
    )
    expect(rewrite('{id: a, tasks: []}')).toBe('{id: a, namespace: prod.team, tasks: []}')
    expect(rewrite('{"id": "a", tasks: []}\n')).toBe(
      '{"id": "a", namespace: prod.team, tasks: []}\n'
    )
  })

  it('quotes a namespace that YAML would not read as text', () => {
    expect(rewrite('id: a\nnamespace: x\n', '123')).toBe('id: a\nnamespace: "123"\n')
    expect(rewrite('id: a\n', 'true')).toBe('id: a\nnamespace: "true"\n')
    expect(rewrite("id: a\nnamespace: 'x'\n", 'null')).toBe("id: a\nnamespace: 'null'\n")
    expect(load(rewrite('id: a\nnamespace:\n', '1.0'))).toEqual({ id: 'a', namespace: '1.0' })
  })

  it('drops the BOM', () => {
    expect(rewrite(`\uFEFF${HELLO}`)).toBe(HELLO.replace('io.kestra.tests', 'prod.team'))
  })

  it('gives the same document apart from the namespace', () => {
    const text = 'id: a\nnamespace: &ns old\nlabels: {team: x}\ntasks:\n  - id: t\n    type: x\n'
    const result = rewrite(text)
    expect(load(result)).toMatchObject({ namespace: 'prod.team' })
    expect(withoutNamespace(result)).toEqual(withoutNamespace(text))
  })

  it('refuses when the namespace is also used through an alias, which would change it elsewhere', () => {
    const text = `id: a
namespace: &ns io.kestra.tests
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: *ns
`
    const error = rewriteError(text)
    expect(error.message).toBe(
      "The top-level `namespace` could not be rewritten safely to 'prod.team'; write it on one line as `namespace: prod.team`, or remove it."
    )
    expect(error.line).toBe(2)
  })

  it('compares aliases shared many times once, instead of expanding them', () => {
    let text = 'id: laughs\nnamespace: x\nl0: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha, ha]\n'
    for (let level = 1; level < 10; level++) {
      text += `l${level}: &l${level} [${Array(10)
        .fill(`*l${level - 1}`)
        .join(', ')}]\n`
    }
    // Expanded, this would be 10^10 comparisons; the bound on the work is tested in
    // same-yaml-value.test.ts, without a clock.
    expect(rewrite(text)).toBe(text.replace('namespace: x', 'namespace: prod.team'))
  })

  it('refuses a layout it cannot rewrite, such as a colon in a comment before an empty value', () => {
    const error = rewriteError('? id\n: a\n? namespace # see: docs\n:\n')
    expect(error.message).toMatch(/^The top-level `namespace` could not be rewritten safely/)
    expect(error.line).toBe(3)
  })

  it('inserts after an explicit key', () => {
    expect(rewrite('? id\n: a\ntasks: []\n')).toBe('? id\n: a\nnamespace: prod.team\ntasks: []\n')
  })

  it('depends on the text alone, not on the texts read before', () => {
    readFlowSource('id: other\nnamespace: somewhere.else.entirely\n')
    expect(rewrite(HELLO)).toBe(HELLO.replace('io.kestra.tests', 'prod.team'))
    expect(rewrite(HELLO)).toBe(rewrite(HELLO))
  })
})

describe('texts read back as rewriteNamespace returned them', () => {
  // The server's export gives back the very texts the sync wrote: they are known, not parsed again.
  const copyOf = (text: string): string => [...text].join('')

  it('parse as the rewritten text, not as the file it came from', () => {
    const rewritten = rewrite('# c\nid: a\nnamespace: "x"\ntasks: []\n', 'prod.team')
    expect(rewritten).toBe('# c\nid: a\nnamespace: "prod.team"\ntasks: []\n')
    expect(parseFlowSource(copyOf(rewritten))).toEqual({
      id: 'a',
      namespace: 'prod.team',
      idLine: 2,
      idPlain: true,
      namespaceLine: 3,
      namespaceSpan: { start: 22, end: 31 }
    })
    const inserted = rewrite('id: b\ntasks: []\n', 'prod.team')
    expect(parseFlowSource(copyOf(inserted))).toMatchObject({
      id: 'b',
      namespace: 'prod.team',
      namespaceLine: 2
    })
  })

  it('parse as themselves when the file already had its namespace', () => {
    const text = 'id: c\nnamespace: prod.team # kept\ntasks: []\n'
    expect(rewrite(text, 'prod.team')).toBe(text)
    expect(parseFlowSource(copyOf(text))).toEqual({
      id: 'c',
      namespace: 'prod.team',
      idLine: 1,
      idPlain: true,
      namespaceLine: 2,
      namespaceSpan: { start: 17, end: 26 }
    })
  })

  it("are known by the run's local flows and shared, and other texts are kept as they are", () => {
    const rewritten = rewrite('id: d\nnamespace: x\ntasks: []\n')
    const identify = identifyByLocalFlows([{ namespace: 'prod.team', id: 'd', source: rewritten }])
    const known = identify(copyOf(rewritten))
    expect(known.source).toBe(rewritten)
    expect(known.key).toEqual({ namespace: 'prod.team', id: 'd' })
    expect(identify('id: unknown\n')).toEqual({ source: 'id: unknown\n', key: undefined })
  })
})

describe('an unquoted Pebble expression', () => {
  it.each([
    [
      'id: a\nnamespace: b\ntasks:\n  - id: t\n    type: x.Log\n    message: {{ inputs.name }}\n',
      6
    ],
    ['id: a\nnamespace: b\nvariables:\n  list:\n    - {{ vars.x }}\n', 5]
  ])('names its line and says to quote it', (source, line) => {
    let error: unknown
    try {
      parseFlowSource(source)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(FlowSourceError)
    expect((error as FlowSourceError).line).toBe(line)
    expect((error as FlowSourceError).message).toContain(
      'must be quoted, e.g. `message: "{{ inputs.name }}"`'
    )
  })
})

describe('an unclosed quote', () => {
  const task = (message: string): string =>
    `id: a\nnamespace: b\ntasks:\n  - id: log\n    type: x.Log\n    message: ${message}\n  - id: two\n    type: x.Log\n`
  it.each([
    ['a value, followed by more lines', task('"hello'), 6, '"'],
    ['a single-quoted value', task("'hello"), 6, "'"],
    ['a value holding the other quote', task(`"it's broken`), 6, '"'],
    ['the last value of the file', 'id: a\nnamespace: b\ndescription: "the end', 3, '"'],
    ['the top-level id', 'id: "a\nnamespace: b\ntasks: []\n', 1, '"'],
    ['a key', 'id: a\n"namespace: b\ntasks: []\n', 2, '"'],
    ['an item of a list', 'id: a\ntasks:\n  - "abc\n  - x\n', 3, '"'],
    ['an item of a flow sequence', 'id: a\nlabels: ["x, y]\ntasks: []\n', 2, '"'],
    [
      'a value after a closed one on the same line',
      'id: a\nlabels: { a: "x", b: "y }\ntasks: []\n',
      2,
      '"'
    ]
  ])('is named at its own line: %s', (_, text, line, quote) => {
    expect(parseError(text)).toMatchObject({
      line,
      message: `Invalid YAML: the quoted value that starts with ${quote} on this line is never closed; add the closing ${quote}.`
    })
  })

  it('is not blamed for what is not one', () => {
    // A quoted value over several lines is valid YAML.
    expect(parseFlowSource('id: a\ndescription: "abc\n  def"\ntasks: []\n').id).toBe('a')
    // A flow sequence broken across lines, its quotes all closed.
    expect(parseError('id: a\nx: "ok"\nlabels: [a,\nb]\n').message).toBe(
      'Invalid YAML: deficient indentation.'
    )
  })
})
