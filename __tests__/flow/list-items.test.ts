import { describe, expect, it } from '@jest/globals'
import { load } from 'js-yaml'
import { nonMappingListItem } from '../../src/flow/list-items.js'

const LOG = '    type: io.kestra.plugin.core.log.Log\n'

function problemIn(text: string): { line?: number; message: string } | undefined {
  return nonMappingListItem(load(text) as Record<string, unknown>, text)
}

describe('nonMappingListItem', () => {
  it('accepts tasks and triggers that are all mappings, and flows without them', () => {
    expect(problemIn(`id: a\ntasks:\n  - id: log\n${LOG}triggers:\n  - id: t\n    type: x\n`)).toBe(
      undefined
    )
    expect(problemIn('id: a\ntasks: []\n')).toBe(undefined)
    expect(problemIn('id: a\n')).toBe(undefined)
  })

  it.each([
    ['a text', '  - echo hello\n', 'the text "echo hello"', 6],
    ['a number', '  - 42\n', 'the number 42', 6],
    ['a boolean', '  - true\n', 'the boolean true', 6],
    // Nothing after the dash has no place of its own: the line of the list stands for it.
    ['an empty item', '  -\n', 'empty', 3],
    ['a null', '  - ~\n', 'empty', 6],
    ['a list', '  - [a, b]\n', 'a list', 6]
  ])('names %s among the tasks, at its line', (_kind, item, described, line) => {
    const text = `id: a\nnamespace: n\ntasks:\n  - id: log\n${LOG}${item}`
    const problem = problemIn(text)
    expect(problem?.message).toMatch(
      new RegExp(`^\`tasks\\[1\\]\` is ${described.replace(/[[\]"]/g, '\\$&')}, not a task`)
    )
    expect(problem?.line).toBe(line)
  })

  it('names a trigger that is not a mapping', () => {
    const text = `id: a\ntasks:\n  - id: log\n${LOG}triggers:\n  - daily\n`
    expect(problemIn(text)).toEqual({
      line: 6,
      message: expect.stringMatching(/^`triggers\[0\]` is the text "daily", not a trigger/)
    })
  })

  it('leaves nested lists to the server, which validates them', () => {
    const text = `id: a\ntasks:\n  - id: seq\n    type: io.kestra.plugin.core.flow.Sequential\n    tasks:\n      - hello\n`
    expect(problemIn(text)).toBe(undefined)
  })
})
