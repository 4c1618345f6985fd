import { describe, expect, it } from '@jest/globals'
import { code, codeBlock } from '../../src/report/markdown.js'

describe('code spans and blocks', () => {
  it('fence a text with a run longer than any run of backticks inside it', () => {
    expect(code('plain')).toBe('`plain`')
    expect(code('a `b` c')).toBe('``a `b` c``')
    expect(code('`x`')).toBe('`` `x` ``')
    expect(code('a ``` b ` c')).toBe('````a ``` b ` c````')
  })

  it('never fence a block with fewer than three backticks, nor with one a line inside can close', () => {
    expect(codeBlock('id: a\n', 'yaml')).toBe('```yaml\nid: a\n```')
    expect(codeBlock('description: |\n  ````md\n  x\n  ````\n', 'yaml')).toBe(
      '`````yaml\ndescription: |\n  ````md\n  x\n  ````\n`````'
    )
    expect(codeBlock('ends with a run ``````', 'text')).toBe(
      '```````text\nends with a run ``````\n```````'
    )
  })

  it('count runs across a text of megabytes and astral characters', () => {
    // Each repeat ends with a backtick, so the last run is 1 + 7 long.
    const text = `${'😀x`'.repeat(200_000)}${'`'.repeat(7)}😀`
    expect(codeBlock(text, 'text').startsWith(`${'`'.repeat(9)}text\n`)).toBe(true)
  })
})
