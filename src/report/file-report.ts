import { tookEffect, type FileChange, type KeptFile } from '../plan/changeset.js'
import { sha256Bytes } from '../util/sha256.js'
import { inReportOrder, outcomeSuffix, STATE_ICON, STATE_LABEL } from './change-text.js'
import { alert, code, codeBlock, codeCell, details, escapeHtml } from './markdown.js'
import type { OptionalPart } from './report-layout.js'
import { unifiedDiff } from './unified-diff.js'

// The namespace files in the reports: their own table after the flows', a unified diff (server ->
// repository) per text file changed, size and SHA-256 before and after for a binary one.

/**
 * Beyond this size (in characters), a file's diff or content is not shown, only measured: one
 * large file would otherwise push every other file's details out of the report.
 */
const MAX_DETAIL_LENGTH = 20_000

const KEPT_FILE_REASON: Record<KeptFile['reason'], string> = {
  'delete-disabled': "kept because 'delete' is false",
  'protected-namespace': "kept because the namespace is in 'protected-namespaces'"
}

/**
 * The files' parts of a report, to give up for room after the flows' lists: the table of changed
 * files (with counts of the others) last to go, their diffs before it.
 */
export function fileReportParts(
  files: readonly FileChange[] | undefined,
  kept: readonly KeptFile[] = []
): OptionalPart[] {
  if (!files) return []
  const changed = inReportOrder(files.filter(file => file.syncState !== 'UNCHANGED'))
  const unchanged = files.length - changed.length
  const table =
    changed.length === 0
      ? []
      : [
          '| | Namespace file | File | Size |',
          '| --- | --- | --- | --- |',
          ...changed.map(
            file =>
              `| ${STATE_LABEL[file.syncState]}${outcomeSuffix(file)} | ${codeCell(file.kestraPath)} | ${file.gitPath ? codeCell(file.gitPath) : '—'} | ${sizeChange(file)} |`
          )
        ]
  const others = [
    ...(unchanged > 0 ? [`${unchanged} namespace file(s) unchanged.`] : []),
    ...kept.map(
      file => `- ${code(file.kestraPath)}: only on the server, ${KEPT_FILE_REASON[file.reason]}`
    )
  ]
  const namespace = files[0]?.namespace ?? kept[0]?.namespace
  const summary = [
    namespace === undefined ? '#### Namespace files' : `#### Namespace files of ${code(namespace)}`,
    ...(changed.length === 0 && kept.length === 0 ? ['No namespace file to change.'] : []),
    ...(table.length > 0 ? [table.join('\n')] : []),
    ...(others.length > 0 ? [others.join('\n')] : [])
  ]
  const fileDetails = changed.flatMap(file => {
    const text = fileDetail(file)
    return text === undefined ? [] : [text]
  })
  return [
    { text: summary.join('\n\n'), name: 'the table of namespace files', rank: 6 },
    ...(fileDetails.length > 0
      ? [{ text: fileDetails.join('\n\n'), name: 'the diffs of the namespace files', rank: 5 }]
      : [])
  ]
}

/** Beyond this many, files to delete are counted in the alert rather than named. */
const MAX_DELETIONS_NAMED = 10

/** The alert over every report of a plan that deletes namespace files. */
export function fileDeletionAlert(
  files: readonly FileChange[] | undefined,
  dryRun: boolean
): string[] {
  const deletions = (files ?? []).filter(file => file.syncState === 'DELETED' && tookEffect(file))
  if (deletions.length === 0) return []
  const named = deletions.slice(0, MAX_DELETIONS_NAMED).map(file => code(file.kestraPath))
  const more = deletions.length - named.length
  return [
    alert(
      'WARNING',
      `**${deletions.length} namespace file(s) ${dryRun ? 'would be' : 'were'} deleted** from ${code(deletions[0]?.namespace ?? '')}: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`
    )
  ]
}

/** `1,204 B → 1,310 B`, or the one size there is. */
function sizeChange(file: FileChange): string {
  const size = (bytes: Uint8Array): string => `${bytes.byteLength.toLocaleString('en')} B`
  if (file.serverContent && file.content && file.syncState === 'UPDATED') {
    return `${size(file.serverContent)} → ${size(file.content)}`
  }
  const bytes = file.content ?? file.serverContent
  return bytes ? size(bytes) : ''
}

/** The diff of an updated text file, the content of an added one, the digests of a binary one. */
function fileDetail(file: FileChange): string | undefined {
  const before = file.serverContent
  const after = file.content
  if (file.syncState === 'DELETED' || after === null) return undefined
  const place = `${STATE_ICON[file.syncState]} ${file.syncState} <code>${escapeHtml(file.kestraPath)}</code>`
  const afterText = asText(after)
  const beforeText = before === null ? null : asText(before)
  const digests = (): string =>
    [
      ...(before ? [`- server: ${digestLine(before)}`] : []),
      `- repository: ${digestLine(after)}`
    ].join('\n')
  if (afterText === undefined || beforeText === undefined) {
    return details(`${place} · binary`, digests())
  }
  if (beforeText === null) {
    const lines = afterText === '' ? 0 : afterText.replace(/\n$/, '').split('\n').length
    return details(
      `${place} · new, ${lines} line(s)`,
      shown(afterText, '', `${after.byteLength.toLocaleString('en')} bytes`)
    )
  }
  const diff = unifiedDiff(beforeText, afterText, {
    before: `server: ${file.namespace}:${file.kestraPath}`,
    after: `repository: ${file.gitPath ?? file.kestraPath}`
  })
  // The texts are equal once line endings are read as LF: the bytes differ in line endings only.
  if (!diff) {
    return details(
      `${place} · line endings only`,
      `The text is the same; only its line endings differ.\n\n${digests()}`
    )
  }
  return details(
    `${place} · +${diff.added} −${diff.removed}`,
    shown(diff.text, 'diff', `${diff.added + diff.removed} line(s) changed`)
  )
}

/** A code block, or for one too long to show, a line that says how long it is. */
function shown(text: string, language: string, measure: string): string {
  if (text.length > MAX_DETAIL_LENGTH) {
    return `Too long to show here (${measure}); see the file in the repository.`
  }
  return codeBlock(text, language)
}

function digestLine(bytes: Uint8Array): string {
  return `${bytes.byteLength.toLocaleString('en')} bytes, SHA-256 ${code(sha256Bytes(bytes))}`
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** The text of the bytes; undefined for a binary file (a NUL byte, or not UTF-8). */
export function asText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined
  try {
    return UTF8.decode(bytes)
  } catch {
    return undefined
  }
}

/** The files as plain text for the job log, one aligned line per file; none when not synced. */
export function renderFileLogLines(
  files: readonly FileChange[] | undefined,
  kept: readonly KeptFile[] = []
): string[] {
  if (!files) return []
  const rows = [
    ...inReportOrder(files).map(file => [
      file.syncState + outcomeSuffix(file),
      file.kestraPath,
      file.gitPath ?? '-'
    ]),
    ...kept.map(file => ['KEPT', file.kestraPath, KEPT_FILE_REASON[file.reason]])
  ]
  if (rows.length === 0) return ['No namespace file to sync.']
  const header = ['STATE', 'NAMESPACE FILE', 'FILE']
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map(row => (row[column] as string).length))
  )
  return [header, ...rows].map(row =>
    row
      .map((value, column) => value.padEnd(widths[column] as number))
      .join('  ')
      .trimEnd()
  )
}
