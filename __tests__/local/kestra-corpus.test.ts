import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { cp, readFile, readdir } from 'node:fs/promises'
import * as path from 'node:path'
import { load } from 'js-yaml'
import { FlowSourceError, parseFlowSource } from '../../src/flow/flow-source.js'
import { stripBom } from '../../src/flow/yaml-events.js'
import type { LocalFlows } from '../../src/local/local-flows.js'
import { readLocalFlows } from '../../src/local/read-local-flows.js'
import { describeWithShared, kestraTestFlows as CORPUS } from '../helpers/skip.js'
import { createTempWorkspace, type TempWorkspace } from './temp-workspace.js'

function withoutNamespace(text: string): unknown {
  const document = { ...(load(stripBom(text)) as Record<string, unknown>) }
  delete document.namespace
  return document
}

/** 'parsed', 'refused' (a FlowSourceError with a message), or what else happened. */
function parseOutcome(text: string): string {
  try {
    parseFlowSource(text)
    return 'parsed'
  } catch (error) {
    return error instanceof FlowSourceError && error.message !== ''
      ? 'refused'
      : `crashed: ${String(error)}`
  }
}

// Flows from Kestra's own tests, kept outside the repository in ../shared.
describeWithShared(CORPUS)('the Kestra test flows', () => {
  let workspace: TempWorkspace
  let valid: LocalFlows
  let invalid: LocalFlows
  let validNames: string[]
  let invalidNames: string[]

  beforeAll(async () => {
    workspace = await createTempWorkspace()
    await cp(path.join(CORPUS, 'valids'), workspace.path('valids'), { recursive: true })
    await cp(path.join(CORPUS, 'invalids'), workspace.path('invalids'), { recursive: true })
    validNames = await readdir(workspace.path('valids'))
    invalidNames = await readdir(workspace.path('invalids'))
    const read = (directory: string): Promise<LocalFlows> =>
      readLocalFlows({
        workspace: workspace.root,
        directory,
        targetNamespace: 'company.team',
        includeChildNamespaces: true
      })
    valid = await read('valids')
    invalid = await read('invalids')
  })

  afterAll(async () => {
    await workspace.remove()
  })

  it('reads every valid flow', () => {
    expect(validNames.length).toBeGreaterThan(150)
    expect(valid.invalid).toEqual([])
    expect(valid.skipped).toEqual([])
  })

  it('finds the two copies of "minimal" as duplicates once they share the target namespace', () => {
    expect(valid.duplicates).toEqual([
      {
        namespace: 'company.team',
        id: 'minimal',
        files: [
          { gitPath: 'valids/minimal.yaml', line: 1 },
          { gitPath: 'valids/minimal2.yaml', line: 1 }
        ]
      }
    ])
    expect(valid.flows).toHaveLength(validNames.length - 2)
  })

  it('rewrites each valid flow to the same document with the target namespace', async () => {
    for (const flow of valid.flows) {
      const original = await readFile(workspace.path(flow.gitPath), 'utf8')
      expect(load(flow.source)).toMatchObject({ id: flow.id, namespace: 'company.team' })
      expect(withoutNamespace(flow.source)).toEqual(withoutNamespace(original))
      expect(parseFlowSource(flow.source)).toMatchObject({ id: flow.id, namespace: 'company.team' })
    }
  })

  it('changes only the top-level namespace line of each valid flow', async () => {
    for (const flow of valid.flows) {
      const original = (await readFile(workspace.path(flow.gitPath), 'utf8')).split('\n')
      const rewritten = flow.source.split('\n')
      const changed = rewritten.flatMap((line, index) =>
        line === original[index] ? [] : [[original[index], line]]
      )
      expect(changed).toHaveLength(1)
      expect(changed[0]?.[1]).toMatch(
        /^namespace: +(company\.team|"company\.team"|'company\.team')$/
      )
      expect(changed[0]?.[0]).toMatch(/^namespace: /)
      expect(rewritten).toHaveLength(original.length)
    }
  })

  it('reads the invalid flows without crashing: each one parses or gets a message', async () => {
    const outcomes: string[] = []
    for (const name of invalidNames) {
      outcomes.push(parseOutcome(await readFile(workspace.path(`invalids/${name}`), 'utf8')))
    }
    expect(outcomes.filter(outcome => outcome !== 'parsed' && outcome !== 'refused')).toEqual([])
    const files = [
      ...invalid.flows.map(flow => flow.gitPath),
      ...invalid.invalid.map(problem => problem.gitPath),
      ...invalid.duplicates.flatMap(duplicate => duplicate.files.map(file => file.gitPath))
    ]
    expect(files.sort()).toEqual(invalidNames.map(name => `invalids/${name}`).sort())
  })

  it('reports the duplicate key and the bad ids of the invalid flows; the rest is for the server', () => {
    expect(invalid.invalid).toEqual([
      {
        gitPath: 'invalids/duplicate-key.yaml',
        line: 10,
        message:
          "Invalid YAML: the key 'variables.tf' is written twice in the same mapping; keep one."
      },
      {
        gitPath: 'invalids/invalid-parallel.yaml',
        line: 1,
        message: 'Invalid flow id: the flow id is empty.',
        key: { namespace: 'company.team', id: '' }
      },
      {
        gitPath: 'invalids/invalid.yaml',
        line: 1,
        message: expect.stringMatching(/^Invalid flow id: 'my#flow' must start/),
        key: { namespace: 'company.team', id: 'my#flow' }
      }
    ])
  })
})
