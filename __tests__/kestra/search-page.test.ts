import { describe, expect, it } from '@jest/globals'
import { inspect, isDeepStrictEqual } from 'node:util'
import { readSearchPage } from '../../src/kestra/search-page.js'

const read = (text: string): ReturnType<typeof readSearchPage> =>
  readSearchPage(Buffer.from(text, 'utf8'))

/** A scalar as is; an object or a list, which the sync never reads here, as undefined. */
const scalarOf = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? undefined : value

/** What JSON.parse gives of a page, cut down to the fields the scanner reads. */
function viaJsonParse(body: unknown): unknown {
  const page = body as { results?: unknown; total?: unknown }
  return {
    ...(Array.isArray(page.results)
      ? {
          results: page.results.map(item => {
            const flow = (typeof item === 'object' && item !== null ? item : {}) as Record<
              string,
              unknown
            >
            return Object.fromEntries(
              ['namespace', 'id', 'revision', 'deleted']
                .filter(key => Object.hasOwn(flow, key))
                .map(key => [key, scalarOf(flow[key])])
            )
          })
        }
      : {}),
    ...(Object.hasOwn(page, 'total') ? { total: scalarOf(page.total) } : {})
  }
}

/**
 * The property the sync relies on: the scanner reads a body as the caller's `JSON.parse` of its
 * UTF-8 text would, or gives undefined (the caller then uses `JSON.parse` itself). Undefined is a
 * must when JSON.parse refuses the body or gives something else than an object; on a page that
 * JSON.parse reads, undefined is allowed only when `fallbackAllowed` (nesting deeper than the call
 * stack). Checked in plain code, so that thousands of pages take little time: `mismatch` says how
 * it does not hold.
 */
function compareWithJsonParse(
  bytes: Buffer,
  fallbackAllowed = false
): { jsonParseReads: boolean; mismatch?: string } {
  let parsed: unknown
  let jsonParseReads = true
  try {
    parsed = JSON.parse(bytes.toString('utf8'))
  } catch {
    jsonParseReads = false
  }
  const page = readSearchPage(bytes)
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
  if (!jsonParseReads || !isObject) {
    return page === undefined
      ? { jsonParseReads }
      : {
          jsonParseReads,
          mismatch: `read ${show(bytes)}, which JSON.parse does not give as a page`
        }
  }
  if (page === undefined && fallbackAllowed) return { jsonParseReads }
  const expected = viaJsonParse(parsed)
  return isDeepStrictEqual(page, expected)
    ? { jsonParseReads }
    : {
        jsonParseReads,
        mismatch: `${show(bytes)}: read ${inspect(page, { depth: 5 })}, JSON.parse gives ${inspect(expected, { depth: 5 })}`
      }
}

const show = (bytes: Buffer): string =>
  JSON.stringify(bytes.length > 300 ? `${bytes.toString('utf8', 0, 300)}…` : bytes.toString('utf8'))

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

/** JSON text written by hand, so that it can hold what JSON.stringify never writes. */
function pageWriter(next: () => number): () => string {
  const int = (below: number): number => Math.floor(next() * below)
  const choose = <T>(items: readonly T[]): T => items[int(items.length)] as T
  const space = (): string => choose(['', '', '', ' ', '\n', '\r\n  ', '\t', ' \n\t '])
  const STRING_PIECES = [
    'a',
    'company.team',
    'flöw-é',
    '日本語',
    '😀',
    '\\"',
    '\\\\',
    '\\/',
    '\\b\\f\\n\\r\\t',
    '\\u00e9',
    '\\ud83d\\ude00',
    '\\ud800',
    '\\u0000',
    '\\u005C',
    ' } ] , : { [ ',
    'id',
    'namespace'
  ]
  const NUMBERS = [
    '0',
    '-0',
    '7',
    '-12',
    '3.5',
    '-1.5e3',
    '1E+2',
    '2e-3',
    '1e400',
    '-1e400',
    '123456789012345678901234567890',
    '9007199254740993',
    '0.1e-7'
  ]
  const FIELDS = ['"namespace"', '"id"', '"revision"', '"deleted"']
  // Keys that JSON.parse reads as the fields, and others that look like them.
  const FIELD_SPELLINGS = [
    '"\\u0069d"',
    '"n\\u0061mespace"',
    '"revision "',
    '"Id"',
    '"deleted\\u0000"'
  ]
  const OTHER_KEYS = ['"tasks"', '"type"', '"labels"', '"results"', '"total"', '""', '"é"']
  const string = (): string =>
    `"${Array.from({ length: int(4) }, () => choose(STRING_PIECES)).join('')}"`
  const scalar = (): string =>
    choose([string, () => choose(NUMBERS), () => choose(['true', 'false', 'null'])])()
  const value = (depth: number): string => {
    const kind = int(depth > 4 ? 2 : 4)
    if (kind === 0) return string()
    if (kind === 1) return scalar()
    if (kind === 2) return list(() => value(depth + 1))
    return object(
      () => choose([...FIELDS, ...OTHER_KEYS]),
      () => value(depth + 1)
    )
  }
  const list = (item: () => string): string =>
    `[${space()}${Array.from({ length: int(4) }, item).join(`${space()},${space()}`)}${space()}]`
  const object = (key: () => string, entryValue: (key: string) => string): string =>
    `{${space()}${Array.from({ length: int(6) }, () => {
      const name = key()
      return `${name}${space()}:${space()}${entryValue(name)}`
    }).join(`${space()},${space()}`)}${space()}}`
  const fieldValue = (key: string): string => {
    if (key === '"deleted"') return choose(['true', 'false', 'null', '"true"', '0'])
    if (key === '"revision"') return next() < 0.7 ? choose(NUMBERS) : value(3)
    return next() < 0.8 ? string() : value(3)
  }
  const flow = (): string =>
    next() < 0.9
      ? object(() => choose([...FIELDS, ...FIELDS, ...FIELD_SPELLINGS, ...OTHER_KEYS]), fieldValue)
      : value(2)
  const topValue = (key: string): string => {
    if (key === '"results"') return next() < 0.85 ? list(flow) : value(2)
    if (key === '"total"') return next() < 0.8 ? choose(NUMBERS) : value(3)
    return value(1)
  }
  return () =>
    `${space()}${object(() => choose(['"results"', '"results"', '"total"', '"tasks"', '"resu\\u006cts"']), topValue)}${space()}`
}

describe('readSearchPage', () => {
  it('reads the fields of each flow and skips its model', () => {
    const page = {
      results: [
        {
          id: 'etl',
          namespace: 'company.team',
          revision: 3,
          tasks: [{ id: 'inner', namespace: 'not.this', revision: 99, type: 'x' }],
          labels: [{ key: 'id', value: 'namespace' }],
          deleted: false
        },
        { namespace: 'company.team.sub', id: 'b', revision: 1, disabled: true }
      ],
      total: 2
    }
    expect(read(JSON.stringify(page))).toEqual({
      results: [
        { id: 'etl', namespace: 'company.team', revision: 3, deleted: false },
        { namespace: 'company.team.sub', id: 'b', revision: 1 }
      ],
      total: 2
    })
  })

  it.each([
    ['escapes and quotes in strings', '{"results":[{"id":"a\\"b\\\\","namespace":"x\\u00e9\\n"}]}'],
    [
      'text that is not ASCII',
      '{"results":[{"id":"flöw-é","description":"日本 \\" }]"}],"total":1}'
    ],
    ['a surrogate pair, raw and escaped', '{"results":[{"id":"😀","namespace":"\\ud83d\\ude00"}]}'],
    ['a lone escaped surrogate', '{"results":[{"id":"\\udc00x"}]}'],
    [
      'blank space everywhere',
      ' \n{ "total" : 1 ,\r\n "results" :[ { "id" : "a" , "revision":1e0 } ] }\t'
    ],
    ['an empty list and objects', '{"results":[],"total":0,"x":{}}'],
    ['items that are not objects', '{"results":[null, 3, "s", [1], {"id": "ok"}]}'],
    ['nested values where scalars are expected', '{"results":[{"id":{"a":1},"revision":[2]}]}'],
    ['a later key winning', '{"results":[{"id":"a","id":"b"}],"results":[{"id":"c"}]}'],
    ['a later nested value winning', '{"results":[{"id":"a","id":{"b":1}}]}'],
    ['keys spelt with escapes', '{"resu\\u006cts":[{"\\u0069d":"a","n\\u0061mespace":"b"}]}'],
    ['results that are not a list', '{"results":{"id":"a"},"total":"3"}'],
    ['results replaced by a later non-list', '{"results":[{"id":"a"}],"results":null}'],
    [
      'literals',
      '{"results":[{"id":"a","deleted":true,"revision":null},{"deleted":false,"revision":-1.5}]}'
    ],
    [
      'revisions out of the ordinary',
      '{"results":[{"revision":1e400},{"revision":123456789012345678901234567890},{"revision":-0},{"revision":2.5E-3}]}'
    ],
    ['a huge total', '{"results":[],"total":-1e400}']
  ])('gives what JSON.parse gives: %s', (_, text) => {
    expect(compareWithJsonParse(Buffer.from(text, 'utf8'))).toEqual({ jsonParseReads: true })
  })

  it('gives what JSON.parse gives on generated pages: escapes, unicode, nesting, odd spacing, duplicate keys', () => {
    const writePage = pageWriter(random(7))
    const outcomes = Array.from({ length: 3000 }, () =>
      compareWithJsonParse(Buffer.from(writePage(), 'utf8'))
    )
    expect(outcomes.filter(outcome => !outcome.jsonParseReads || outcome.mismatch)).toEqual([])
  })

  it('gives undefined, never a misreading, on generated pages cut, mangled or with bytes that are not UTF-8', () => {
    const next = random(11)
    const writePage = pageWriter(next)
    const BYTES = [...Buffer.from('{}[],:"\\01-.+eEtfnux \t\n'), 0x00, 0x1f, 0x7f, 0x80, 0xc3, 0xff]
    let refused = 0
    const mismatches: string[] = []
    for (let round = 0; round < 6000; round++) {
      const bytes = Buffer.from(writePage(), 'utf8')
      const at = Math.floor(next() * bytes.length)
      const byte = BYTES[Math.floor(next() * BYTES.length)] as number
      const mangled = [
        () => bytes.subarray(0, at),
        () => Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]),
        () => Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at)]),
        () => Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at + 1)])
      ][round % 4]?.() as Buffer
      const outcome = compareWithJsonParse(mangled)
      if (!outcome.jsonParseReads) refused++
      if (outcome.mismatch) mismatches.push(outcome.mismatch)
    }
    expect(mismatches).toEqual([])
    // Most mangled pages are no longer JSON: the property was tested on those too.
    expect(refused).toBeGreaterThan(3000)
  })

  it.each([
    ['an empty body', ''],
    ['a list', '[{"id":"a"}]'],
    ['a string', '"results"'],
    ['HTML', '<html>Login</html>'],
    ['a byte order mark', '\ufeff{"results":[]}'],
    ['a cut-off body', '{"results":[{"id":"a","tasks":[{"x":"y'],
    ['a cut-off escape', '{"results":[{"id":"a\\u00'],
    ['trailing text', '{"results":[]} x'],
    ['two pages', '{"results":[]}{"results":[]}'],
    ['a missing comma', '{"results":[{"id":"a" "namespace":"b"}]}'],
    ['a bad literal where a field is read', '{"results":[{"revision":tru}]}'],
    ['a raw control character in a field', '{"results":[{"id":"a\tb"}]}'],
    ['a raw line break in a skipped string', '{"results":[{"id":"a","description":"one\ntwo"}]}'],
    ['an unknown escape in a skipped string', '{"results":[{"id":"a","x":"\\x41"}]}'],
    ['a short unicode escape in a skipped string', '{"results":[{"id":"a","x":"\\u12"}]}'],
    ['a bad literal in a skipped value', '{"results":[{"id":"a","x":[tru]}]}'],
    ['a leading zero', '{"results":[{"id":"a","x":01}]}'],
    ['a number without digits after its point', '{"results":[{"id":"a","x":1.}]}'],
    ['a number with a plus sign', '{"results":[{"id":"a","x":+1}]}'],
    ['NaN', '{"results":[{"id":"a","x":NaN}]}'],
    ['Infinity', '{"total":Infinity,"results":[]}'],
    ['mismatched brackets in a skipped value', '{"results":[{"id":"a","tasks":[{"x":1]}}]}'],
    ['a missing colon in a skipped value', '{"results":[{"id":"a","tasks":{"x" 1}}]}'],
    ['a trailing comma in a skipped list', '{"results":[{"id":"a","tasks":[1,]}]}'],
    ['a trailing comma in a skipped object', '{"results":[{"id":"a","tasks":{"x":1,}}]}'],
    ['a trailing comma in results', '{"results":[{"id":"a"},]}'],
    ['two values without a comma', '{"results":[{"id":"a","tasks":[1 2]}]}'],
    ['single quotes', "{'results':[]}"],
    ['a comment', '{"results":[] /* none */}']
  ])('gives undefined for %s, which JSON.parse refuses too', (_, text) => {
    const bytes = Buffer.from(text, 'utf8')
    expect(compareWithJsonParse(bytes)).toEqual({
      jsonParseReads: text === '"results"' || text.startsWith('[{')
    })
    expect(readSearchPage(bytes)).toBeUndefined()
  })

  it('hands a page nested deeper than the call stack to JSON.parse rather than throw', () => {
    const depth = 200_000
    const text = `{"results":[{"id":"a","tasks":${'['.repeat(depth)}${']'.repeat(depth)}}]}`
    expect(() => read(text)).not.toThrow()
    expect(compareWithJsonParse(Buffer.from(text), true)).toEqual({ jsonParseReads: true })
  })
})
