import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { scanFlowSource } from '../../src/flow/flow-scan.js'
import { flowFromScan, flowFromText } from '../../src/local/read-flow-file.js'
import { generateFlows } from '../../scripts/bench/generate-flows.mjs'
import { describeWithShared, kestraTestFlows } from '../helpers/skip.js'

/** Namespaces a file may be rewritten into: plain, and one that YAML would read as a number. */
const NAMESPACES = ['company.team', '0123']

interface Outcome {
  /** Texts the scan keyed without a parse. */
  scanned: number
  /** Texts the full parse refuses that the scan keyed: trusted only where the server stores them. */
  refusedButScanned: string[]
}

/**
 * The differential check: wherever the scan answers for a text that the full parse accepts, it
 * gives the very same flow (key, rewritten source, id line, added line).
 */
function compareOnAll(texts: readonly string[]): Outcome {
  const outcome: Outcome = { scanned: 0, refusedButScanned: [] }
  for (const text of texts) {
    for (const namespace of NAMESPACES) {
      const scanned = flowFromScan('f.yml', text, namespace)
      if (!scanned) continue
      outcome.scanned++
      const full = flowFromText('f.yml', text, namespace)
      if ('flow' in full) expect({ text, flow: scanned }).toEqual({ text, flow: full.flow })
      else {
        // What the parse refuses lies beyond the id and namespace the scan read: the key agrees,
        // and the problem is on another line.
        if (full.problem.key) {
          expect({ text, key: full.problem.key }).toEqual({
            text,
            key: { namespace, id: scanned.id }
          })
        }
        expect({ text, line: full.problem.line }).not.toEqual({ text, line: scanned.idLine })
        outcome.refusedButScanned.push(text)
      }
    }
  }
  return outcome
}

function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map(entry => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
}

/** A seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Lines that try to make the scan take a wrong `id` or `namespace`, or miss one. */
const HOSTILE_LINES = [
  'id: other',
  'namespace: other.ns',
  '  id: nested',
  '  namespace: nested',
  '"id": quoted-key',
  "'namespace': quoted-key",
  '? id',
  ': complex',
  'id : spaced',
  'id:glued',
  'namespace:',
  'namespace: ~',
  'namespace: null',
  'id: null',
  'id: 123',
  'id: 0o17',
  'id: yes',
  'id: "a\\"b"',
  "id: 'it''s'",
  'id: "unclosed',
  "namespace: 'unclosed",
  'id: &anchor value',
  'id: *alias',
  'id: !!str tagged',
  '<<: *base',
  'base: &base {id: from-anchor}',
  '---',
  '...',
  '%YAML 1.2',
  '# id: commented',
  '\tid: tabbed',
  'description: "runs on\nid: inside-a-quote"',
  "description: 'runs on\nnamespace: inside-a-quote'",
  'labels: {team: a,\nid: inside-a-mapping}',
  'tags: [a,\nid, b]',
  'notes: |\nid: after-an-empty-block',
  'notes: >-\n  folded\n  id: inside-the-block',
  'notes: |2\n   id: indented-block',
  'description: plain\n  id: continued',
  'id: first\n  continued',
  'namespace: first\n  continued',
  'id: spaced value',
  'id: a # comment',
  'namespace: b.c # comment',
  'id: "quoted" # comment',
  'id: "quoted" trailing',
  "namespace: 'q' trailing",
  'labels: {a: b} trailing',
  'namespace: "q.ns"',
  "namespace: 'q.ns'",
  'namespace: ""',
  'id: ""',
  'id: -dash',
  'id: .dot',
  'key: value: more',
  '- item',
  '{id: flow-mapping}',
  'x: [unclosed',
  'x: {a: "b}"}',
  'x: [a, "b # c"]',
  'x: [a] # closed',
  'tasks:',
  '   - id: deeper',
  'ünï: code',
  'id: ünï'
]

/** Texts made from `bases` by inserting, replacing and deleting lines, and changing line ends. */
function hostileTexts(bases: readonly string[], count: number): string[] {
  const rand = random(14)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T
  const texts: string[] = []
  for (let index = 0; index < count; index++) {
    const lines = pick(bases).split('\n')
    const edits = 1 + Math.floor(rand() * 3)
    for (let edit = 0; edit < edits; edit++) {
      const at = Math.floor(rand() * (lines.length + 1))
      const choice = rand()
      if (choice < 0.5) lines.splice(at, 0, pick(HOSTILE_LINES))
      else if (choice < 0.8) lines.splice(at, 1, pick(HOSTILE_LINES))
      else lines.splice(at, 1)
    }
    let text = lines.join('\n')
    const ending = rand()
    if (ending < 0.15) text = text.replace(/\n/g, '\r\n')
    else if (ending < 0.2) text = text.replace(/\n/, '\r')
    else if (ending < 0.25) text = `\ufeff${text}`
    else if (ending < 0.3) text = text.trimEnd()
    texts.push(text)
  }
  return texts
}

const SMALL_FLOWS = [
  'id: hello\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n',
  '# A flow\nid: "quoted-id"\n\ndescription: |\n  Several\n  lines\nnamespace: dev # replaced\nlabels: {team: data}\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.debug.Return\n    format: "{{ now() }}"\n',
  "id: no-namespace\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Log\n    message: 'x'\n",
  "tasks:\n  - id: first\n    type: io.kestra.plugin.core.log.Log\n    message: hi\nid: last\nnamespace: 'single.quoted'\n"
]

const generated = generateFlows({ flows: 300, namespaces: 15, target: 'company' }).map(
  flow => flow.source
)

describe('the scan of a flow text, against the full parse', () => {
  it('gives the same flow on generated flows, and keys nearly all of them', () => {
    const outcome = compareOnAll(generated)
    expect(outcome.refusedButScanned).toEqual([])
    expect(outcome.scanned).toBe(generated.length * NAMESPACES.length)
  })

  it('gives the same flow on small flows in every layout it reads', () => {
    const outcome = compareOnAll(SMALL_FLOWS)
    expect(outcome.refusedButScanned).toEqual([])
    expect(outcome.scanned).toBe(SMALL_FLOWS.length * NAMESPACES.length)
  })

  it('gives the same flow on 6,000 hostile variations, or gives up', () => {
    const texts = hostileTexts([...SMALL_FLOWS, ...generated.slice(0, 40)], 6000)
    const outcome = compareOnAll(texts)
    // The hostile lines are meant to trap it, yet it still reads many variations.
    expect(outcome.scanned).toBeGreaterThan(texts.length / 4)
    // What it keys that the parse refuses is broken beyond the top-level id and namespace.
    for (const text of outcome.refusedButScanned) expect(scanFlowSource(text)).toBeDefined()
  })

  it('gives up on what it cannot be sure of', () => {
    for (const text of [
      'id: a\n  continued\nnamespace: n\n',
      'description: "x\nid: b"\nid: a\n',
      'id: a\nid: b\n',
      '---\nid: a\n',
      'id: a\r namespace: n\n',
      '  id: a\n',
      'id: *x\n',
      'id: "a\\u0041"\n',
      'id: off\n',
      'x: {\nid: a}\nid: a\n',
      'namespace:\n  nested: a\nid: a\n',
      'tasks: []\n'
    ]) {
      expect({ text, scanned: scanFlowSource(text) }).toEqual({ text, scanned: undefined })
    }
  })
})

describeWithShared(kestraTestFlows)("the scan on Kestra's test flows", () => {
  it('gives the same flow as the full parse on every valid and invalid file', () => {
    const texts = yamlFiles(kestraTestFlows)
    expect(texts.length).toBeGreaterThan(150)
    const outcome = compareOnAll(texts)
    expect(outcome.scanned).toBeGreaterThan(texts.length)
    expect(outcome.refusedButScanned.length).toBeLessThan(texts.length / 10)
  })
})
