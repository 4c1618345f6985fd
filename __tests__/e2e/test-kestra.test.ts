// `npm run test:kestra` where it cannot run: it must say why and exit 0, having run nothing.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { projectRoot } from '../../test-support/run-action.js'

/** Runs a copy of the script in a project folder that has no ../shared beside it. */
async function runWithoutShared(args: string[]): Promise<{ status: number | null; out: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'kestra-sync-noshared-'))
  try {
    await mkdir(path.join(root, 'project', 'scripts'), { recursive: true })
    const script = path.join(root, 'project', 'scripts', 'test-kestra.mjs')
    await copyFile(path.join(projectRoot, 'scripts', 'test-kestra.mjs'), script)
    const run = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' })
    return { status: run.status, out: `${run.stdout}${run.stderr}` }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

describe('npm run test:kestra', () => {
  it('skips, saying which is missing, when ../shared/kestra-server is absent', async () => {
    const run = await runWithoutShared([])
    expect(run.status).toBe(0)
    expect(run.out).toMatch(
      /^test:kestra: skipped — \S+\/shared\/kestra-server\/0\.20\.7\/start\.sh is absent \(\.\.\/shared\/kestra-server is not beside this clone\); nothing was run\.\n$/
    )
    expect(run.out).not.toMatch(/passed/)
  })

  it('refuses a version it does not know', async () => {
    const run = await runWithoutShared(['2.0.0'])
    expect([run.status, run.out]).toEqual([
      2,
      'test:kestra: unknown version 2.0.0; known: 0.20.7, 1.0.3, 1.3.0\n'
    ])
  })
})
