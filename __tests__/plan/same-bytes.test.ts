import { describe, expect, it } from '@jest/globals'
import { sameBytes } from '../../src/plan/plan-files.js'

describe('sameBytes', () => {
  const bytes = (...values: number[]): Uint8Array => new Uint8Array(values)

  it('is true for the same bytes, whatever the arrays behind them', () => {
    expect(sameBytes(bytes(), bytes())).toBe(true)
    expect(sameBytes(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true)
    // Views into larger buffers, as a ZIP entry or a file read gives them.
    const left = bytes(9, 1, 2, 3).subarray(1)
    const right = bytes(1, 2, 3, 9).subarray(0, 3)
    expect(sameBytes(left, right)).toBe(true)
  })

  it('is false for another length or a byte that differs, first or last', () => {
    expect(sameBytes(bytes(1, 2, 3), bytes(1, 2))).toBe(false)
    expect(sameBytes(bytes(0, 2, 3), bytes(1, 2, 3))).toBe(false)
    expect(sameBytes(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false)
    expect(sameBytes(bytes(9, 1, 2, 3).subarray(1), bytes(1, 2, 3, 9))).toBe(false)
  })

  it('compares megabytes', () => {
    const big = new Uint8Array(5 * 1024 * 1024).fill(7)
    const copy = big.slice()
    expect(sameBytes(big, copy)).toBe(true)
    copy[copy.length - 1] = 8
    expect(sameBytes(big, copy)).toBe(false)
  })
})
