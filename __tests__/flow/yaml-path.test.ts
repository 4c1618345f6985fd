import { describe, expect, it } from '@jest/globals'
import { lineOfPath, lineOfPathIn } from '../../src/flow/yaml-path.js'

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

describe('lineOfPathIn', () => {
  it('takes the first path of a server message that the flow has', () => {
    expect(lineOfPathIn(flow, 'Validation error: tasks[0].message: must not be null')).toBe(6)
    expect(lineOfPathIn(flow, 'flow.tasks[1]: The subflow x not found')).toBe(7)
    expect(lineOfPathIn(flow, 'Invalid type: null')).toBeUndefined()
  })
})
