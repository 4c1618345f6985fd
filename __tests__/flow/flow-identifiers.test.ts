import { describe, expect, it } from '@jest/globals'
import {
  RESERVED_FLOW_IDS,
  flowIdProblem,
  namespaceProblem,
  reservedFlowIdProblem
} from '../../src/flow/flow-identifiers.js'

describe('flowIdProblem', () => {
  it.each(['a', 'A', '0', 'hello-world', 'Hello_World.v2', 'a'.repeat(100), 'Pause', 'pause2'])(
    'accepts %j',
    id => {
      expect(flowIdProblem(id)).toBeUndefined()
    }
  )

  it.each([
    ['', 'the flow id is empty'],
    [
      'my#flow',
      "'my#flow' must start with a letter or a digit and contain only letters, digits, '.', '_' and '-'"
    ],
    ['-a', "'-a' must start with a letter or a digit"],
    ['_a', "'_a' must start with a letter or a digit"],
    ['.a', "'.a' must start with a letter or a digit"],
    ['a b', "'a b' must start"],
    ['é', "'é' must start"],
    ['a'.repeat(101), `'${'a'.repeat(101)}' is 101 characters long; a flow id has at most 100`]
  ])('refuses %j', (id, problem) => {
    expect(flowIdProblem(id)).toContain(problem)
  })

  it.each([...RESERVED_FLOW_IDS])('accepts %j, which only Kestra 1.0+ reserves', id => {
    expect(flowIdProblem(id)).toBeUndefined()
  })
})

describe('reservedFlowIdProblem', () => {
  it('accepts ids that merely look like reserved ones', () => {
    expect(reservedFlowIdProblem('Pause')).toBeUndefined()
    expect(reservedFlowIdProblem('pause2')).toBeUndefined()
  })

  it.each([...RESERVED_FLOW_IDS])('refuses the reserved id %j', id => {
    expect(reservedFlowIdProblem(id)).toBe(
      `'${id}' is reserved since Kestra 1.0 (reserved ids: pause, resume, force-run, change-status, kill, executions, search, source, disable, enable)`
    )
  })
})

describe('namespaceProblem', () => {
  it.each(['a', '0', 'io.kestra.tests', 'company_team-1.x', 'a'.repeat(150)])(
    'accepts %j',
    namespace => {
      expect(namespaceProblem(namespace)).toBeUndefined()
    }
  )

  it.each([
    ['', 'the namespace is empty'],
    [
      'MY$NAMESPACE',
      "'MY$NAMESPACE' must start with a lower-case letter or a digit and contain only lower-case letters, digits, '.', '_' and '-'"
    ],
    ['Company.team', "'Company.team' must start"],
    ['.a', "'.a' must start"],
    ['-a', "'-a' must start"],
    ['a b', "'a b' must start"],
    ['a'.repeat(151), 'is 151 characters long; a namespace has at most 150']
  ])('refuses %j', (namespace, problem) => {
    expect(namespaceProblem(namespace)).toContain(problem)
  })
})
