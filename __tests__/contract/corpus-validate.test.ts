// Kestra's own test flows (../shared/corpus), valid and invalid, through `/flows/validate` of a real
// server and of the emulator playing its version: the same verdict for each, but where the emulator
// is known to differ. A differential test, so it runs only against a real server (npm run
// test:kestra); against the emulator it would compare the emulator with itself.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdir, readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { describeOnlyIf, describeWithShared, kestraTestFlows } from '../helpers/skip.js'
import { contractTargets, openTarget, type Target } from './target.js'

const corpus = kestraTestFlows

/**
 * Where the emulator knowingly says otherwise: it has no plugin registry (task types, task
 * properties, runnable tasks) and compiles no Java regex; before 0.23 Jackson adds a reference
 * chain to a nested duplicate key that it does not reproduce.
 */
function knownDifference(file: string, target: Target): boolean {
  const pluginLevel = [
    'inputs-bad-validator-syntax.yaml',
    'invalid-property.yaml',
    'invalid-task.yaml',
    'workingdirectory-invalid.yaml'
  ]
  return pluginLevel.includes(file) || (file === 'duplicate-key.yaml' && !target.atLeast('0.23'))
}

/**
 * A verdict as a set: the prefix, then its lines in order (violations come in a HashSet's order).
 * 1.3 drops the `:` of a class-level violation (`: Invalid Flow…`) only when it comes first, so
 * that `:` is not compared either.
 */
function verdict(constraints: string | undefined): string {
  if (constraints === undefined) return '(valid)'
  const prefix =
    /^(?:Validation error: |jakarta\.validation\.ConstraintViolationException: )?/.exec(
      constraints
    )?.[0] ?? ''
  const lines = constraints.slice(prefix.length).split('\n')
  return `${prefix}${lines
    .map(line => line.replace(/^:? (?=Invalid Flow)/, ''))
    .sort()
    .join(' | ')}`
}

const serverTargets = contractTargets().filter(spec => spec.serverUrl !== undefined)

describeWithShared(corpus)("the emulator's verdicts on Kestra's test flows", () => {
  describeOnlyIf(
    serverTargets.length > 0,
    'it compares a real server with the emulator: run by npm run test:kestra'
  )("are the real server's", () => {
    // jest refuses an empty table, even in a skipped suite.
    describe.each(serverTargets.length > 0 ? serverTargets : contractTargets())('$label', spec => {
      let server: Target
      let emulator: Target
      beforeAll(async () => {
        server = await openTarget(spec)
        emulator = await openTarget({ version: spec.version, label: 'emulator' })
      })
      afterAll(async () => {
        await server.close()
        await emulator.close()
      })

      it.each(['valids', 'invalids'])('%s: each flow, alone', async folder => {
        const files = (await readdir(path.join(corpus, folder))).sort()
        const differing: string[] = []
        let compared = 0
        for (const file of files) {
          const body = await readFile(path.join(corpus, folder, file), 'utf8')
          const [fromServer] = (await server.call('POST', '/flows/validate', { body })).json
          // A test plugin's flow is refused by the server only: no registry on the emulator side.
          if (
            knownDifference(file, server) ||
            /Invalid type: io\.kestra\.core\.(tasks|runners)\.test\./.test(
              fromServer.constraints ?? ''
            )
          )
            continue
          const [fromEmulator] = (await emulator.call('POST', '/flows/validate', { body })).json
          compared++
          if (verdict(fromServer.constraints) !== verdict(fromEmulator.constraints)) {
            differing.push(
              `${file}\n  server:   ${verdict(fromServer.constraints)}\n  emulator: ${verdict(fromEmulator.constraints)}`
            )
          }
        }
        expect(differing).toEqual([])
        expect(compared).toBeGreaterThan(folder === 'valids' ? 160 : 15)
      })
    })
  })
})
