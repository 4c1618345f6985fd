import { lineOfPath } from './yaml-path.js'

/**
 * The top-level lists whose items Kestra's validation lets through when they are not mappings: a
 * write then refuses the flow (from 0.23), or 0.20 stores the item as null and its executor fails
 * on it. Checked here, such an item stops the sync before anything is written.
 */
const ITEM_LISTS = { tasks: 'task', triggers: 'trigger' } as const

/** The first item of `tasks` or `triggers` that is not a mapping, and its line; else undefined. */
export function nonMappingListItem(
  document: Record<string, unknown>,
  text: string
): { line?: number; message: string } | undefined {
  for (const [section, noun] of Object.entries(ITEM_LISTS)) {
    const list = document[section]
    if (!Array.isArray(list)) continue
    const index = list.findIndex(item => !isMapping(item))
    if (index === -1) continue
    const path = `${section}[${index}]`
    return {
      line: lineOfPath(text, path),
      message: `\`${path}\` is ${describeValue(list[index])}, not a ${noun}: each item of \`${section}\` is a mapping such as \`- id: ${noun === 'task' ? 'hello' : 'daily'}\` with its \`type\` below it (Kestra's validation lets it pass, but the write is refused).`
    }
  }
  return undefined
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describeValue(value: unknown): string {
  if (value === null || value === '') return 'empty'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`
  return `the ${typeof value} ${String(value)}`
}
