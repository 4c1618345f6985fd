import { describe, expect, it } from '@jest/globals'
import * as path from 'node:path'
import { isInsideFolder } from '../../src/util/inside-folder.js'

const root = path.resolve('/work/repo')

describe('isInsideFolder', () => {
  it.each([['.'], ['_flows'], ['..flows'], ['...'], ['a/..b/c']])('%p is inside', relative => {
    expect(isInsideFolder(root, path.resolve(root, relative))).toBe(true)
  })

  it.each([['..'], ['../other'], ['../../etc'], ['/etc']])('%p is outside', relative => {
    expect(isInsideFolder(root, path.resolve(root, relative))).toBe(false)
  })
})
