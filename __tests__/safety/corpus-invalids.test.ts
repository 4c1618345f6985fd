import { beforeAll, expect, it } from '@jest/globals'
import { existsSync, readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { mapConcurrent } from '../../src/util/map-concurrent.js'
import { codeCell, markdownTable, readmeSection } from '../helpers/readme-table.js'
import { describeWithShared, kestraTestFlows } from '../helpers/skip.js'
import { caseMessage, caseResult, runCase, type CaseOutcome } from './run-case.js'

// The flows Kestra's own tests hold for invalid, shipped beside the project in ../shared. A clone
// without it (e.g. on GitHub) skips this suite and says so.
const invalids = path.join(kestraTestFlows, 'invalids')
const files = existsSync(invalids) ? readdirSync(invalids).sort() : []

/**
 * What only a real server refuses: the emulator has no plugin registry (task types, their
 * properties, which tasks are runnable) and no Java regex. Kestra's messages, from its own tests.
 */
const realServerOnly: Record<string, string> = {
  'inputs-bad-validator-syntax.yaml': 'invalid pattern [\\]',
  'invalid-property.yaml':
    'Unrecognized field "invalid" (class io.kestra.plugin.core.debug.Return), not marked as ignorable (13 known properties: …)',
  'invalid-task.yaml': 'Invalid type: io.kestra.plugin.core.debug.MissingOne',
  'workingdirectory-invalid.yaml':
    'impossible: Only runnable tasks are allowed as children of a WorkingDirectory task'
}

/**
 * What Kestra from 1.0 takes (1.0.3 and 1.3.0 do; 0.20.7 refuses it), the emulator playing 1.3.21
 * too: a task's `workerGroup` in OSS.
 */
const acceptedFrom10: Record<string, string> = {
  'worker-group.yaml': 'tasks[0].workerGroup: Worker Group is an Enterprise Edition functionality'
}

const outcomes = new Map<string, CaseOutcome>()
beforeAll(async () => {
  const results = await mapConcurrent(files, 3, async file =>
    runCase({
      files: { [`_flows/${file}`]: await readFile(path.join(invalids, file)) },
      // Their own namespace: a flow calling itself as a subflow must stay a recursive call.
      inputs: { 'target-namespace': 'io.kestra.tests' }
    })
  )
  files.forEach((file, index) => outcomes.set(file, results[index] as CaseOutcome))
}, 120_000)

describeWithShared(invalids)("Kestra's invalid test flows, through the action", () => {
  it.each(files.filter(file => !(file in realServerOnly) && !(file in acceptedFrom10)))(
    '%s: exit code 1, one message, nothing written',
    file => {
      const outcome = outcomes.get(file) as CaseOutcome
      expect(outcome.exitCode).toBe(1)
      expect(outcome.writes).toEqual([])
      expect(outcome.errors.filter(error => error.properties.file)).toHaveLength(1)
    }
  )

  it.each(Object.keys(realServerOnly))(
    '%s: only a real server refuses it; the emulator takes it',
    file => {
      expect(files).toContain(file)
      expect(outcomes.get(file)?.exitCode).toBe(0)
    }
  )

  it.each(Object.keys(acceptedFrom10))('%s: synced, as Kestra 1.x takes it', file => {
    expect(files).toContain(file)
    expect(outcomes.get(file)?.exitCode).toBe(0)
  })

  it("is the README's table", async () => {
    const rows = files.map(file => {
      const outcome = outcomes.get(file) as CaseOutcome
      const kestra = realServerOnly[file]
      const before10 = acceptedFrom10[file]
      if (before10 !== undefined) {
        return [
          `\`${file}\``,
          'synced: Kestra 1.x takes it; 0.20.7 refuses it, nothing written',
          `Kestra 0.20.7: ${codeCell(before10)}`
        ]
      }
      return kestra === undefined
        ? [`\`${file}\``, caseResult(outcome), codeCell(caseMessage(outcome))]
        : [
            `\`${file}\``,
            'synced by the emulator; a real server refuses it, nothing written',
            `Kestra: ${codeCell(kestra)}`
          ]
    })
    const table = markdownTable(['File', 'Result', 'Message'], rows)
    expect(await readmeSection('corpus-invalids', table)).toBe(table)
  })
})
