import { describe, expect, it } from '@jest/globals'
import { secretRedactor } from '../../src/report/redact-secrets.js'

describe('secretRedactor', () => {
  const redact = secretRedactor(['p@ss "word"/1', 'tok3n'])

  it('hides each secret as written, URL-encoded and JSON-escaped, every time', () => {
    expect(redact('a p@ss "word"/1 b p@ss "word"/1')).toBe('a *** b ***')
    expect(redact('https://u:p%40ss%20%22word%22%2F1@host')).toBe('https://u:***@host')
    expect(redact('{"message":"p@ss \\"word\\"/1"}')).toBe('{"message":"***"}')
    expect(redact('token tok3n.')).toBe('token ***.')
  })

  it('hides the start of a secret where a message was cut, from four characters on', () => {
    expect(redact('header: p@ss "wo…')).toBe('header: ***…')
    expect(redact('header: p@ss…')).toBe('header: ***…')
    expect(redact('header: p@s…')).toBe('header: p@s…')
    expect(redact('p@ss "wo and more')).toBe('p@ss "wo and more')
  })

  it('leaves texts alone without secrets', () => {
    expect(secretRedactor([])('p@ss')).toBe('p@ss')
    expect(secretRedactor([''])('p@ss')).toBe('p@ss')
  })
})
