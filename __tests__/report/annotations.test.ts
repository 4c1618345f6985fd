import { describe, expect, it } from '@jest/globals'
import { Annotations, type AnnotationSink } from '../../src/report/annotations.js'

function recorder(): AnnotationSink & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    annotate: (level, message, place) =>
      lines.push(`${level}${place ? ` ${place.file}:${place.startLine ?? ''}` : ''} ${message}`),
    info: message => lines.push(`info ${message}`)
  }
}

describe('Annotations', () => {
  it('gives each level its ten, lowest rank first, and logs the rest', () => {
    const annotations = new Annotations()
    for (let i = 0; i < 12; i++) {
      annotations.add(
        'warning',
        `file warning ${i}`,
        { gitPath: `f${i}.yml`, line: i + 1, message: '' },
        1
      )
    }
    annotations.add('warning', 'general warning', undefined, 0)
    annotations.add('error', 'an error')
    const sink = recorder()
    annotations.flush(sink)
    expect(sink.lines).toEqual([
      'error an error',
      'warning general warning',
      ...Array.from({ length: 8 }, (_, i) => `warning f${i}.yml:${i + 1} file warning ${i}`),
      'warning 4 more warning(s), not shown as annotations (GitHub shows 10 per step): see the log of this step.',
      ...Array.from(
        { length: 4 },
        (_, i) => `info warning: f${i + 8}.yml:${i + 9}: file warning ${i + 8}`
      )
    ])
  })

  it('leaves room for the annotations made elsewhere', () => {
    const annotations = new Annotations()
    for (let i = 0; i < 10; i++) annotations.add('error', `e${i}`)
    const sink = recorder()
    annotations.flush(sink, { error: 1 })
    expect(sink.lines.filter(line => line.startsWith('error'))).toHaveLength(9)
    expect(sink.lines.at(8)).toBe(
      'error 2 more error(s), not shown as annotations (GitHub shows 10 per step): see the log of this step.'
    )
  })
})
