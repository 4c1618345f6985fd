import { describe, expect, it } from '@jest/globals'
import { lineOfNamedPath, lineOfPath, lineOfPathIn } from '../../src/flow/yaml-path.js'

const flow = [
  'id: etl', // 1
  'namespace: acme', // 2
  'tasks:', // 3
  '  - id: first', // 4
  '    type: io.kestra.plugin.core.log.Log', // 5
  '    message: hi', // 6
  '  - id: second', // 7
  '    type: io.kestra.plugin.core.flow.Sequential', // 8
  '    tasks:', // 9
  '      - id: inner', // 10
  '        retry:', // 11
  '          type: constant', // 12
  'triggers: [{id: t, type: x}]' // 13
].join('\n')

describe('lineOfPath', () => {
  it.each([
    ['tasks', 3],
    ['tasks[0]', 4],
    ['tasks[0].message', 6],
    ['tasks[1].tasks[0].retry', 11],
    ['tasks[1].tasks[0].retry.type', 12],
    ['triggers[0].type', 13]
  ])('finds %s on line %d', (path, line) => {
    expect(lineOfPath(flow, path)).toBe(line)
  })

  it('stops at the deepest part found, and finds nothing for an unknown first part', () => {
    expect(lineOfPath(flow, 'tasks[0].timeout')).toBe(4)
    expect(lineOfPath(flow, 'tasks[9]')).toBe(3)
    expect(lineOfPath(flow, 'listeners[0]')).toBeUndefined()
    expect(lineOfPath(flow, 'not a path')).toBeUndefined()
    expect(lineOfPath('id: [', 'id')).toBeUndefined()
  })
})

describe('lineOfNamedPath', () => {
  it.each([
    ['second', 7],
    ['second.tasks', 9],
    ['inner.retry.type', 12],
    ['inner.timeout', 10]
  ])('finds %s, from the task of that id, on line %d', (path, line) => {
    expect(lineOfNamedPath(flow, path)).toBe(line)
  })

  it('finds no task of an unknown id', () => {
    expect(lineOfNamedPath(flow, 'missing.tasks')).toBeUndefined()
    expect(lineOfNamedPath(flow, 'etl')).toBeUndefined()
  })
})

describe('lineOfPathIn', () => {
  it('takes the first path of a server message that the flow has', () => {
    expect(lineOfPathIn(flow, 'Validation error: tasks[0].message: must not be null')).toBe(6)
    expect(lineOfPathIn(flow, 'flow.tasks[1]: The subflow x not found')).toBe(7)
    expect(lineOfPathIn(flow, 'Invalid type: null')).toBeUndefined()
  })

  // Kestra's KestraConstraintViolationException puts the task's id in place of `tasks[N]`.
  it('finds a task named by its id, as 0.20.7 to 1.3.0 name it', () => {
    expect(lineOfPathIn(flow, 'Validation error: second: No task defined\n')).toBe(7)
    expect(lineOfPathIn(flow, "second.tasks: The 'tasks' property cannot be empty\n")).toBe(9)
  })
})
