import { describe, expect, it } from '@jest/globals'
import { normalizeSource } from '../../src/flow/normalize-source.js'

describe('normalizeSource', () => {
  it('strips a BOM and outer whitespace', () => {
    expect(normalizeSource('\uFEFF\n  id: a\nnamespace: b\n\n')).toBe('id: a\nnamespace: b')
  })

  it('turns CRLF and lone CR into LF', () => {
    expect(normalizeSource('id: a\r\nnamespace: b\rtasks: []\r\n')).toBe(
      'id: a\nnamespace: b\ntasks: []'
    )
  })

  it('drops the first top-level revision line with its line break', () => {
    expect(normalizeSource('id: a\nnamespace: b\nrevision: 3\ntasks: []\n')).toBe(
      'id: a\nnamespace: b\ntasks: []'
    )
    expect(normalizeSource('id: a\r\nrevision: 12   \r\nnamespace: b')).toBe('id: a\nnamespace: b')
    expect(normalizeSource('id: a\nrevision: 3')).toBe('id: a')
    expect(normalizeSource('revision:7\nid: a')).toBe('id: a')
  })

  it('drops only the first revision line', () => {
    expect(normalizeSource('revision: 1\nid: a\nrevision: 2\n')).toBe('id: a\nrevision: 2')
  })

  it('keeps nested or empty revision keys', () => {
    const nested = 'id: a\ntasks:\n  - id: t\n    revision: 3'
    expect(normalizeSource(nested)).toBe(nested)
    expect(normalizeSource('id: a\nrevision:\n  x: 1')).toBe('id: a\nrevision:\n  x: 1')
    expect(normalizeSource('id: a\nrevisions: 3')).toBe('id: a\nrevisions: 3')
  })

  it('makes a server source and a local file equal when they differ only by those', () => {
    const local = '\uFEFFid: a\r\nnamespace: b\r\ntasks: []\r\n'
    const server = 'id: a\nnamespace: b\nrevision: 4\ntasks: []'
    expect(normalizeSource(server)).toBe(normalizeSource(local))
  })

  it('keeps differences that create a revision: comments, inner whitespace, key order', () => {
    const base = normalizeSource('id: a\nnamespace: b\n')
    expect(normalizeSource('id: a # c\nnamespace: b\n')).not.toBe(base)
    expect(normalizeSource('id:  a\nnamespace: b\n')).not.toBe(base)
    expect(normalizeSource('namespace: b\nid: a\n')).not.toBe(base)
  })
})
