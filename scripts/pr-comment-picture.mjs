// Regenerates docs/pr-comment.png, the README's picture of the pull request comment: runs the
// bundled action (node dist/index.js) on the example flows, as on a pull_request event whose base
// the server was synced from and then edited in its UI (a Git repository made for it), against
// the Kestra API emulator and the GitHub API stand-in; takes the comment it posted; renders its
// Markdown to HTML with GitHub-like styles (marked, a dev dependency); screenshots it in headless
// Chromium. Not run by the tests. Needs Chromium and an emoji font
// (`apt-get install -y chromium fonts-noto-color-emoji`).
//   node scripts/pr-comment-picture.mjs [--chromium /usr/bin/chromium] [--out docs/pr-comment.png]
//     [--markdown comment.md]   (also writes the comment's Markdown there)
import { spawnSync } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Marked } from 'marked'
import markedAlert from 'marked-alert'
import { startGitHubStandIn } from '../test-support/github-api/index.js'
import { startKestraEmulator } from '../test-support/kestra-emulator/index.js'
import { runAction } from '../test-support/run-action.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const option = (name, fallback) => {
  const index = process.argv.indexOf(name)
  return index === -1 ? fallback : process.argv[index + 1]
}
const chromium = option('--chromium', 'chromium')
const out = path.resolve(root, option('--out', 'docs/pr-comment.png'))
const WIDTH = 900

/** A flow the team keeps in the folder and on the server, which still runs the one deleted. */
const WEEKLY_CLEANUP = `id: weekly_cleanup
namespace: company.team

tasks:
  - id: run_cleanup
    type: io.kestra.plugin.core.flow.Subflow
    namespace: company.team
    flowId: legacy_cleanup
`

/** git in `cwd`, quiet, as a demo user. */
function git(cwd, ...args) {
  const result = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Demo',
      GIT_AUTHOR_EMAIL: 'demo@example.com',
      GIT_COMMITTER_NAME: 'Demo',
      GIT_COMMITTER_EMAIL: 'demo@example.com'
    }
  })
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`)
  return result.stdout.trim()
}

/**
 * The pull request of the picture, in a Git repository: its base is what the server was last
 * synced from (examples/server, plus a flow that runs legacy_cleanup); its head is examples/_flows,
 * which updates hello_world and deletes legacy_cleanup.
 */
async function pullRequestRepository(folder) {
  const workspace = path.join(folder, 'repository')
  const flows = path.join(workspace, '_flows')
  git(folder, 'init', '-q', '-b', 'main', workspace)
  await mkdir(flows, { recursive: true })
  for (const name of ['hello_world.yml', 'legacy_cleanup.yml']) {
    await cp(path.join(root, 'examples', 'server', name), path.join(flows, name))
  }
  await writeFile(path.join(flows, 'weekly_cleanup.yml'), WEEKLY_CLEANUP)
  git(workspace, 'add', '-A')
  git(workspace, 'commit', '-q', '-m', 'base: the last sync')
  const baseSha = git(workspace, 'rev-parse', 'HEAD')
  await rm(path.join(flows, 'legacy_cleanup.yml'))
  await cp(path.join(root, 'examples', '_flows'), flows, { recursive: true })
  git(workspace, 'add', '-A')
  git(workspace, 'commit', '-q', '-m', 'head: the pull request')
  return { workspace, baseSha, headSha: git(workspace, 'rev-parse', 'HEAD') }
}

/** The Markdown body the action posted on the stand-in's pull request. */
async function commentFromARealRun() {
  const credentials = { username: 'demo@kestra.io', password: 'Demo1234' }
  const emulator = await startKestraEmulator({ version: '1.3.21', auth: credentials })
  const github = await startGitHubStandIn()
  const events = await mkdtemp(path.join(tmpdir(), 'pr-comment-event-'))
  try {
    const { workspace, baseSha, headSha } = await pullRequestRepository(events)
    for (const name of await readdir(path.join(root, 'examples', 'server'))) {
      emulator.store.seed(
        'main',
        await readFile(path.join(root, 'examples', 'server', name), 'utf8')
      )
    }
    emulator.store.seed('main', WEEKLY_CLEANUP)
    // Someone edits hello_world in the Kestra UI after the last sync.
    const edited = (
      await readFile(path.join(root, 'examples', 'server', 'hello_world.yml'), 'utf8')
    ).replace('message: "Hello!"', 'message: "Hello from the UI!"')
    emulator.store.append(
      'main',
      { namespace: 'company.team', id: 'hello_world', disabled: false },
      edited
    )
    const eventPath = path.join(events, 'event.json')
    await writeFile(
      eventPath,
      JSON.stringify({
        pull_request: { number: 42, base: { sha: baseSha }, head: { sha: headSha } }
      })
    )
    const run = await runAction({
      inputs: {
        'kestra-url': emulator.url,
        ...credentials,
        'target-namespace': 'company.team',
        environment: 'production',
        'include-child-namespaces': 'true',
        delete: 'true',
        'dry-run': 'true',
        'comment-on-pr': 'true',
        'github-token': github.token,
        'kestra-ui-url': 'https://kestra.example.com'
      },
      workspace,
      env: {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: 'acme/kestra-flows',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_API_URL: github.url,
        GITHUB_RUN_ID: '1234567890',
        GITHUB_SHA: headSha
      }
    })
    const [comment] = github.comments('acme/kestra-flows', 42)
    if (run.exitCode !== 0 || !comment) {
      throw new Error(
        `The action did not post a comment (exit code ${run.exitCode}):\n${run.stdout}`
      )
    }
    return comment.body
  } finally {
    await emulator.close()
    await github.close()
    await rm(events, { recursive: true, force: true })
  }
}

/** The comment as GitHub shows it: a comment box, GitHub's Markdown styles, coloured diffs. */
function page(markdown) {
  const marked = new Marked({ gfm: true }).use(markedAlert())
  marked.use({
    renderer: {
      code({ text, lang }) {
        const escape = value =>
          value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
        if (lang !== 'diff') return `<pre><code>${escape(text)}</code></pre>`
        const lines = text.split('\n').map(line => {
          const kind = /^(\+\+\+|---) /.test(line)
            ? 'meta'
            : line.startsWith('@@')
              ? 'hunk'
              : line.startsWith('+')
                ? 'add'
                : line.startsWith('-')
                  ? 'del'
                  : 'ctx'
          return `<span class="d-${kind}">${escape(line) || ' '}</span>`
        })
        return `<pre class="diff"><code>${lines.join('')}</code></pre>`
      }
    }
  })
  // The reader opens the diffs of the updated flow (base → server, then server → branch), as one
  // would on GitHub.
  const rendered = marked
    .parse(markdown)
    .replace(/<details>(?=<summary>(?:what changed on the server|✏️))/g, '<details open>')
  return `<!doctype html>
<html><head><meta charset="utf-8"><style>${STYLE}</style></head>
<body><div class="timeline">
<div class="avatar">🤖</div>
<div class="comment">
<div class="header"><b>github-actions</b> <span class="bot">bot</span> commented</div>
<div class="markdown-body">${rendered}</div>
</div></div>
<script>document.body.setAttribute('data-height', String(document.documentElement.scrollHeight + 2))</script>
</body></html>`
}

function headless(profile, args) {
  const result = spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${path.join(profile, 'profile')}`,
      ...args
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
  )
  if (result.status !== 0) throw new Error(`${chromium} failed: ${result.stderr}`)
  return result.stdout
}

const STYLE = `
* { box-sizing: border-box; }
body { margin: 0; padding: 16px; background: #fff; color: #1f2328;
  font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji";
  font-size: 14px; line-height: 1.5; }
.timeline { display: flex; gap: 12px; align-items: flex-start; }
.avatar { flex: none; width: 40px; height: 40px; border-radius: 50%; background: #f6f8fa;
  border: 1px solid #d1d9e0; display: flex; align-items: center; justify-content: center; font-size: 22px; }
.comment { flex: 1; border: 1px solid #d1d9e0; border-radius: 6px; overflow: hidden; }
.header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e; }
.header b { color: #1f2328; }
.bot { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 6px; font-size: 12px; }
.markdown-body { padding: 16px; }
.markdown-body > :first-child { margin-top: 0; }
h2 { font-size: 1.5em; font-weight: 600; border-bottom: 1px solid #d1d9e0b3; padding-bottom: .3em; margin: 24px 0 16px; }
h4 { font-size: 1em; margin: 24px 0 16px; }
p, table, pre, details, .markdown-alert { margin: 0 0 16px; }
code { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 85%; background: #818b981f; border-radius: 6px; padding: .2em .4em; }
pre { background: #f6f8fa; border-radius: 6px; padding: 16px; overflow: auto; line-height: 1.45; }
pre code { background: none; padding: 0; font-size: 85%; }
pre.diff code span { display: block; margin: 0 -16px; padding: 0 16px; }
.d-add { background: #dafbe1; color: #116329; }
.d-del { background: #ffebe9; color: #82071e; }
.d-hunk { color: #8250df; }
.d-meta { color: #59636e; font-weight: 600; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
summary { cursor: pointer; }
sub { color: #59636e; }
a { color: #0969da; text-decoration: none; }
.markdown-alert { padding: 8px 16px; border-left: .25em solid #d1d9e0; }
.markdown-alert > :last-child { margin-bottom: 0; }
.markdown-alert-title { display: flex; align-items: center; gap: 8px; font-weight: 500; margin-bottom: 4px; }
.markdown-alert-title svg { fill: currentColor; }
.markdown-alert-warning { border-left-color: #9a6700; }
.markdown-alert-warning .markdown-alert-title { color: #9a6700; }
.markdown-alert-caution { border-left-color: #cf222e; }
.markdown-alert-caution .markdown-alert-title { color: #d1242f; }
`

const body = await commentFromARealRun()
const markdownOut = option('--markdown', undefined)
if (markdownOut) await writeFile(path.resolve(markdownOut), body)
const html = page(body)
const folder = await mkdtemp(path.join(tmpdir(), 'pr-comment-picture-'))
try {
  const file = path.join(folder, 'comment.html')
  await writeFile(file, html)
  // First pass: the page writes its own height into the DOM; second pass: the screenshot.
  const dom = headless(folder, ['--dump-dom', `--window-size=${WIDTH},800`, file])
  const height = Number(/data-height="(\d+)"/.exec(dom)?.[1] ?? 1600)
  headless(folder, [`--screenshot=${out}`, `--window-size=${WIDTH},${height}`, file])
  console.log(`Wrote ${path.relative(root, out)} (${WIDTH}x${height}).`)
} finally {
  await rm(folder, { recursive: true, force: true })
}
