import { describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import { readFile } from 'node:fs/promises'
import { load } from 'js-yaml'
import { inputsFrom } from '../../src/github/action-inputs.js'

const declared = Object.keys(
  (
    load(await readFile(new URL('../../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, unknown>
    }
  ).inputs
)

describe('inputsFrom', () => {
  it("reads every input of action.yml as @actions/core's getInput does, untrimmed", () => {
    const environment: NodeJS.ProcessEnv = {}
    declared.forEach((name, index) => {
      environment[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = `  value ${index}\n`
    })
    const saved = { ...process.env }
    try {
      Object.assign(process.env, environment)
      for (const name of declared) {
        expect(inputsFrom(environment)(name)).toBe(core.getInput(name, { trimWhitespace: false }))
      }
    } finally {
      for (const key of Object.keys(environment)) delete process.env[key]
      Object.assign(process.env, saved)
    }
    expect(inputsFrom(environment)('kestra-url')).toBe(environment['INPUT_KESTRA-URL'])
  })

  it('upper-cases the name, spaces as underscores, hyphens kept; an unset input is empty', () => {
    const read = inputsFrom({ 'INPUT_TARGET-NAMESPACE': 'company', INPUT_A_B: 'x' })
    expect(read('target-namespace')).toBe('company')
    expect(read('a b')).toBe('x')
    expect(read('tenant')).toBe('')
  })
})
