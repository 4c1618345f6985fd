import { describe, expect, it } from '@jest/globals'
import { readSearchPage } from '../../src/kestra/search-page.js'

const read = (text: string): ReturnType<typeof readSearchPage> =>
  readSearchPage(Buffer.from(text, 'utf8'))

/** What JSON.parse gives of the same page, cut down to the fields the scanner reads. */
function viaJsonParse(text: string): unknown {
  const body = JSON.parse(text) as { results?: unknown; total?: unknown }
  return {
    ...(Array.isArray(body.results)
      ? {
          results: body.results.map(item => {
            const flow = (typeof item === 'object' && item !== null ? item : {}) as Record<
              string,
              unknown
            >
            return Object.fromEntries(
              ['namespace', 'id', 'revision', 'deleted']
                .filter(key => key in flow)
                .map(key => {
                  const value = flow[key]
                  return [key, typeof value === 'object' && value !== null ? undefined : value]
                })
            )
          })
        }
      : {}),
    ...('total' in body ? { total: body.total } : {})
  }
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
    [
      'blank space everywhere',
      ' \n{ "total" : 1 ,\r\n "results" :[ { "id" : "a" , "revision":1e0 } ] }\t'
    ],
    ['an empty list and objects', '{"results":[],"total":0,"x":{}}'],
    ['items that are not objects', '{"results":[null, 3, "s", [1], {"id": "ok"}]}'],
    ['nested values where scalars are expected', '{"results":[{"id":{"a":1},"revision":[2]}]}'],
    ['a later key winning', '{"results":[{"id":"a","id":"b"}],"results":[{"id":"c"}]}'],
    ['results that are not a list', '{"results":{"id":"a"},"total":"3"}'],
    ['results replaced by a later non-list', '{"results":[{"id":"a"}],"results":null}'],
    [
      'literals',
      '{"results":[{"id":"a","deleted":true,"revision":null},{"deleted":false,"revision":-1.5}]}'
    ]
  ])('gives what JSON.parse gives: %s', (_, text) => {
    expect(read(text)).toEqual(viaJsonParse(text))
  })

  it('gives what JSON.parse gives on generated pages', () => {
    let seed = 7
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    }
    const value = (depth: number): unknown => {
      const kind = Math.floor(random() * (depth > 2 ? 4 : 6))
      if (kind === 0) return Math.floor(random() * 1000) - 500
      if (kind === 1) return `s${'\\"é{}[],: '.charAt(Math.floor(random() * 11))}x`
      if (kind === 2) return random() < 0.5
      if (kind === 3) return null
      if (kind === 4)
        return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1))
      return Object.fromEntries(
        ['id', 'namespace', 'revision', 'deleted', 'tasks', 'type']
          .filter(() => random() < 0.5)
          .map(key => [key, value(depth + 1)])
      )
    }
    for (let round = 0; round < 200; round++) {
      const page = { results: Array.from({ length: 5 }, () => value(1)), total: value(3) }
      const text = JSON.stringify(page, null, round % 2 === 0 ? 0 : 2)
      expect(read(text)).toEqual(viaJsonParse(text))
    }
  })

  it.each([
    ['an empty body', ''],
    ['a list', '[{"id":"a"}]'],
    ['HTML', '<html>Login</html>'],
    ['a cut-off body', '{"results":[{"id":"a","tasks":[{"x":"y'],
    ['trailing text', '{"results":[]} x'],
    ['a missing comma', '{"results":[{"id":"a" "namespace":"b"}]}'],
    ['a bad literal where a field is read', '{"results":[{"revision":tru}]}']
  ])('gives undefined for %s', (_, text) => {
    expect(read(text)).toBeUndefined()
  })
})
