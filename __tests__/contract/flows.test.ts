// The flow API as the action uses it, asserted identically against a real Kestra server and the
// emulator set to its version (see target.ts). Answers are compared whole where the contract is
// exact: statuses, headers, error bodies, the fields the action reads. Tolerated, and said so at
// each place: timestamps (`updated`), the order of a ConstraintViolationException's violations
// (a HashSet's), the order of Jackson's "known properties", and the text of YAML syntax errors
// after the prefix that says what failed (SnakeYAML's wording is not the emulator's parser's).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { strFromU8, unzipSync } from 'fflate'
import { connectKestra } from '../../src/kestra/kestra-client.js'
import {
  contractTargets,
  credentials,
  inViolationOrder,
  jsonError,
  openTarget,
  uniqueNamespace,
  type Target
} from './target.js'

const LOG_TASK = 'io.kestra.plugin.core.log.Log'
const RESERVED =
  'pause, resume, force-run, change-status, kill, executions, search, source, disable, enable'

function flowYaml(id: string, namespace: string, message = 'hi', extra = ''): string {
  return `id: ${id}\nnamespace: ${namespace}\n${extra}tasks:\n  - id: log\n    type: ${LOG_TASK}\n    message: ${message}\n`
}

describe.each(contractTargets())('flows contract: $label', spec => {
  let target: Target
  beforeAll(async () => {
    target = await openTarget(spec)
  })
  afterAll(async () => {
    await target.close()
  })

  /** The JSON of a flow of `flowYaml`, as answered by a create or a PUT that wrote a revision. */
  function writtenFlow(
    id: string,
    namespace: string,
    revision: number,
    source: string,
    message = 'hi'
  ): object {
    return {
      id,
      namespace,
      revision,
      disabled: false,
      deleted: false,
      tasks: [{ id: 'log', type: LOG_TASK, message }],
      source
    }
  }

  /**
   * The same flow as read back from the repository (GET, search, revisions, a no-op PUT): 1.x adds
   * `triggers: []`, 1.3 an `updated` instant (any instant: it is the server's clock).
   */
  function storedFlow(flow: object, overrides: object = {}): object {
    return {
      ...flow,
      ...(target.atLeast('1.0') ? { triggers: [] } : {}),
      ...(target.atLeast('1.3')
        ? { updated: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/) }
        : {}),
      ...overrides
    }
  }

  describe('/configs', () => {
    it('tells the version, and the edition from 1.0; before 0.24 it needs the credentials', async () => {
      const anonymous = await target.call('GET', '/api/v1/configs', { authorization: null })
      expect([anonymous.status, anonymous.headers.get('www-authenticate')]).toEqual(
        target.atLeast('0.24') ? [200, null] : [401, 'Basic realm=Kestra']
      )
      const configs = await target.call('GET', '/api/v1/configs')
      expect(configs.status).toBe(200)
      expect(configs.json.version).toBe(target.version)
      expect(configs.json.edition).toBe(target.atLeast('1.0') ? 'OSS' : undefined)
      expect(configs.json.systemNamespace).toBe('system')
      const authFlag = target.atLeast('0.24') ? 'isBasicAuthInitialized' : 'isBasicAuthEnabled'
      expect(configs.json[authFlag]).toBe(true)
      // 1.x has no tenant in this path; 0.20's `{/tenant}/configs` takes any.
      expect((await target.call('GET', '/api/v1/main/configs')).status).toBe(
        target.atLeast('1.0') ? 404 : 200
      )
    })
  })

  describe('authentication', () => {
    it.each([
      ['no credentials', null],
      [
        'a wrong password',
        `Basic ${Buffer.from(`${credentials.username}:wrong`).toString('base64')}`
      ],
      ['a bearer token', 'Bearer not-a-token']
    ])('answers 401 with an empty body and its challenge to %s', async (_what, authorization) => {
      const reply = await target.call('GET', '/flows/search', { authorization })
      expect([reply.status, reply.headers.get('www-authenticate'), reply.text]).toEqual([
        401,
        target.atLeast('0.24') ? 'Basic' : 'Basic realm=Kestra',
        ''
      ])
    })
  })

  describe('a flow from create to re-create', () => {
    const namespace = uniqueNamespace('contract.life')
    // Comments, trailing blanks, non-ASCII text and no final newline: all kept byte for byte.
    const source = `# a comment\nid: life\nnamespace: ${namespace}\ntasks:\n  - id: log   \n    type: ${LOG_TASK}\n    message: "héllo ✓"`
    const changed = flowYaml('life', namespace, 'changed')
    let flowsPath: string

    it('creates revision 1 and answers the flow with its source', async () => {
      flowsPath = `${target.apiPath}/flows`
      const created = await target.call('POST', '/flows', { body: source })
      expect([created.status, created.json]).toEqual([
        200,
        writtenFlow('life', namespace, 1, source, 'héllo ✓')
      ])
    })

    it('refuses a second create of the same id with 422', async () => {
      const again = await target.call('POST', '/flows', { body: source })
      expect([again.status, again.json]).toEqual([
        422,
        jsonError('Invalid entity: flow.id: Flow id already exists', flowsPath, [
          { message: 'Flow id already exists', path: 'flow.id' }
        ])
      ])
    })

    it('keeps the revision on an identical PUT, answering the stored flow', async () => {
      const same = await target.call('PUT', `/flows/${namespace}/life`, { body: source })
      expect([same.status, same.json]).toEqual([
        200,
        storedFlow(writtenFlow('life', namespace, 1, source, 'héllo ✓'))
      ])
    })

    it('writes revision 2 on a changed PUT', async () => {
      const put = await target.call('PUT', `/flows/${namespace}/life`, { body: changed })
      expect([put.status, put.json]).toEqual([
        200,
        writtenFlow('life', namespace, 2, changed, 'changed')
      ])
    })

    it('gives the exact source with ?source=true, and no source without', async () => {
      const read = await target.call('GET', `/flows/${namespace}/life?source=true`)
      expect([read.status, read.json]).toEqual([
        200,
        storedFlow(writtenFlow('life', namespace, 2, changed, 'changed'))
      ])
      const plain = await target.call('GET', `/flows/${namespace}/life`)
      expect(plain.json).toEqual(
        storedFlow(writtenFlow('life', namespace, 2, changed, 'changed'), { source: undefined })
      )
      expect(plain.json).not.toHaveProperty('source')
    })

    it('deletes with 204; the flow then answers 404 to GET, PUT and DELETE', async () => {
      const deleted = await target.call('DELETE', `/flows/${namespace}/life`)
      expect([deleted.status, deleted.text]).toEqual([204, ''])
      const path = `/flows/${namespace}/life`
      for (const [method, query, body] of [
        ['GET', '?source=true', undefined],
        ['PUT', '', changed],
        ['DELETE', '', undefined]
      ] as const) {
        const reply = await target.call(method, path + query, { body })
        expect([method, reply.status, reply.json]).toEqual([
          method,
          404,
          jsonError('Not Found', `${target.apiPath}${path}${query}`)
        ])
      }
    })

    it('keeps the deleted marker as revision 3, listed with the revisions (from 1.2 on request)', async () => {
      const marker = await target.call(
        'GET',
        `/flows/${namespace}/life?allowDeleted=true&source=true`
      )
      // The marker has no `updated` instant, even in 1.3.
      const markerFlow = storedFlow(writtenFlow('life', namespace, 3, changed, 'changed'), {
        deleted: true,
        updated: undefined
      })
      expect([marker.status, marker.json]).toEqual([200, markerFlow])
      const revisions = await target.call('GET', `/flows/${namespace}/life/revisions`)
      const withMarker = await target.call(
        'GET',
        `/flows/${namespace}/life/revisions?allowDelete=true`
      )
      const written = [
        storedFlow(writtenFlow('life', namespace, 1, source, 'héllo ✓')),
        storedFlow(writtenFlow('life', namespace, 2, changed, 'changed'))
      ]
      expect([revisions.status, revisions.json, withMarker.json]).toEqual([
        200,
        target.atLeast('1.2') ? written : [...written, markerFlow],
        [...written, markerFlow]
      ])
    })

    it('re-creates the flow as revision 4', async () => {
      const again = await target.call('POST', '/flows', { body: source })
      expect([again.status, again.json]).toEqual([
        200,
        writtenFlow('life', namespace, 4, source, 'héllo ✓')
      ])
    })
  })

  describe('a `revision:` line in the YAML', () => {
    const namespace = uniqueNamespace('contract.rev')

    it('is ignored by the no-op rule when the stored source has none', async () => {
      const plain = flowYaml('plain', namespace)
      expect((await target.call('POST', '/flows', { body: plain })).status).toBe(200)
      const put = await target.call('PUT', `/flows/${namespace}/plain`, {
        body: `revision: 7\n${plain}`
      })
      expect([put.status, put.json.revision, put.json.source]).toEqual([200, 1, plain])
    })

    it('makes every PUT a new revision before 1.0, and is stripped from the source read back', async () => {
      const carrying = `revision: 5\n${flowYaml('carrying', namespace)}`
      const created = await target.call('POST', '/flows', { body: carrying })
      const put = await target.call('PUT', `/flows/${namespace}/carrying`, { body: carrying })
      const read = await target.call('GET', `/flows/${namespace}/carrying?source=true`)
      const shown = target.atLeast('1.0') ? carrying : flowYaml('carrying', namespace)
      expect([created.json.source, put.json.revision, read.json.source]).toEqual([
        shown,
        target.atLeast('1.0') ? 1 : 2,
        shown
      ])
    })
  })

  describe('the namespace scope of the search and the export', () => {
    const namespace = uniqueNamespace('contract.scope')
    const flows = [
      [namespace, 'top'],
      [`${namespace}.child`, 'kid'],
      [`${namespace}x`, 'sibling']
    ] as const

    it('creates a flow in the namespace, a child and a sibling', async () => {
      const statuses = []
      for (const [ns, id] of flows) {
        statuses.push((await target.call('POST', '/flows', { body: flowYaml(id, ns) })).status)
      }
      expect(statuses).toEqual([200, 200, 200])
    })

    async function searched(query: string): Promise<string[]> {
      const reply = await target.call('GET', `/flows/search?size=10000&${query}`)
      expect(reply.status).toBe(200)
      const results = reply.json.results as Array<{ namespace: string; id: string }>
      return results
        .filter(flow => flow.namespace.startsWith(namespace))
        .map(flow => `${flow.namespace}/${flow.id}`)
        .sort()
    }

    it('takes the flat `namespace=` as a dot-aware prefix in every version', async () => {
      expect(await searched(`namespace=${namespace}`)).toEqual([
        `${namespace}.child/kid`,
        `${namespace}/top`
      ])
    })

    it('ignores `filters[...]` before 0.21 (every flow comes back), and applies them after', async () => {
      const all = [`${namespace}.child/kid`, `${namespace}/top`, `${namespace}x/sibling`]
      const prefix = await searched(`filters%5Bnamespace%5D%5BPREFIX%5D=${namespace}`)
      const equals = await searched(`filters%5Bnamespace%5D%5BEQUALS%5D=${namespace}`)
      expect([prefix, equals]).toEqual(
        target.atLeast('0.21') ? [all.slice(0, 2), [`${namespace}/top`]] : [all, all]
      )
    })

    it('lets the action read exactly its scope: never the sibling namespace', async () => {
      const client = await connectKestra({
        kestraUrl: new URL(target.url),
        credentials: { kind: 'basic', ...credentials },
        tenant: 'main',
        timeoutMs: 30000,
        concurrency: 4
      })
      try {
        const keys = async (includeChildren: boolean): Promise<string[]> =>
          (await client.listFlows({ namespace, includeChildren })).map(
            flow =>
              `${flow.namespace}/${flow.id}:${flow.revision}:${flow.source === flowYaml(flow.id, flow.namespace)}`
          )
        expect(await keys(true)).toEqual([
          `${namespace}/top:1:true`,
          `${namespace}.child/kid:1:true`
        ])
        expect(await keys(false)).toEqual([`${namespace}/top:1:true`])
      } finally {
        client.close()
      }
    })

    it('exports a ZIP of the stored sources, entries named `<ns>.<id>.yml` before 1.0, `<ns>-<id>.yml` after', async () => {
      const reply = await target.call('GET', `/flows/export/by-query?namespace=${namespace}`, {
        accept: 'application/octet-stream'
      })
      expect([
        reply.status,
        reply.headers.get('content-type'),
        reply.headers.get('content-disposition')
      ]).toEqual([200, 'application/octet-stream', 'attachment; filename="flows.zip"'])
      const entries = Object.entries(unzipSync(new Uint8Array(reply.bytes))).map(
        ([name, bytes]) => [name, strFromU8(bytes)]
      )
      const separator = target.atLeast('1.0') ? '-' : '.'
      expect(entries.sort()).toEqual(
        [
          [`${namespace}${separator}top.yml`, flowYaml('top', namespace)],
          [`${namespace}.child${separator}kid.yml`, flowYaml('kid', `${namespace}.child`)]
        ].sort()
      )
    })

    it('does not reach the export when only JSON is accepted: 404', async () => {
      const path = `/flows/export/by-query?namespace=${namespace}`
      const reply = await target.call('GET', path, { accept: 'application/json' })
      expect([reply.status, reply.json]).toEqual([
        404,
        jsonError('Not Found', target.apiPath + path)
      ])
    })
  })

  describe('/flows/validate with several documents', () => {
    const namespace = uniqueNamespace('contract.validate')

    /** The text before each version's `constraints`: none, 1.0's exception name, 1.3's words. */
    function constraints(text: string, kind: 'model' | 'parse'): string {
      if (target.atLeast('1.3')) return `Validation error: ${text.replace(/^:/, '')}`
      if (target.atLeast('1.0') && kind === 'parse') {
        return `jakarta.validation.ConstraintViolationException: ${text}`
      }
      return text
    }

    function valid(index: number, flow: string): object {
      return {
        index,
        flow,
        namespace,
        outdated: false,
        deprecationPaths: [],
        warnings: [],
        infos: []
      }
    }

    it('answers one verdict per document, in order', async () => {
      const documents = [
        flowYaml('good', namespace),
        `id: empty\nnamespace: ${namespace}\ntasks: []\n`,
        `id: untyped\nnamespace: ${namespace}\ntasks:\n  - id: log\n    message: hi\n`,
        `id: twice\nnamespace: ${namespace}\ntasks:\n  - id: log\n    type: ${LOG_TASK}\n    message: a\n  - id: log\n    type: ${LOG_TASK}\n    message: b\n`,
        `revision: 5\n${flowYaml('ahead', namespace)}`,
        flowYaml('pause', namespace)
      ]
      const reply = await target.call('POST', '/flows/validate', {
        body: documents.join('\n---\n')
      })
      expect(reply.status).toBe(200)
      const reserved = `: Invalid Flow: Flow id is a reserved keyword: pause. List of reserved keywords: ${RESERVED}\n`
      expect(reply.json).toEqual([
        valid(0, 'good'),
        { ...valid(1, 'empty'), constraints: constraints('tasks: must not be empty\n', 'model') },
        { index: 2, constraints: constraints('Invalid type: <null>', 'parse'), outdated: false },
        {
          ...valid(3, 'twice'),
          constraints: constraints(': Invalid Flow: Duplicate task id with name [log]\n', 'model')
        },
        { ...valid(4, 'ahead'), outdated: true },
        target.atLeast('1.0')
          ? { ...valid(5, 'pause'), constraints: constraints(reserved, 'model') }
          : valid(5, 'pause')
      ])
    })

    it('lists every violation of a document (in any order)', async () => {
      const reply = await target.call('POST', '/flows/validate', {
        body: `id: "-bad"\nnamespace: ${namespace}\ntasks: []\n`
      })
      const text = String(reply.json[0].constraints)
      const expected = constraints(
        'id: must match "^[a-zA-Z0-9][a-zA-Z0-9._-]*"\ntasks: must not be empty\n',
        'model'
      )
      const prefix = expected.slice(0, expected.indexOf('id: must'))
      expect(text.startsWith(prefix)).toBe(true)
      expect(text.slice(prefix.length).split('\n').sort()).toEqual(
        expected.slice(prefix.length).split('\n').sort()
      )
    })

    it('says a YAML syntax error with each version prefix (SnakeYAML wording after it is not compared)', async () => {
      const reply = await target.call('POST', '/flows/validate', {
        body: `id: broken\nnamespace: ${namespace}\ntasks:\n  - id: [\n`
      })
      const prefix = target.atLeast('1.0')
        ? constraints(
            `Illegal Flow source: ${target.atLeast('1.3') ? 'YAML parsing error: ' : ''}`,
            'parse'
          )
        : 'Illegal flow yaml: '
      expect(reply.json).toEqual([
        { index: 0, constraints: expect.stringContaining(prefix), outdated: false }
      ])
      expect(String(reply.json[0].constraints).startsWith(prefix)).toBe(true)
    })
  })

  describe('refused writes', () => {
    const namespace = uniqueNamespace('contract.refused')
    let flowsPath: string
    beforeAll(() => {
      flowsPath = `${target.apiPath}/flows`
    })

    it('refuses a model violation with 422 and each violation (in any order)', async () => {
      const reply = await target.call('POST', '/flows', {
        body: `id: "-bad"\nnamespace: ${namespace}\ntasks: []\n`
      })
      expect(reply.status).toBe(422)
      expect(inViolationOrder(reply.json)).toEqual(
        inViolationOrder(
          jsonError(
            'Invalid entity: id: must match "^[a-zA-Z0-9][a-zA-Z0-9._-]*"\ntasks: must not be empty\n',
            flowsPath,
            [
              { message: 'must match "^[a-zA-Z0-9][a-zA-Z0-9._-]*"', path: 'id' },
              { message: 'must not be empty', path: 'tasks' }
            ]
          )
        )
      )
    })

    it('refuses a task without type as `Invalid type: <null>`', async () => {
      const reply = await target.call('POST', '/flows', {
        body: `id: untyped\nnamespace: ${namespace}\ntasks:\n  - id: log\n    message: hi\n`
      })
      const model = target.atLeast('1.0') ? 'FlowWithSource' : 'Flow'
      const path = `io.kestra.core.models.flows.${model}["tasks"]->java.util.ArrayList[0]`
      const location = target.atLeast('1.0')
        ? 'UNKNOWN; byte offset: #UNKNOWN'
        : '(StringReader); line: 6, column: 1'
      expect(reply.status).toBe(422)
      expect(inViolationOrder(reply.json)).toEqual(
        inViolationOrder(
          jsonError('Invalid entity: Invalid type: <null>', flowsPath, [
            { message: 'Invalid type: <null>', path },
            {
              message: `Could not resolve type id '<null>' as a subtype of \`io.kestra.core.models.Plugin\`: No plugin registered for the defined type: '<null>'\n at [Source: ${location}] (through reference chain: ${path})`,
              path
            }
          ])
        )
      )
    })

    it('refuses a duplicate key, naming its line and column', async () => {
      const reply = await target.call('POST', '/flows', {
        body: `id: twice\nid: twice\nnamespace: ${namespace}\ntasks:\n  - id: log\n    type: ${LOG_TASK}\n    message: hi\n`
      })
      const where = ' at [Source: (StringReader); line: 2, column: 3]'
      const detail = target.atLeast('1.3')
        ? `YAML parsing error: Duplicate field 'id'\n${where} (at line 2)`
        : `Duplicate field 'id'\n${where}`
      const source = target.atLeast('1.0') ? 'Illegal genericflow source' : 'Illegal flow yaml'
      expect([reply.status, reply.json]).toEqual([
        422,
        jsonError(`Invalid entity: ${source}: ${detail}`, flowsPath, [
          { message: detail, path: 'yaml' }
        ])
      ])
    })

    it('refuses an unknown top-level property, listing the known ones (in any order)', async () => {
      const reply = await target.call('POST', '/flows', {
        body: flowYaml('extra', namespace, 'hi', 'foo: bar\n')
      })
      const known = [
        'tenantId',
        'retry',
        'inputs',
        'errors',
        'tasks',
        'outputs',
        'concurrency',
        'variables',
        'deleted',
        'id',
        'disabled',
        'labels',
        'pluginDefaults',
        'sla',
        'taskDefaults',
        'namespace',
        'description',
        'listeners',
        'revision',
        'triggers',
        ...(target.atLeast('1.0') ? ['workerGroup', 'finally', 'afterExecution', 'source'] : []),
        ...(target.atLeast('1.3') ? ['checks', 'updated'] : [])
      ]
      const model = target.atLeast('1.0') ? 'FlowWithSource' : 'Flow'
      const pattern = new RegExp(
        `^Unrecognized field "foo" \\(class io\\.kestra\\.core\\.models\\.flows\\.${model}\\), not marked as ignorable \\(${known.length} known properties: (.*)${target.atLeast('1.3') ? '' : '\\]'}\\)$`
      )
      expect(reply.status).toBe(422)
      const message = String(reply.json._embedded.errors[0].message)
      expect(reply.json.message).toBe(`Invalid entity: ${message}`)
      expect(reply.json._embedded.errors[0].path).toBe(
        `io.kestra.core.models.flows.${model}["foo"]`
      )
      const listed = pattern.exec(message)?.[1]
      expect(listed?.split(', ').sort()).toEqual(known.map(name => `"${name}"`).sort())
    })

    it('refuses the reserved id `pause` from 1.0 only', async () => {
      const reply = await target.call('POST', '/flows', { body: flowYaml('pause', namespace) })
      const message = `Invalid Flow: Flow id is a reserved keyword: pause. List of reserved keywords: ${RESERVED}`
      expect([reply.status, target.atLeast('1.0') ? reply.json : reply.json.id]).toEqual(
        target.atLeast('1.0')
          ? [422, jsonError(`Invalid entity: : ${message}\n`, flowsPath, [{ message, path: '' }])]
          : [200, 'pause']
      )
    })

    it('refuses an empty body, and a PUT whose id or namespace is not the URL one', async () => {
      const empty = await target.call('POST', '/flows', { body: '' })
      expect([empty.status, empty.json]).toEqual([
        422,
        jsonError('Invalid route params: Required Body [flow] not specified', flowsPath)
      ])
      expect(
        (await target.call('POST', '/flows', { body: flowYaml('kept', namespace) })).status
      ).toBe(200)
      const path = `${target.apiPath}/flows/${namespace}/kept`
      const renamed = await target.call('PUT', `/flows/${namespace}/kept`, {
        body: flowYaml('other', namespace)
      })
      const moved = await target.call('PUT', `/flows/${namespace}/kept`, {
        body: flowYaml('kept', `${namespace}.else`)
      })
      expect([renamed.status, renamed.json, moved.status, moved.json]).toEqual([
        422,
        jsonError('Invalid entity: flow.id: Illegal flow id update', path, [
          { message: 'Illegal flow id update', path: 'flow.id' }
        ]),
        422,
        jsonError('Invalid entity: flow.namespace: Illegal namespace update', path, [
          { message: 'Illegal namespace update', path: 'flow.namespace' }
        ])
      ])
    })
  })

  describe('search parameters', () => {
    it('refuses page or size below 1 with 422', async () => {
      // The violation is named after the controller method: `find` in 0.20, `searchFlows` after.
      const method = target.atLeast('1.0') ? 'searchFlows' : 'find'
      for (const parameter of ['page', 'size']) {
        const path = `/flows/search?${parameter}=0`
        const reply = await target.call('GET', path)
        expect([reply.status, reply.json]).toEqual([
          422,
          jsonError(
            `Invalid entity: ${method}.${parameter}: must be greater than or equal to 1`,
            target.apiPath + path,
            [{ message: 'must be greater than or equal to 1', path: `${method}.${parameter}` }]
          )
        ])
      }
    })

    it('refuses an unknown filter operation from 0.21 (422 from Illegal argument)', async () => {
      const path = '/flows/search?filters%5Bnamespace%5D%5BNOPE%5D=x'
      const reply = await target.call('GET', path)
      const refusal = jsonError(
        'Illegal argument: No enum constant io.kestra.core.models.QueryFilter.Op.NOPE',
        target.apiPath + path
      )
      expect(target.atLeast('0.21') ? [reply.status, reply.json] : [reply.status]).toEqual(
        target.atLeast('0.21') ? [422, refusal] : [200]
      )
    })
  })

  describe('tenants', () => {
    it('has no tenant in its paths before 0.23, the single tenant `main` after', async () => {
      const other = await target.call('GET', '/api/v1/other/flows/search')
      const main = await target.call('GET', '/api/v1/main/flows/search?size=1')
      const tenantless = await target.call('GET', '/api/v1/flows/search?size=1')
      expect([other.status, other.json, main.status, tenantless.status]).toEqual(
        target.atLeast('0.23')
          ? [
              400,
              jsonError(
                "Bad Request: Tenant must be 'main' for OSS version",
                '/api/v1/other/flows/search'
              ),
              200,
              200
            ]
          : [404, jsonError('Not Found', '/api/v1/other/flows/search'), 404, 200]
      )
    })
  })
})
