// The action run against a contract target: against a real server, the bundle (dist/index.js) as
// the GitHub runner starts it; against the emulator, the same code in this process (npm test runs
// each scenario on three versions of it, and the end-to-end suites keep the bundle's own checks).
import { runAction, type ActionRun } from '../../test-support/run-action.js'
import { runActionHere } from '../helpers/run-in-process.js'
import { runnerCommands, type RunnerCommand } from '../helpers/runner-commands.js'
import { credentials, type Target } from './target.js'

export interface TargetRun extends ActionRun {
  /** The `::error` annotations. */
  errors: RunnerCommand[]
}

/** One run on `workspace` with the target's URL and credentials, and `inputs` besides. */
export async function runOnTarget(
  target: Target,
  workspace: string,
  inputs: Record<string, string>
): Promise<TargetRun> {
  const run = await (target.kind === 'server' ? runAction : runActionHere)({
    inputs: {
      'kestra-url': target.url,
      username: credentials.username,
      password: credentials.password,
      ...inputs
    },
    workspace,
    timeoutMs: 120_000
  })
  return { ...run, errors: runnerCommands(run.stdout).filter(command => command.name === 'error') }
}

/** The latest revision of each flow of exactly `namespace` on the target, `id:revision` sorted. */
export async function revisionsIn(target: Target, namespace: string): Promise<string[]> {
  const reply = await target.call('GET', `/flows/search?size=10000&namespace=${namespace}`)
  const results = reply.json.results as Array<{ namespace: string; id: string; revision: number }>
  return results
    .filter(flow => flow.namespace === namespace)
    .map(flow => `${flow.id}:${flow.revision}`)
    .sort()
}
