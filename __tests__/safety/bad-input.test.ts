import { beforeAll, describe, expect, it } from '@jest/globals'
import { mapConcurrent } from '../../src/util/map-concurrent.js'
import { codeCell, readmeSection, markdownTable } from '../helpers/readme-table.js'
import { badInputCases, type BadInputCase } from './bad-input-cases.js'
import { caseMessage, caseResult, runCase, type CaseOutcome } from './run-case.js'

// Each case runs `node dist/index.js` as the runner does, against an emulator of its own, and the
// README's table is what these runs really printed.
const outcomes = new Map<BadInputCase, CaseOutcome>()

beforeAll(async () => {
  const results = await mapConcurrent(badInputCases, 3, runCase)
  badInputCases.forEach((badInput, index) => outcomes.set(badInput, results[index] as CaseOutcome))
}, 120_000)

const outcomeOf = (badInput: BadInputCase): CaseOutcome => outcomes.get(badInput) as CaseOutcome
const refused = badInputCases.filter(badInput => badInput.expected === 'refused')
const synced = badInputCases.filter(badInput => badInput.expected === 'synced')

describe('bad input, through the action', () => {
  it.each(refused.map(badInput => [badInput.name, badInput] as const))(
    '%s: exit code 1, one message, nothing written',
    (_, badInput) => {
      const outcome = outcomeOf(badInput)
      expect(outcome.exitCode).toBe(1)
      expect(outcome.writes).toEqual([])
      // The step's failure, and at most one annotation on a file (two for a flow in two files).
      const failures = outcome.errors.filter(error => !error.properties.file)
      const onFiles = outcome.errors.filter(error => error.properties.file)
      expect(failures).toHaveLength(1)
      expect(onFiles.length).toBeLessThanOrEqual(badInput.name.startsWith('Two files') ? 2 : 1)
      expect(outcome.errors.map(error => error.message).join('\n')).not.toMatch(/\n\s+at /)
    }
  )

  it.each(synced.map(badInput => [badInput.name, badInput] as const))(
    '%s: synced, and unchanged on a second run',
    (_, badInput) => {
      const outcome = outcomeOf(badInput)
      expect(outcome.errors).toEqual([])
      expect(outcome.exitCode).toBe(0)
      expect(outcome.rerunUnchanged).toBe(true)
    }
  )

  it('never echoes a password given in the URL', () => {
    const withCredentials = badInputCases.find(badInput =>
      badInput.inputs?.['kestra-url']?.includes('@')
    ) as BadInputCase
    expect(caseMessage(outcomeOf(withCredentials))).not.toContain('Url-Secret-7')
  })

  it("is the README's table", async () => {
    const rows = badInputCases.map(badInput => {
      const outcome = outcomeOf(badInput)
      return [
        badInput.name,
        caseResult(outcome),
        outcome.exitCode === 0 ? (badInput.note ?? '') : codeCell(caseMessage(outcome))
      ]
    })
    const table = markdownTable(['Case', 'Result', 'Message'], rows)
    expect(await readmeSection('bad-input', table)).toBe(table)
  })
})
