import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import type { FileChange } from '../../src/plan/changeset.js'
import { asText, fileReportParts } from '../../src/report/file-report.js'
import { renderReport } from '../../src/report/plan-report.js'
import type { ReportSink } from '../../src/report/report-layout.js'
import type { SyncReport } from '../../src/report/sync-report.js'

const text = (value: string): Uint8Array => new TextEncoder().encode(value)

function updated(kestraPath: string, before: Uint8Array, after: Uint8Array): FileChange {
  return {
    namespace: 'company.team',
    kestraPath,
    syncState: 'UPDATED',
    gitPath: `_files${kestraPath}`,
    content: after,
    serverContent: before
  }
}

function reportOf(files: FileChange[]): SyncReport {
  return {
    server: { version: '1.3.21', edition: 'OSS', tenantInPath: true },
    dryRun: true,
    changeset: { changes: [], kept: [], files, keptFiles: [] },
    planId: 'ab'.repeat(32),
    skippedFiles: [],
    invalidSkipped: [],
    notices: []
  }
}

const context = { targetNamespace: 'company.team', tenant: 'main', environment: '' }

describe('namespace files in the report', () => {
  it('tells binary from text: a NUL byte, or bytes that are not UTF-8', () => {
    expect([
      asText(text('héllo\r\n')),
      asText(new Uint8Array([0x61, 0])),
      asText(new Uint8Array([0xc3, 0x28]))
    ]).toEqual(['héllo\r\n', undefined, undefined])
  })

  it('gives a binary file its size and SHA-256 before and after, never its bytes', () => {
    const before = new Uint8Array([0, 1, 2])
    const after = new Uint8Array([0, 1, 2, 3])
    const [, diffs] = fileReportParts([updated('/logo.png', before, after)])
    const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')
    expect(diffs?.text).toContain(`- server: 3 bytes, SHA-256 \`${sha(before)}\``)
    expect(diffs?.text).toContain(`- repository: 4 bytes, SHA-256 \`${sha(after)}\``)
    expect(diffs?.text).not.toContain('```diff')
  })

  it('says when only the line endings differ, and counts the lines of a new file', () => {
    const [, crlf] = fileReportParts([updated('/a.txt', text('a\r\nb\r\n'), text('a\nb\n'))])
    expect(crlf?.text).toContain('✏️ UPDATED <code>/a.txt</code> · line endings only')
    const added: FileChange = {
      ...updated('/new.txt', text(''), text('one\ntwo\n')),
      syncState: 'ADDED',
      serverContent: null
    }
    const [, fresh] = fileReportParts([added])
    expect(fresh?.text).toContain('➕ ADDED <code>/new.txt</code> · new, 2 line(s)')
    expect(fresh?.text).toContain('one\ntwo')
  })

  it('holds the size limit: the diffs go first, then the table, and the note says so', () => {
    const files = Array.from({ length: 40 }, (_, index) =>
      updated(
        `/sql/q${index}.sql`,
        text(Array.from({ length: 200 }, (_, line) => `select ${line};`).join('\n')),
        text(Array.from({ length: 200 }, (_, line) => `select ${line + 1};`).join('\n'))
      )
    )
    const sink = (limit: number): ReportSink => ({
      limit,
      measure: (value: string) => value.length,
      limitName: 'a test limit',
      elsewhere: 'the log'
    })
    const whole = renderReport(reportOf(files), context, sink(10_000_000))
    expect(whole).toContain('select 200;')

    const noDiffs = renderReport(reportOf(files), context, sink(8_000))
    expect(noDiffs.length).toBeLessThanOrEqual(8_000)
    expect(noDiffs).toContain('| ✏️ UPDATED | `/sql/q39.sql` |')
    expect(noDiffs).not.toContain('select 200;')
    expect(noDiffs).toContain('the diffs of the namespace files')

    const noTable = renderReport(reportOf(files), context, sink(2_500))
    expect(noTable.length).toBeLessThanOrEqual(2_500)
    expect(noTable).not.toContain('`/sql/q39.sql`')
    expect(noTable).toContain('the table of namespace files')
  })
})
