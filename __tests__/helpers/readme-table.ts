import { readFile, writeFile } from 'node:fs/promises'

/**
 * A README section that tests generate from what the action really does, between
 * `<!-- name:start -->` and `<!-- name:end -->`: returns it for the test to compare with `content`,
 * after writing `content` into it when run with UPDATE_README=1 (then review the diff as you would
 * a snapshot's).
 */
export async function readmeSection(name: string, content: string): Promise<string> {
  const readme = await readFile('README.md', 'utf8')
  const pattern = new RegExp(`(<!-- ${name}:start -->\\n)([\\s\\S]*?)(\\n<!-- ${name}:end -->)`)
  const current = pattern.exec(readme)
  if (!current) throw new Error(`README.md has no <!-- ${name}:start/end --> markers`)
  if (process.env.UPDATE_README === '1') {
    await writeFile(
      'README.md',
      readme.replace(pattern, (_, start, _old, end) => start + content + end)
    )
    return content
  }
  return current[2] as string
}

/** A Markdown table; cells are written as they are, apart from `|` and line breaks (spaces). */
export function markdownTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>
): string {
  const line = (cells: readonly string[]): string =>
    `| ${cells.map(cell => cell.replace(/\|/g, '\\|').replace(/\s*\r?\n\s*/g, ' ')).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

/** Text shown verbatim in a table cell, whatever backticks or Markdown it holds. */
export function codeCell(text: string): string {
  return `\`\` ${text} \`\``
}
