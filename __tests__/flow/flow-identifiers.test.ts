import { describe, expect, it } from '@jest/globals'
import {
  RESERVED_FLOW_IDS,
  flowIdProblem,
  namespaceProblem,
  reservedFlowIdProblem,
  unquotedIdProblem
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

// What Kestra makes of these unquoted ids is held to real servers by __tests__/contract/yaml-ids.
describe('unquotedIdProblem', () => {
  it.each(['hello', 'true', 'false', '123', '0', '1.0', '09', '0o12', 'y', 'n', '2024-01-01'])(
    'accepts %j, which YAML 1.1 reads as the same text',
    id => {
      expect(unquotedIdProblem(id)).toBeUndefined()
    }
  )

  it.each([
    ['off', 'false'],
    ['Yes', 'true'],
    ['NO', 'false'],
    ['012', '10'],
    ['007', '7'],
    ['1_000', '1000'],
    ['0x1A', '26'],
    ['0b101', '5'],
    ['1e3', '1000.0'],
    ['1.10', '1.1'],
    ['12345678.5', '1.23456785E7']
  ])('refuses %j, which Kestra reads as %j', (id, kestra) => {
    expect(unquotedIdProblem(id)).toBe(
      `unquoted, '${id}' is read by Kestra as '${kestra}' (YAML 1.1): the flow would be created as '${id}' and every later update of it refused; quote it: id: "${id}"`
    )
  })
})
