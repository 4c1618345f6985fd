import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import type { LocalFlow } from '../../src/flow/local-flow.js'
import { readFlowFile } from '../../src/local/read-flow-file.js'

const folder = mkdtempSync(path.join(tmpdir(), 'read-flow-file-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const read = (text: string, mode: 'always' | 'unless-scanned'): LocalFlow => {
  const file = path.join(folder, 'flow.yml')
  writeFileSync(file, text)
  const result = readFlowFile('_flows/flow.yml', file, 'company.team', mode)
  if (!('flow' in result)) throw new Error(result.problem.message)
  return result.flow
}

describe('readFlowFile: whether the namespace line was added', () => {
  it.each(['always', 'unless-scanned'] as const)(
    'says so only when the rewrite added a line (%s)',
    mode => {
      const tasks =
        'tasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n'
      const without = read(`id: hello\n${tasks}`, mode)
      expect(without.source).toBe(`id: hello\nnamespace: company.team\n${tasks}`)
      expect(without.namespaceLineAdded).toBe(true)
      // Server messages then name the file's line: one less below the id.
      const other = read(`id: hello\nnamespace: elsewhere\n${tasks}`, mode)
      expect(other.source).toBe(`id: hello\nnamespace: company.team\n${tasks}`)
      expect(other.namespaceLineAdded).toBeUndefined()
      const same = read(`id: hello\nnamespace: company.team\n${tasks}`, mode)
      expect(same.namespaceLineAdded).toBeUndefined()
    }
  )
})
