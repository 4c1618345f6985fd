/**
 * Markdown as GitHub renders it, for text that comes from flows and files: nothing in a flow can
 * close a code block, break a table or open an HTML tag.
 */

/** For text placed in HTML (`<summary>`), where Markdown is not read. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Code in a table cell: GitHub splits the row at a `|` even inside a code span, unless escaped. */
export function codeCell(text: string): string {
  return code(text.replace(/\r?\n|\r/g, ' ')).replace(/\|/g, '\\|')
}

/** An inline code span that holds any text: its backtick fence is longer than any run inside. */
export function code(text: string): string {
  const fence = '`'.repeat(longestRun(text, '`') + 1)
  const padded = /^`|`$/.test(text) ? ` ${text} ` : text
  return `${fence}${padded}${fence}`
}

/**
 * A fenced code block that no line of `content` can close: flows often carry Markdown (with
 * fences of their own) in their descriptions.
 */
export function codeBlock(content: string, language: string): string {
  const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1))
  return `${fence}${language}\n${content.replace(/\n$/, '')}\n${fence}`
}

/** A collapsed section; `summaryHtml` must already be HTML-safe. */
export function details(summaryHtml: string, body: string): string {
  // The blank lines let GitHub read the body as Markdown.
  return `<details><summary>${summaryHtml}</summary>\n\n${body}\n\n</details>`
}

/**
 * A blockquote alert (`> [!WARNING]`), one quoted line per line of `text`. The text is escaped:
 * server messages echo flow content (`Invalid type: <details>`). Code spans in it show `&lt;` as
 * written, so they must hold no `<`, `>` or `&` (flow names and keys cannot).
 */
export function alert(kind: 'NOTE' | 'WARNING' | 'CAUTION', text: string): string {
  return [
    `> [!${kind}]`,
    ...escapeHtml(text)
      .split('\n')
      .map(line => `> ${line}`)
  ].join('\n')
}

/**
 * The longest run of `character` (one UTF-16 unit) in `text`, found with indexOf: flows run to
 * megabytes.
 */
function longestRun(text: string, character: string): number {
  let longest = 0
  for (let start = text.indexOf(character); start !== -1;) {
    let end = start + 1
    while (text[end] === character) end++
    longest = Math.max(longest, end - start)
    start = text.indexOf(character, end)
  }
  return longest
}
