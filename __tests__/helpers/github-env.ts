import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'

export const REPOSITORY = 'acme/flows'
export const RUN_URL = 'https://github.com/acme/flows/actions/runs/4242'

/** The variables the runner sets for a run, with the event's payload written to a file. */
export async function runnerEnv(
  apiUrl: string,
  event: { name: 'pull_request'; number: number; headSha: string } | { name: 'push'; sha: string }
): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const folder = await mkdtemp(path.join(tmpdir(), 'kestra-sync-event-'))
  const eventPath = path.join(folder, 'event.json')
  const payload =
    event.name === 'pull_request'
      ? {
          action: 'synchronize',
          number: event.number,
          pull_request: { number: event.number, head: { sha: event.headSha } }
        }
      : { ref: 'refs/heads/main', after: event.sha }
  await writeFile(eventPath, JSON.stringify(payload))
  return {
    env: {
      GITHUB_EVENT_NAME: event.name,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: apiUrl,
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      // For a pull request, GITHUB_SHA is the merge commit GitHub made, not the head.
      GITHUB_SHA: event.name === 'push' ? event.sha : 'f'.repeat(40)
    },
    cleanup: () => rm(folder, { recursive: true, force: true })
  }
}
