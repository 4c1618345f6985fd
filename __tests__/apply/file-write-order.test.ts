import { describe, expect, it } from '@jest/globals'
import { fileWriteSteps } from '../../src/apply/file-write-order.js'
import type { FileChange } from '../../src/plan/changeset.js'

function file(kestraPath: string, onServer: boolean): FileChange {
  return {
    namespace: 'company.team',
    kestraPath,
    syncState: onServer ? 'UPDATED' : 'ADDED',
    gitPath: `_files${kestraPath}`,
    content: new Uint8Array([1]),
    serverContent: onServer ? new Uint8Array([0]) : null
  }
}

const paths = (files: readonly FileChange[]): string[] => files.map(f => f.kestraPath)

describe('the order of namespace file writes', () => {
  it('writes first, one at a time, each file that opens a folder the server lacks', () => {
    const files = [
      file('/a.txt', false),
      file('/b.txt', false),
      file('/d/x.txt', false),
      file('/d/y.txt', false),
      file('/d/e/z.txt', false),
      file('/k/kept.txt', true),
      file('/k/new.txt', false)
    ]
    // The root exists: /k/kept.txt is on the server.
    expect(fileWriteSteps(files, files).map(paths)).toEqual([
      ['/d/x.txt', '/d/e/z.txt'],
      ['/a.txt', '/b.txt', '/d/y.txt', '/k/kept.txt', '/k/new.txt']
    ])
  })

  it('opens the root of an empty namespace with its first file', () => {
    const files = [file('/a.txt', false), file('/b.txt', false), file('/d/x.txt', false)]
    expect(fileWriteSteps(files, files).map(paths)).toEqual([['/a.txt', '/d/x.txt'], ['/b.txt']])
  })

  it('writes everything at once into a namespace whose folders all exist', () => {
    const files = [file('/a.txt', true), file('/d/x.txt', true), file('/d/y.txt', false)]
    expect(fileWriteSteps(files, files).map(paths)).toEqual([
      [],
      ['/a.txt', '/d/x.txt', '/d/y.txt']
    ])
  })
})
