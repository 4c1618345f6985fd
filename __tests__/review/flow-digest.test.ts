import { describe, expect, it } from '@jest/globals'
import { digestFlowChange } from '../../src/review/flow-digest.js'
import { plainText } from '../../src/review/phrase.js'
import { scheduleInWords } from '../../src/review/schedule-words.js'

const digest = (before: string, after: string): string[] | undefined =>
  digestFlowChange(before, after)?.map(plainText)

const FLOW =
  'id: f\nnamespace: a\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: x\n'

describe('digestFlowChange', () => {
  it('tells the flow switched off, its triggers toggled, labels written as a list, other keys', () => {
    const before = `${FLOW}labels:\n  - key: env\n    value: dev\ntriggers:\n  - id: s\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "@daily"\n`
    const after = `${FLOW}disabled: true\ndescription: now described\nlabels:\n  env: prod\ntriggers:\n  - id: s\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "@daily"\n    disabled: true\n`
    expect(digest(before, after)).toEqual([
      'the flow is now disabled: it no longer runs',
      'trigger s disabled',
      'labels: env: dev → prod',
      'also changed: description'
    ])
  })

  it('is undefined for a text that does not parse, and ignores the revision line', () => {
    expect(digest(FLOW, 'id: [')).toBeUndefined()
    expect(digest(`${FLOW}revision: 3\n`, FLOW)).toEqual(['only comments or formatting changed'])
  })
})

describe('scheduleInWords', () => {
  it("reads Kestra's crons: nicknames, six fields with seconds first, and one it cannot read", () => {
    expect(scheduleInWords({ cron: '@hourly' })).toBe("every hour (the server's timezone)")
    expect(scheduleInWords({ cron: '*/5 * * * * *', withSeconds: true, timezone: 'UTC' })).toBe(
      'every 5 seconds (UTC)'
    )
    expect(scheduleInWords({ cron: '99 * * * *' })).toBe(
      "the cron `99 * * * *`, which cannot be read (the server's timezone)"
    )
  })
})
