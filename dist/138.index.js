export const id = 138;
export const ids = [138];
export const modules = {

/***/ 5138:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runAction: () => (/* binding */ runAction)
});

// EXTERNAL MODULE: ./src/action-interface.ts
var action_interface = __webpack_require__(5647);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/github/github-port.ts
/** A refused or failed call; `status` is the HTTP status (0 when GitHub was not reached). */
class GitHubApiError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'GitHubApiError';
    }
}

;// CONCATENATED MODULE: ./src/github/octokit-port.ts

/**
 * The port over Octokit. Its base URL comes from `GITHUB_API_URL` (GitHub Enterprise, or a test's
 * stand-in), as @actions/github reads it.
 */
function octokitPort(token) {
    // Loaded at the first call, from a file of its own in the bundle: most runs never call GitHub,
    // and Node would otherwise read Octokit's code (its REST endpoint table) at every start.
    let loaded;
    const client = () => (loaded ??= __webpack_require__.e(/* import() */ 157).then(__webpack_require__.bind(__webpack_require__, 157)).then(github => github.getOctokit(token)));
    return {
        listComments: issue => call('list the comments', async () => {
            const octokit = await client();
            return (await octokit.paginate(octokit.rest.issues.listComments, {
                owner: issue.owner,
                repo: issue.repo,
                issue_number: issue.number,
                per_page: 100
            })).map(toComment);
        }),
        createComment: (issue, body) => call('create a comment', async () => toComment((await (await client()).rest.issues.createComment({
            owner: issue.owner,
            repo: issue.repo,
            issue_number: issue.number,
            body
        })).data)),
        updateComment: (repository, commentId, body) => call('update a comment', async () => toComment((await (await client()).rest.issues.updateComment({
            owner: repository.owner,
            repo: repository.repo,
            comment_id: commentId,
            body
        })).data)),
        pullRequestsOfCommit: (repository, sha) => call('list the pull requests of a commit', async () => {
            const octokit = await client();
            return (await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
                owner: repository.owner,
                repo: repository.repo,
                commit_sha: sha,
                per_page: 100
            })).map(pull => pull.number);
        })
    };
}
function toComment(comment) {
    return {
        id: comment.id,
        body: comment.body ?? '',
        ...(comment.html_url ? { url: comment.html_url } : {}),
        ...(comment.user
            ? { author: { login: comment.user.login, type: comment.user.type ?? '' } }
            : {})
    };
}
/** Octokit's errors carry a status; GitHub's message says what is missing (a permission...). */
async function call(what, work) {
    try {
        return await work();
    }
    catch (error) {
        const status = typeof error.status === 'number'
            ? error.status
            : 0;
        const message = error instanceof Error ? error.message : String(error);
        throw new GitHubApiError(status > 0
            ? `GitHub answered ${status} when asked to ${what}: ${message}`
            : `GitHub could not be reached to ${what}: ${message}`, status);
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/util/sha256.ts

/** SHA-256 of the UTF-8 text, in hex. */
function sha256(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex');
}
/** SHA-256 of the bytes, in hex. */
function sha256Bytes(bytes) {
    return (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
}

;// CONCATENATED MODULE: ./src/github/plan-comment.ts

/**
 * The hidden first line that finds the comment again. It names the namespace, tenant and
 * environment, and the server by a hash only: the comment is not masked as the log is, and the
 * URL may be a secret. The environment is URI-encoded: one word, never `-->`.
 */
function commentMarker(key) {
    const server = sha256(key.kestraUrl).slice(0, 12);
    const environment = key.environment ? ` environment=${encodeURIComponent(key.environment)}` : '';
    return `<!-- kestra-sync-flows plan: namespace=${key.targetNamespace} tenant=${key.tenant} server=${server}${environment} -->`;
}
const STATE_PREFIX = '<!-- kestra-sync-flows state: ';
/** The state keeps a prefix of each source digest: enough to tell two sources apart. */
const DIGEST_CHARS = 16;
/** Past this, the state keeps the plan id only: the flows would crowd out the plan itself. */
const MAX_STATE_CHARS = 16_000;
const STATE_CODE = { ADDED: 'A', UPDATED: 'U', DELETED: 'D', UNCHANGED: 'N' };
/**
 * The state as a hidden line: every flow while they fit, else the flows to change, else the plan
 * id alone. Flow keys and hex digests cannot hold `-->`.
 */
function encodeState(state) {
    const line = (content) => `${STATE_PREFIX}${JSON.stringify(content)} -->`;
    const encode = (flows) => flows.map(flow => [
        STATE_CODE[flow.syncState],
        flow.namespace,
        flow.id,
        flow.revision,
        flow.sourceDigest?.slice(0, DIGEST_CHARS) ?? null
    ]);
    const { planId, flows } = state;
    if (!flows)
        return line({ planId });
    const every = line({ planId, flows: encode(flows), unchanged: true });
    if (every.length <= MAX_STATE_CHARS)
        return every;
    const changes = line({
        planId,
        flows: encode(flows.filter(flow => flow.syncState !== 'UNCHANGED'))
    });
    return changes.length <= MAX_STATE_CHARS ? changes : line({ planId });
}
/**
 * The state of a comment's body, read from the line right after the marker only: a state quoted
 * further down (a reply, an edit) is not the comment's. Undefined when it has none or it cannot
 * be read.
 */
function decodeState(body) {
    const line = body.split(/\r?\n/, 2)[1] ?? '';
    if (!line.startsWith(STATE_PREFIX) || !line.endsWith(' -->'))
        return undefined;
    try {
        const parsed = JSON.parse(line.slice(STATE_PREFIX.length, -' -->'.length));
        if (typeof parsed.planId !== 'string')
            return undefined;
        const flows = Array.isArray(parsed.flows) ? parsed.flows.map(toPlannedFlow) : undefined;
        return {
            planId: parsed.planId,
            ...(flows && flows.every(flow => flow !== undefined)
                ? { flows: flows, withUnchanged: parsed.unchanged === true }
                : {})
        };
    }
    catch {
        return undefined;
    }
}
function toPlannedFlow(entry) {
    if (!Array.isArray(entry))
        return undefined;
    const [code, namespace, id, revision, digest] = entry;
    const syncState = Object.keys(STATE_CODE).find(state => STATE_CODE[state] === code);
    if (!syncState || typeof namespace !== 'string' || typeof id !== 'string')
        return undefined;
    if (revision !== null && typeof revision !== 'number')
        return undefined;
    if (digest !== null && typeof digest !== 'string')
        return undefined;
    return { syncState, namespace, id, revision, sourceDigest: digest };
}
/**
 * Creates the sync's comment on the pull request, or updates it in place: it is the oldest comment
 * whose first line is the marker (written by a bot if any is), looked for in every page of the
 * conversation.
 */
async function publishComment(github, pullRequest, marker, body) {
    const existing = await findComment(github, pullRequest, marker);
    if (!existing) {
        return { outcome: 'created', comment: await github.createComment(pullRequest, body) };
    }
    if (existing.body === body)
        return { outcome: 'unchanged', comment: existing };
    return {
        outcome: 'updated',
        comment: await github.updateComment(pullRequest, existing.id, body)
    };
}
/**
 * The plan the sync's comment holds, on the pull request of the event or else on those the
 * commit belongs to (an apply on push, after the merge); with `planId`, only that plan.
 */
async function findReviewedPlan(github, where, marker, planId) {
    const numbers = where.pullRequest
        ? [where.pullRequest.number]
        : where.sha
            ? await github.pullRequestsOfCommit(where.repository, where.sha)
            : [];
    for (const number of numbers) {
        const comment = await findComment(github, { ...where.repository, number }, marker);
        const state = comment && decodeState(comment.body);
        if (state && (planId === undefined || state.planId === planId)) {
            return { pullRequest: number, state };
        }
    }
    return undefined;
}
/**
 * The oldest comment whose first line is the marker; a bot's first, since a person may paste one.
 * An edit in GitHub's page turns the line endings into CRLF.
 */
async function findComment(github, issue, marker) {
    const marked = (await github.listComments(issue)).filter(comment => comment.body.startsWith(marker) && /^\r?\n/.test(comment.body.slice(marker.length)));
    return marked.find(comment => comment.author?.type === 'Bot') ?? marked[0];
}

;// CONCATENATED MODULE: ./src/github/report-comment.ts


/** GitHub refuses a comment body longer than this ("Body is too long (maximum is 65536 characters)"). */
const COMMENT_LIMIT = 65_536;
/** Room left for the masking of secrets, which may lengthen the text a little. */
const COMMENT_MARGIN = 200;
/**
 * Posts the report as the sync's comment on the pull request, rendered to fit GitHub's limit
 * with the hidden lines. A refusal (a fork's read-only token) is one warning: the comment is a
 * convenience, and the step summary has the whole report.
 */
async function postReportComment(target, render) {
    const preamble = [target.marker, ...(target.state ? [encodeState(target.state)] : [])].join('\n');
    const markdown = render({
        limit: COMMENT_LIMIT - preamble.length - 1 - COMMENT_MARGIN,
        measure: text => text.length,
        limitName: "GitHub's limit of 65,536 characters for a comment",
        elsewhere: target.runUrl
            ? `the step summary of the [workflow run](${target.runUrl})`
            : 'the step summary of the workflow run'
    });
    const body = `${preamble}\n${target.redact(markdown)}`;
    const number = target.pullRequest.number;
    try {
        const { outcome, comment } = await publishComment(target.github, target.pullRequest, target.marker, body);
        target.log.info(`Plan comment ${outcome} on pull request #${number}${comment.url ? `: ${comment.url}` : ''}.`);
    }
    catch (error) {
        const readOnly = error instanceof GitHubApiError && [401, 403, 404].includes(error.status);
        target.log.warning(`Could not comment on pull request #${number}: ${error instanceof Error ? error.message : String(error)}. ${readOnly
            ? "The token is read-only on pull requests from forks (and Dependabot's), or the job lacks 'permissions: pull-requests: write'. "
            : ''}The step summary has the whole report.`);
    }
}

;// CONCATENATED MODULE: ./src/github/reviewed-plan.ts



/**
 * Resolves 'expected-plan-id'. For `pull-request`, the id is the one in the sync's plan comment
 * (`marker`) on the event's pull request, or on the pull request that merged the pushed commit;
 * without it, nothing may be written, so the run fails here.
 */
async function expectedPlan(expected, github, run, marker, log) {
    const where = run.repository && { ...run, repository: run.repository };
    const reviewedFlows = async (planId) => {
        if (!github || !where)
            return undefined;
        try {
            return reviewedPlanOf((await findReviewedPlan(github, where, marker, planId))?.state);
        }
        catch (error) {
            log.info(`The reviewed plan could not be read from the pull request: ${(0,errors/* errorMessage */.gJ)(error)}`);
            return undefined;
        }
    };
    if (expected !== action_interface/* EXPECTED_FROM_PULL_REQUEST */.mH)
        return { planId: expected, reviewedFlows };
    const refuse = (why) => {
        throw new errors/* UserFacingError */.Ui(`'${action_interface/* Input */.pd.ExpectedPlanId}' is '${action_interface/* EXPECTED_FROM_PULL_REQUEST */.mH}', but ${why}. Nothing was written.`);
    };
    if (!github)
        return refuse(`'${action_interface/* Input */.pd.GithubToken}' is empty, so the plan comment cannot be read`);
    if (!where || (!run.pullRequest && !run.sha)) {
        return refuse('this run names no repository, pull request or commit to look the plan up by');
    }
    let found;
    try {
        found = await findReviewedPlan(github, where, marker);
    }
    catch (error) {
        return refuse(`the plan comment could not be read: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    if (!found) {
        return refuse(`no plan comment of this sync was found on ${run.pullRequest ? `pull request #${run.pullRequest.number}` : `a pull request of commit ${run.sha?.slice(0, 12)} (pushed without one?)`}; plan on the pull request with '${action_interface/* Input */.pd.CommentOnPr}: true' first`);
    }
    log.info(`Expected plan ${found.state.planId}, from the plan comment of pull request #${found.pullRequest}.`);
    const reviewed = reviewedPlanOf(found.state);
    return { planId: found.state.planId, reviewedFlows: async () => reviewed };
}
function reviewedPlanOf(state) {
    return state?.flows && { flows: state.flows, withUnchanged: state.withUnchanged === true };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/github/run-context.ts

/**
 * Reads the run from the variables the runner sets (GITHUB_EVENT_NAME, GITHUB_REPOSITORY,
 * GITHUB_SERVER_URL, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT, GITHUB_SHA) and the event's payload.
 */
function readRunContext(env, payload) {
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    const repository = owner && repo ? { owner, repo } : undefined;
    const event = payload;
    const pull = event?.pull_request;
    const number = typeof pull?.number === 'number' ? pull.number : undefined;
    const baseSha = commitSha(pull ? pull.base?.sha : event?.before);
    const headSha = commitSha(pull ? pull.head?.sha : env.GITHUB_SHA);
    const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
    const attempt = env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1'
        ? `/attempts/${env.GITHUB_RUN_ATTEMPT}`
        : '';
    const sha = env.GITHUB_SHA;
    return {
        eventName: env.GITHUB_EVENT_NAME ?? '',
        ...(repository ? { repository } : {}),
        ...(repository && number !== undefined ? { pullRequest: { ...repository, number } } : {}),
        ...(sha ? { sha } : {}),
        ...(baseSha ? { baseSha } : {}),
        ...(headSha ? { headSha } : {}),
        ...(repository ? { repositoryUrl: `${server}/${repository.owner}/${repository.repo}` } : {}),
        ...(repository && env.GITHUB_RUN_ID
            ? {
                runUrl: `${server}/${repository.owner}/${repository.repo}/actions/runs/${env.GITHUB_RUN_ID}${attempt}`
            }
            : {})
    };
}
/** A commit id; the zeros of a push that created its branch name none. */
function commitSha(value) {
    return typeof value === 'string' && /^[0-9a-f]{40,64}$/i.test(value) && !/^0+$/.test(value)
        ? value
        : undefined;
}
/** The run of this process: its environment and the event payload at GITHUB_EVENT_PATH. */
function currentRunContext() {
    let payload = {};
    const eventPath = process.env.GITHUB_EVENT_PATH;
    if (eventPath) {
        try {
            payload = JSON.parse((0,external_node_fs_.readFileSync)(eventPath, 'utf8'));
        }
        catch {
            // No readable event: the run is then known by its variables alone.
        }
    }
    return readRunContext(process.env, payload);
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 9 modules
var core = __webpack_require__(4317);
;// CONCATENATED MODULE: ./src/report/annotations.ts

/** "GitHub Actions are limited to 10 warning annotations and 10 error annotations per step." */
const MAX_ANNOTATIONS_PER_LEVEL = 10;
/**
 * Collects the run's annotations, then gives GitHub the ones it shows: per level, at most ten,
 * the lowest rank first, the tenth saying how many more the log holds. The others are still
 * written to the log, as plain lines.
 */
class Annotations {
    items = [];
    add(level, message, problem, rank = 0) {
        this.items.push({ level, message, ...(problem ? { problem } : {}), rank });
    }
    /** `reserved`: annotations of a level made elsewhere (`setFailed` makes one error). */
    flush(sink, reserved = {}) {
        for (const level of ['error', 'warning']) {
            const items = this.items
                .map((item, index) => ({ item, index }))
                .filter(({ item }) => item.level === level)
                .sort((a, b) => a.item.rank - b.item.rank || a.index - b.index)
                .map(({ item }) => item);
            const room = Math.max(0, MAX_ANNOTATIONS_PER_LEVEL - (reserved[level] ?? 0));
            const shown = items.length <= room ? items : items.slice(0, Math.max(0, room - 1));
            for (const item of shown) {
                sink.annotate(level, item.message, place(item.problem));
            }
            const rest = items.slice(shown.length);
            if (rest.length === 0)
                continue;
            if (room > 0) {
                sink.annotate(level, `${rest.length} more ${level}(s), not shown as annotations (GitHub shows ${MAX_ANNOTATIONS_PER_LEVEL} per step): see the log of this step.`);
            }
            for (const item of rest) {
                const at = item.problem && (0,errors/* problemPlace */.NT)(item.problem);
                sink.info(`${level}: ${at ? `${at}: ` : ''}${item.message}`);
            }
        }
        this.items.length = 0;
    }
}
function place(problem) {
    if (!problem?.gitPath)
        return undefined;
    return { file: problem.gitPath, ...(problem.line ? { startLine: problem.line } : {}) };
}

;// CONCATENATED MODULE: ./src/report/redact-secrets.ts
/** The shortest piece of a secret worth hiding where a message was cut. */
const MIN_CUT_PREFIX = 4;
/**
 * A server or a proxy can echo the credentials in an error body, a page title or a redirect, and
 * the runner masks them in the log only (a masked value even makes it drop an output). So every
 * text the action writes goes through this: each secret becomes `***`, as written, URL-encoded or
 * JSON-escaped, and so does the start of one where a long message was cut (`…`).
 */
function secretRedactor(secrets) {
    const forms = [
        ...new Set(secrets
            .filter(secret => secret !== '')
            .flatMap(secret => [
            secret,
            encodeURIComponent(secret),
            JSON.stringify(secret).slice(1, -1)
        ]))
    ].sort((a, b) => b.length - a.length);
    if (forms.length === 0)
        return text => text;
    const prefixes = forms.flatMap(form => Array.from({ length: form.length - MIN_CUT_PREFIX }, (_, index) => form.slice(0, form.length - 1 - index)));
    const whole = new RegExp(forms.map(escapeRegExp).join('|'), 'g');
    const cut = prefixes.length > 0
        ? new RegExp(`(?:${prefixes
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|')})(?=…)`, 'g')
        : undefined;
    return text => {
        const redacted = text.replace(whole, '***');
        return cut ? redacted.replace(cut, '***') : redacted;
    };
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

;// CONCATENATED MODULE: ./src/github/runner-output.ts




/**
 * Writes through @actions/core with `secrets` masked for the runner and taken out of every text,
 * since a server may echo them where the runner does not mask (outputs, summary, comment).
 * Warnings and the files behind a failure are annotations, ranked and given to GitHub at `flush`:
 * the general warnings first, then those about files.
 */
function runnerOutput(secrets) {
    for (const secret of secrets)
        core.setSecret(secret);
    const redact = secretRedactor(secrets);
    const annotations = new Annotations();
    let failures = 0;
    const warn = (message, problem) => annotations.add('warning', redact(message), problem, problem ? 1 : 0);
    return {
        log: {
            group: (title, work) => core.group(redact(title), work),
            info: message => core.info(redact(message)),
            notice: message => core.notice(redact(message)),
            warning: warn
        },
        setOutput: (name, value) => core.setOutput(name, redact(value)),
        fail(message, problems) {
            core.setFailed(redact(message));
            failures++;
            for (const problem of problems)
                annotations.add('error', redact(problem.message), problem);
        },
        warn: message => warn(message),
        // The summary is a convenience: failing to write it must not hide the real outcome.
        async writeSummary(markdown) {
            if (!process.env.GITHUB_STEP_SUMMARY)
                return;
            try {
                await core.summary.addRaw(redact(markdown), true).write();
            }
            catch (error) {
                warn(`Could not write the step summary: ${(0,errors/* errorMessage */.gJ)(error)}`);
            }
        },
        redact,
        flush() {
            // Each setFailed made an error annotation of its own.
            annotations.flush({
                annotate: (level, message, place) => core[level](message, place ?? {}),
                info: message => core.info(message)
            }, { error: failures });
        }
    };
}

// EXTERNAL MODULE: ./src/kestra/credentials.ts
var credentials = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/kestra/http-transport.ts + 1 modules
var http_transport = __webpack_require__(3);
;// CONCATENATED MODULE: ./src/util/compare.ts
/** Code-point order: the same on every machine, unlike localeCompare. */
function compareStrings(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/flow/flow-key.ts

/** One string per flow identity, for maps and sets. */
function flowKeyString(key) {
    return `${key.namespace}/${key.id}`;
}
/** The name users know a flow by, as Kestra's UI writes it: `namespace.id`. */
function flowName(key) {
    return `${key.namespace}.${key.id}`;
}
/** By namespace, then id: `prod.a` after `prod` whatever the ids. */
function compareFlowKeys(a, b) {
    return compareStrings(a.namespace, b.namespace) || compareStrings(a.id, b.id);
}

// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(3243);
;// CONCATENATED MODULE: ./src/flow/unclosed-quote.ts

/**
 * What js-yaml says when a quoted value runs on past the line its author meant it to end on: it
 * reads the next lines as more of the value, and fails further down, where they are not indented
 * as a value's continuation, or at the end of the file.
 */
const RUNAWAY_QUOTE = /^(?:deficient indentation|unexpected end of the (?:stream|document) within a (?:double|single) quoted scalar)$/;
const OPEN_AT_END = /^unexpected end of the stream within a (double|single) quoted scalar$/;
/** How far back the start of a quoted value is looked for; past it, the error is left as it is. */
const MAX_LINES_BACK = 200;
/**
 * The line where a quote that is never closed opens, when the parser's error is the symptom of
 * one; undefined otherwise. The parser itself tells: the text up to the line before the failure
 * ends inside a quoted value, and going back line by line, the first line whose text no longer
 * does is the line before the one where that value starts.
 */
function findUnclosedQuote(source, error) {
    if (!error.mark || !RUNAWAY_QUOTE.test(error.reason))
        return undefined;
    const lineEnds = [];
    for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) {
        lineEnds.push(index);
    }
    lineEnds.push(source.length);
    // 0-based: the whole text when it ends inside the value, else up to the line before the failure.
    const last = OPEN_AT_END.test(error.reason) ? lineEnds.length - 1 : error.mark.line - 1;
    let found;
    for (let line = last; line >= 0; line--) {
        if (line <= last - MAX_LINES_BACK)
            return undefined;
        const quote = quoteOpenAtEnd(source.slice(0, lineEnds[line]));
        if (!quote)
            return found;
        found = { line: line + 1, quote };
    }
    return found;
}
/** The quote of the quoted value that `text` ends inside, if it ends inside one. */
function quoteOpenAtEnd(text) {
    try {
        (0,js_yaml/* parseEvents */.PH)(text, {});
        return undefined;
    }
    catch (error) {
        const kind = error instanceof js_yaml/* YAMLException */.tB ? OPEN_AT_END.exec(error.reason)?.[1] : undefined;
        return kind === 'double' ? '"' : kind === 'single' ? "'" : undefined;
    }
}

;// CONCATENATED MODULE: ./src/flow/yaml-events.ts
/** Reading js-yaml's events of a YAML text: nodes, their lines and spans. Pure: no I/O. */

function stripBom(text) {
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
/** The scalar keys of the root mapping (events[1]) and the first event of each value. */
function rootEntries(events, source) {
    const entries = new Map();
    let index = 2;
    while (events[index].type !== js_yaml/* EVENT_ID */.hy.POP) {
        const key = events[index];
        const valueIndex = nodeEnd(events, index);
        if (key.type === js_yaml/* EVENT_ID */.hy.SCALAR) {
            entries.set((0,js_yaml/* getScalarValue */.KE)(source, key), { key, value: events[valueIndex] });
        }
        index = nodeEnd(events, valueIndex);
    }
    return entries;
}
/** The index just after the node that starts at `index`, skipping its children. */
function nodeEnd(events, index) {
    let depth = 0;
    let next = index;
    do {
        const type = events[next].type;
        if (type === js_yaml/* EVENT_ID */.hy.MAPPING || type === js_yaml/* EVENT_ID */.hy.SEQUENCE)
            depth++;
        else if (type === js_yaml/* EVENT_ID */.hy.POP)
            depth--;
        next++;
    } while (depth > 0);
    return next;
}
function isEmptyNode(event) {
    return event?.type === js_yaml/* EVENT_ID */.hy.SCALAR && event.valueStart === -1 && event.tagStart === -1;
}
/** A plain or quoted scalar: what a namespace can be replaced in, and what an id is written as. */
function isInlineScalar(event) {
    return (event.type === js_yaml/* EVENT_ID */.hy.SCALAR &&
        event.style !== js_yaml/* SCALAR_STYLE */.jK.LITERAL_BLOCK &&
        event.style !== js_yaml/* SCALAR_STYLE */.jK.FOLDED_BLOCK);
}
function describeNode(event) {
    if (event.type === js_yaml/* EVENT_ID */.hy.MAPPING)
        return 'a mapping';
    if (event.type === js_yaml/* EVENT_ID */.hy.SEQUENCE)
        return 'a list';
    if (event.type === js_yaml/* EVENT_ID */.hy.ALIAS)
        return 'an alias';
    return isInlineScalar(event) ? 'a single value' : 'a block scalar (`|` or `>`)';
}
function valueSpan(source, key, value) {
    if (value.valueStart !== -1)
        return { start: value.valueStart, end: value.valueEnd };
    const afterColon = source.indexOf(':', key.valueEnd) + 1;
    return { start: afterColon, end: afterColon };
}
/** The 1-based line of the first node from `index` on that has a position, if any. */
function lineOfFirstNode(source, events, index) {
    for (const event of events.slice(index)) {
        const offset = event.type === js_yaml/* EVENT_ID */.hy.SCALAR
            ? event.valueStart
            : event.type === js_yaml/* EVENT_ID */.hy.MAPPING || event.type === js_yaml/* EVENT_ID */.hy.SEQUENCE
                ? event.start
                : -1;
        if (offset !== -1)
            return lineAt(source, offset);
    }
    return undefined;
}
/** 1-based line of `offset`; CRLF, LF and a lone CR each end a line, as in YAML. */
function lineAt(source, offset) {
    let line = 1;
    for (let index = 0; index < offset; index++) {
        const code = source.charCodeAt(index);
        if (code === 0x0a || (code === 0x0d && source.charCodeAt(index + 1) !== 0x0a))
            line++;
    }
    return line;
}
/** The source offset of the first mapping or sequence that stands as a key, under `index`. */
function findCollectionKey(events, index) {
    const node = events[index];
    if (node.type !== js_yaml/* EVENT_ID */.hy.MAPPING && node.type !== js_yaml/* EVENT_ID */.hy.SEQUENCE)
        return undefined;
    const isMapping = node.type === js_yaml/* EVENT_ID */.hy.MAPPING;
    for (let child = index + 1, position = 0; events[child].type !== js_yaml/* EVENT_ID */.hy.POP; position++) {
        const event = events[child];
        const isKey = isMapping && position % 2 === 0;
        if (isKey && (event.type === js_yaml/* EVENT_ID */.hy.MAPPING || event.type === js_yaml/* EVENT_ID */.hy.SEQUENCE))
            return event.start;
        const nested = findCollectionKey(events, child);
        if (nested !== undefined)
            return nested;
        child = nodeEnd(events, child);
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/flow/flow-source.ts
/**
 * The identity of a flow's YAML text, read from its top-level `id` and `namespace` keys, and the
 * parse errors written for the user. Pure: no I/O.
 */



/** Why a text cannot be a flow; the message is written for the user and shown as is. */
class FlowSourceError extends Error {
    line;
    constructor(message, 
    /** 1-based line of the problem, when known. */
    line) {
        super(message);
        this.line = line;
        this.name = 'FlowSourceError';
    }
}
/** Reads the top-level `id` and `namespace` of a flow (see `readFlowSource`). */
function parseFlowSource(text) {
    return readFlowSource(text).parsed;
}
/**
 * Reads a flow's text (without its BOM). The whole text is parsed, so that a syntax error or a
 * duplicate key anywhere is reported here rather than by the server.
 */
function readFlowSource(text) {
    const source = stripBom(text);
    const events = parseYamlEvents(source);
    // A loop rather than flatMap: no array per event, for the hundreds of events of each file.
    const documentStarts = [];
    events.forEach((event, index) => {
        if (event.type === js_yaml/* EVENT_ID */.hy.DOCUMENT)
            documentStarts.push(index);
    });
    if (documentStarts.length > 1) {
        throw new FlowSourceError(`The file holds ${documentStarts.length} YAML documents separated by \`---\`; a flow file must hold exactly one flow (Kestra would split it into several).`, lineOfFirstNode(source, events, documentStarts[1]));
    }
    if (documentStarts.length === 0 || isEmptyNode(events[1])) {
        throw new FlowSourceError('The file is empty or holds only comments; a flow needs at least `id`, `namespace` and `tasks`.');
    }
    const document = constructDocument(events, source);
    const root = events[1];
    if (root.type !== js_yaml/* EVENT_ID */.hy.MAPPING) {
        throw new FlowSourceError(`The top level of a flow must be a mapping of keys such as \`id:\`, \`namespace:\` and \`tasks:\`, not ${describeNode(root)}.`, lineOfFirstNode(source, events, 0));
    }
    const entries = rootEntries(events, source);
    const idEntry = entries.get('id');
    if (!idEntry)
        throw new FlowSourceError('The flow has no top-level `id`; add one, such as `id: hello-world`.');
    const idLine = lineAt(source, idEntry.key.valueStart);
    if (!isInlineScalar(idEntry.value)) {
        throw new FlowSourceError(`The top-level \`id\` must be a one-line value such as \`id: hello-world\`, not ${describeNode(idEntry.value)}.`, idLine);
    }
    if (document.id === null)
        throw new FlowSourceError('The top-level `id` has no value.', idLine);
    const parsed = {
        id: (0,js_yaml/* getScalarValue */.KE)(source, idEntry.value),
        idPlain: idEntry.value.style === js_yaml/* SCALAR_STYLE */.jK.PLAIN && idEntry.value.tagStart === -1,
        idLine
    };
    const namespaceEntry = entries.get('namespace');
    let namespaceValue;
    if (namespaceEntry) {
        const namespaceLine = lineAt(source, namespaceEntry.key.valueStart);
        if (!isInlineScalar(namespaceEntry.value)) {
            throw new FlowSourceError(`The top-level \`namespace\` must be a one-line value such as \`namespace: company.team\` (it is replaced by the target namespace), not ${describeNode(namespaceEntry.value)}.`, namespaceLine);
        }
        const span = valueSpan(source, namespaceEntry.key, namespaceEntry.value);
        namespaceValue = { event: namespaceEntry.value, span };
        parsed.namespace = (0,js_yaml/* getScalarValue */.KE)(source, namespaceEntry.value);
        parsed.namespaceLine = namespaceLine;
        parsed.namespaceSpan = { ...span };
    }
    return {
        source,
        parsed,
        document,
        idKey: idEntry.key,
        idValue: idEntry.value,
        namespaceValue,
        rootIsFlowStyle: root.style === js_yaml/* COLLECTION_STYLE */.Rl.FLOW
    };
}
function parseYamlEvents(source) {
    try {
        return (0,js_yaml/* parseEvents */.PH)(source, {});
    }
    catch (error) {
        const unclosed = error instanceof js_yaml/* YAMLException */.tB ? findUnclosedQuote(source, error) : undefined;
        if (unclosed) {
            throw new FlowSourceError(`Invalid YAML: the quoted value that starts with ${unclosed.quote} on this line is never closed; add the closing ${unclosed.quote}.`, unclosed.line);
        }
        throw asFlowSourceError(error);
    }
}
/** Builds the values, which is where duplicate keys, unknown tags and bad aliases are found. */
function constructDocument(events, source) {
    try {
        return (0,js_yaml/* constructFromEvents */.fw)(events, { source })[0];
    }
    catch (error) {
        const collectionKey = findCollectionKey(events, 1);
        if (collectionKey !== undefined) {
            // Almost always an unquoted Pebble expression: `message: {{ x }}` is a mapping in YAML.
            throw new FlowSourceError('Invalid YAML: a mapping or list is used as a key. A value starting with `{{` must be quoted, e.g. `message: "{{ inputs.name }}"`.', lineAt(source, collectionKey));
        }
        throw asFlowSourceError(error, source);
    }
}
function asFlowSourceError(error, source) {
    if (!(error instanceof js_yaml/* YAMLException */.tB))
        return error;
    const line = error.mark ? error.mark.line + 1 : undefined;
    const key = error.reason === 'duplicated mapping key' && error.mark && source !== undefined
        ? duplicatedKey(source, error.mark.position)
        : undefined;
    if (key !== undefined) {
        return new FlowSourceError(`Invalid YAML: the key '${key}' is written twice in the same mapping; keep one.`, line);
    }
    // `reason` rather than `message`: the message repeats the source around the error.
    return new FlowSourceError(`Invalid YAML: ${error.reason}.`, line);
}
/** The key written at `offset`, where the parser reports a duplicate; undefined if unclear. */
function duplicatedKey(source, offset) {
    const key = /^([^\s"':,{}[\]][^\n"':,{}[\]]{0,79}?)["']?[ \t]*:(?=[\s,}]|$)/.exec(source.slice(offset, offset + 100))?.[1];
    return key?.trimEnd();
}

;// CONCATENATED MODULE: ./src/flow/flow-texts.ts

/** Identifies a text by parsing it. */
const identifyByParsing = text => {
    const parsed = parseFlowSource(text);
    return {
        source: text,
        key: parsed.namespace ? { namespace: parsed.namespace, id: parsed.id } : undefined
    };
};
/**
 * Identifies texts by the run's local flows first: the server's export gives each unchanged flow
 * back as the very text the sync compares it with, which then needs no second parse. Made for one
 * run from its flows, and holding nothing else, it keeps nothing between runs.
 */
function identifyByLocalFlows(flows) {
    const known = new Map(flows.map(flow => [flow.source, flow]));
    return text => {
        const flow = known.get(text);
        if (!flow)
            return identifyByParsing(text);
        return { source: flow.source, key: { namespace: flow.namespace, id: flow.id } };
    };
}

// EXTERNAL MODULE: ./src/flow/yaml11.ts
var yaml11 = __webpack_require__(6947);
;// CONCATENATED MODULE: ./src/flow/plain-scalar.ts


/**
 * Answers of `readsAsString`, by text. Asked for each flow, of the few namespaces of a run; a
 * YAML parse each time would cost more than the rest of the rewrite. The answers depend on the
 * text alone, so what is kept never changes a result; beyond the bound it starts again.
 */
const answers = new Map();
const MAX_ANSWERS = 1000;
const LOWER_CASE_WORD = /^[a-z][a-z0-9._-]*$/;
/** Whether `text`, written plain (unquoted), reads back as that very string in YAML. */
function readsAsPlainString(text) {
    // A word with a lower-case letter first, as namespaces are: YAML 1.2 reads none as other than
    // a string but null, true and false; YAML 1.1 (Kestra's reader) adds yes, no, on, off.
    if (LOWER_CASE_WORD.test(text)) {
        return text !== 'true' && text !== 'false' && (0,yaml11/* kestraScalarText */.m)(text) === text;
    }
    let plain = answers.get(text);
    if (plain === undefined) {
        plain = readsAsString(text);
        if (answers.size >= MAX_ANSWERS)
            answers.clear();
        answers.set(text, plain);
    }
    return plain;
}
/** Plain only when both readers agree: this one (YAML 1.2) and Kestra's (YAML 1.1, `012` is 10). */
function readsAsString(text) {
    try {
        return (0,js_yaml/* load */.Hh)(text) === text && (0,yaml11/* kestraScalarText */.m)(text) === text;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/flow/normalize-source.ts


/** The first top-level `revision: N` line; the server ignores it when deciding whether a flow changed. */
const REVISION_LINE = /^revision:[ \t]*\S.*(?:\n|$)/m;
/** The first line that starts with the `namespace:` key, at column 0: the top-level key. */
const NAMESPACE_LINE = /^namespace:.*$/m;
/** One value on that line, plain or quoted, and perhaps a comment after it. */
const NAMESPACE_VALUE = /^namespace:[ \t]+(?:"([^"\\\n]*)"|'([^'\n]*)'|([^\s"'#]\S*))(?:[ \t]+#.*)?[ \t]*$/;
/**
 * The text two flow sources are compared by, as SyncFlows v4 does: a flow is UNCHANGED when the
 * normalized server source equals the normalized local one. Drops a BOM, turns CRLF and CR into
 * LF, removes the first top-level `revision:` line and trims.
 */
function normalizeSource(source) {
    return stripBom(source).replace(/\r\n?/g, '\n').replace(REVISION_LINE, '').trim();
}
/**
 * Whether the server's source and the local one are the same flow in `namespace`: equal once
 * normalized, or equal but for how their top-level `namespace:` line writes that same namespace
 * (quotes, spacing, a comment). SyncFlows writes that line as `namespace: <namespace>` whatever
 * the file says, and this sync keeps the file's quotes and comment: a server that SyncFlows
 * filled is then not rewritten for the form of one line. Any other difference is a change.
 */
function sameFlowSource(server, local, namespace) {
    const serverText = normalizeSource(server);
    const localText = normalizeSource(local);
    if (serverText === localText)
        return true;
    const serverCanonical = withCanonicalNamespaceLine(serverText, namespace);
    return (serverCanonical !== undefined &&
        serverCanonical === withCanonicalNamespaceLine(localText, namespace));
}
/**
 * `text` with its top-level namespace line written `namespace: <namespace>`, when that line gives
 * exactly this namespace as text; undefined otherwise. A column-0 `namespace:` line is a key of
 * the root mapping: YAML allows no value's content at column 0 under a root key.
 */
function withCanonicalNamespaceLine(text, namespace) {
    const line = NAMESPACE_LINE.exec(text);
    const value = line && NAMESPACE_VALUE.exec(line[0]);
    if (!line || !value)
        return undefined;
    const [, doubleQuoted, singleQuoted, plain] = value;
    const written = doubleQuoted ?? singleQuoted ?? plain;
    // Plain `1.50` is a number, not the text '1.50': not the same document as `"1.50"`.
    if (written !== namespace || (plain !== undefined && !readsAsPlainString(namespace))) {
        return undefined;
    }
    return `${text.slice(0, line.index)}namespace: ${namespace}${text.slice(line.index + line[0].length)}`;
}

// EXTERNAL MODULE: ./src/kestra/api-call.ts
var api_call = __webpack_require__(5215);
// EXTERNAL MODULE: ./src/kestra/api-error.ts
var api_error = __webpack_require__(1509);
// EXTERNAL MODULE: ./node_modules/fflate/esm/index.mjs
var esm = __webpack_require__(1306);
;// CONCATENATED MODULE: ./src/flow/namespace-scope.ts
/** Dot-aware: `prod.a` is a child of `prod`, `prodx` is not. */
function isInScope(namespace, scope) {
    if (namespace === scope.namespace)
        return true;
    return scope.includeChildren && namespace.startsWith(`${scope.namespace}.`);
}
/** The scope in a message's words: `namespace prod and its children`. */
function describeScope(scope) {
    return scope.includeChildren
        ? `namespace ${scope.namespace} and its children`
        : `namespace ${scope.namespace}`;
}

;// CONCATENATED MODULE: ./src/util/map-concurrent.ts
/**
 * Maps `items` through `work` with at most `limit` calls in flight, keeping the input order.
 * When `shouldStop` turns true (e.g. after a failure), no further item is started; the items not
 * started get `undefined`.
 */
async function mapConcurrent(items, limit, work, shouldStop = () => false) {
    const results = new Array(items.length).fill(undefined);
    let next = 0;
    const worker = async () => {
        while (next < items.length && !shouldStop()) {
            const index = next++;
            results[index] = await work(items[index], index);
        }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
    await Promise.all(workers);
    return results;
}

;// CONCATENATED MODULE: ./src/kestra/search-page.ts
const FLOW_FIELDS = new Set(['namespace', 'id', 'revision', 'deleted']);
/**
 * A page of `GET flows/search`, read from its raw bytes. Each flow comes with its whole model
 * (tasks, triggers, inputs...): 10,000 flows are some 12 MB of JSON that `JSON.parse` would turn
 * into 35 to 80 MB of objects at once (scripts/bench/search-page.mjs), when the sync needs four
 * fields of each. The whole text is checked as `JSON.parse` checks it, so the page read is the one
 * `JSON.parse` gives. Undefined when the body is not a JSON object, or is nested too deep to check
 * here, so that the caller hands it to `JSON.parse` (which then reports it).
 */
function readSearchPage(body) {
    try {
        const scanner = new JsonScanner(body);
        const page = {};
        scanner.object(key => {
            if (key === 'results' && scanner.peek() === LEFT_BRACKET)
                page.results = flows(scanner);
            else if (key === 'total')
                page.total = scanner.scalar();
            else {
                // A later key wins, as with JSON.parse.
                if (key === 'results')
                    delete page.results;
                scanner.skipValue();
            }
        });
        scanner.end();
        return page;
    }
    catch (error) {
        // RangeError: nesting deeper than the call stack, which JSON.parse reads without recursion.
        if (error instanceof MalformedJson || error instanceof RangeError)
            return undefined;
        throw error;
    }
}
function flows(scanner) {
    const found = [];
    scanner.array(() => {
        const flow = {};
        if (scanner.peek() === LEFT_BRACE) {
            scanner.object(key => {
                if (FLOW_FIELDS.has(key))
                    flow[key] = scanner.scalar();
                else
                    scanner.skipValue();
            });
        }
        else
            scanner.skipValue();
        found.push(flow);
    });
    return found;
}
class MalformedJson extends Error {
}
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LEFT_BRACE = 0x7b;
const RIGHT_BRACE = 0x7d;
const LEFT_BRACKET = 0x5b;
const RIGHT_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_U = 0x75;
/** `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` (`\u` is read apart). */
const SINGLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);
/** `true`, `false` and `null`, by their first byte. */
const LITERALS = new Map(['true', 'false', 'null'].map(word => [word.charCodeAt(0), word]));
const isSpace = (byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
const isDigit = (byte) => byte !== undefined && byte >= ZERO && byte <= NINE;
const isHexDigit = (byte) => isDigit(byte) ||
    (byte !== undefined && ((byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)));
/**
 * Walks JSON text, building only the values asked for and checking the others as it steps over
 * them (RFC 8259, as `JSON.parse`): any text `JSON.parse` refuses throws MalformedJson.
 */
class JsonScanner {
    position = 0;
    text;
    skipItem = () => this.skipValue();
    constructor(bytes) {
        this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    /** The next byte after blank space, without taking it. */
    peek() {
        while (isSpace(this.text[this.position]))
            this.position++;
        return this.text[this.position];
    }
    /**
     * Calls `onEntry` with each key, positioned on its value, which it must take. Without
     * `onEntry`, steps over the entries without building their keys.
     */
    object(onEntry) {
        this.take(LEFT_BRACE);
        if (this.peek() === RIGHT_BRACE) {
            this.position++;
            return;
        }
        do {
            if (this.peek() !== QUOTE)
                throw new MalformedJson();
            if (onEntry) {
                const key = this.string();
                this.take(COLON);
                onEntry(key);
            }
            else {
                this.skipString();
                this.take(COLON);
                this.skipValue();
            }
        } while (this.next(RIGHT_BRACE));
    }
    /** Calls `onItem` positioned on each item, which it must take. */
    array(onItem) {
        this.take(LEFT_BRACKET);
        if (this.peek() === RIGHT_BRACKET) {
            this.position++;
            return;
        }
        do
            onItem();
        while (this.next(RIGHT_BRACKET));
    }
    /** A string, number, boolean or null; an object or a list is stepped over and gives undefined. */
    scalar() {
        const first = this.peek();
        if (first === QUOTE)
            return this.string();
        if (first === LEFT_BRACE || first === LEFT_BRACKET) {
            this.skipValue();
            return undefined;
        }
        const start = this.position;
        this.skipLiteral();
        return JSON.parse(this.text.toString('latin1', start, this.position));
    }
    skipValue() {
        const first = this.peek();
        if (first === QUOTE)
            this.skipString();
        else if (first === LEFT_BRACE)
            this.object();
        else if (first === LEFT_BRACKET)
            this.array(this.skipItem);
        else
            this.skipLiteral();
    }
    /** Only blank space may follow the value. */
    end() {
        if (this.peek() !== undefined)
            throw new MalformedJson();
    }
    string() {
        const start = this.position;
        const escaped = this.skipString();
        const end = this.position;
        // Escapes are rare in ids and namespaces: JSON.parse decodes them when there are any.
        return escaped
            ? JSON.parse(this.text.toString('utf8', start, end))
            : this.text.toString('utf8', start + 1, end - 1);
    }
    /** Steps over a string, checking its escapes; true when it has any. */
    skipString() {
        const text = this.text;
        let index = this.position + 1;
        let escaped = false;
        for (;;) {
            const byte = text[index];
            // Control characters must be escaped inside a string; undefined: the text ends in it.
            if (byte === undefined || byte < 0x20)
                throw new MalformedJson();
            if (byte === QUOTE)
                break;
            if (byte === BACKSLASH) {
                escaped = true;
                const next = text[index + 1];
                if (next === LOWER_U) {
                    for (let digit = index + 2; digit < index + 6; digit++)
                        if (!isHexDigit(text[digit]))
                            throw new MalformedJson();
                    index += 6;
                }
                else if (next !== undefined && SINGLE_ESCAPES.has(next))
                    index += 2;
                else
                    throw new MalformedJson();
            }
            else
                index++;
        }
        this.position = index + 1;
        return escaped;
    }
    /** `true`, `false`, `null` or a number, as JSON writes them. */
    skipLiteral() {
        const text = this.text;
        const literal = LITERALS.get(text[this.position]);
        if (literal) {
            for (let offset = 1; offset < literal.length; offset++)
                if (text[this.position + offset] !== literal.charCodeAt(offset))
                    throw new MalformedJson();
            this.position += literal.length;
            return;
        }
        let index = this.position;
        if (text[index] === MINUS)
            index++;
        if (text[index] === ZERO)
            index++;
        else
            index = this.digits(index);
        if (text[index] === DOT)
            index = this.digits(index + 1);
        if (text[index] === 0x65 || text[index] === 0x45) {
            index++;
            if (text[index] === PLUS || text[index] === MINUS)
                index++;
            index = this.digits(index);
        }
        this.position = index;
    }
    /** The index after one digit or more from `index`. */
    digits(index) {
        if (!isDigit(this.text[index]))
            throw new MalformedJson();
        let after = index + 1;
        while (isDigit(this.text[after]))
            after++;
        return after;
    }
    take(byte) {
        if (this.peek() !== byte)
            throw new MalformedJson();
        this.position++;
    }
    /** After an entry or item: true on a comma, false on `closing`. */
    next(closing) {
        const byte = this.peek();
        this.position++;
        if (byte === COMMA)
            return true;
        if (byte === closing)
            return false;
        throw new MalformedJson();
    }
}

;// CONCATENATED MODULE: ./src/kestra/list-flows.ts







/** Answers meaning "no such export here" rather than a failure of the server. */
const EXPORT_UNAVAILABLE = [400, 404, 405, 406, 415, 501];
/**
 * Search results come in pages; one large page keeps the request count flat as flows grow, up to
 * 10,000 flows in scope (Kestra sets no maximum).
 */
const SEARCH_PAGE_SIZE = 10000;
/**
 * From this size a search page is scanned for the four fields the sync reads (search-page.ts):
 * `JSON.parse` would build the whole model of every flow at once, 3 to 7 times the page's bytes.
 * A smaller page (up to some 1,700 flows) goes to `JSON.parse`, faster on it in a fresh process:
 * 10 ms against 34 for a page of 1,000 flows (1.2 MB), before the scanner's code is optimised.
 */
const SCANNED_PAGE_BYTES = 2 * 1024 * 1024;
/**
 * Sources are read with the export ZIP (one request for the whole scope) rather than one
 * `GET ?source=true` per flow: the round trips, not the bytes, are what cost on a distant server.
 * The search gives the revisions, which the ZIP does not carry. A flow the ZIP lacks (changed
 * between the two reads, or an entry we cannot parse) is read on its own.
 */
async function listFlowsWithSources(send, syntax, scope, options) {
    return await withFilterFallback(syntax, scope, filter => listWithFilter(send, filter, scope, options));
}
/** The latest revision of each flow of the scope, without sources: a search. */
async function listFlowRevisions(send, syntax, scope) {
    return await withFilterFallback(syntax, scope, filter => searchFlows(send, filter, scope));
}
async function withFilterFallback(syntax, scope, read) {
    try {
        return await read(namespaceFilter(syntax.queryFilters, scope));
    }
    catch (error) {
        // The release that brought `filters[...]` is not documented: a server refusing them gets
        // the flat `namespace=` that every version up to 1.3 maps.
        if (!syntax.queryFilters || !(error instanceof api_error/* KestraApiError */.R) || error.status !== 400)
            throw error;
        syntax.queryFilters = false;
        return await read(namespaceFilter(false, scope));
    }
}
async function listWithFilter(send, filter, scope, { concurrency, identify }) {
    const [listed, exported] = await Promise.all([
        searchFlows(send, filter, scope),
        exportSources(send, filter, identify)
    ]);
    const missing = listed.filter(flow => !exported.has(flowKeyString(flow)));
    const fetched = await mapConcurrent(missing, concurrency, flow => fetchSource(send, flow));
    missing.forEach((flow, index) => exported.set(flowKeyString(flow), fetched[index]));
    return listed
        .map(flow => ({ ...flow, source: exported.get(flowKeyString(flow)) }))
        .sort((a, b) => compareFlowKeys(a, b));
}
/** The flat `namespace=` is a dot-aware prefix; the exact scope is cut client-side anyway. */
function namespaceFilter(queryFilters, scope) {
    if (!queryFilters)
        return new URLSearchParams({ namespace: scope.namespace });
    const operator = scope.includeChildren ? 'PREFIX' : 'EQUALS';
    return new URLSearchParams({ [`filters[namespace][${operator}]`]: scope.namespace });
}
async function searchFlows(send, filter, scope) {
    const flows = new Map();
    let received = 0;
    for (let page = 1;; page++) {
        const query = new URLSearchParams(filter);
        query.set('size', String(SEARCH_PAGE_SIZE));
        query.set('page', String(page));
        // A stable order, so that pages neither skip nor repeat flows.
        query.append('sort', 'namespace:asc');
        query.append('sort', 'id:asc');
        const response = await send({ method: 'GET', path: '/flows/search', query });
        const body = (response.body.byteLength >= SCANNED_PAGE_BYTES
            ? readSearchPage(response.body)
            : undefined) ?? (0,api_call/* parseJson */.q)(response, 'GET flows/search');
        // Taking a malformed answer for "no flows" would plan every flow as ADDED.
        if (!Array.isArray(body.results))
            throw unexpectedAnswer('GET flows/search', 'no `results` list');
        const results = body.results;
        for (const result of results) {
            const flow = (result ?? {});
            if (typeof flow.namespace !== 'string' ||
                typeof flow.id !== 'string' ||
                flow.deleted === true)
                continue;
            // The server filter is a first cut; the dot-aware scope is decided here.
            if (!isInScope(flow.namespace, scope))
                continue;
            const revision = typeof flow.revision === 'number' ? flow.revision : 0;
            flows.set(flowKeyString({ namespace: flow.namespace, id: flow.id }), {
                namespace: flow.namespace,
                id: flow.id,
                revision
            });
        }
        // A server may cap the page size below what was asked: `total` says when all is read.
        received += results.length;
        const total = typeof body.total === 'number' ? body.total : undefined;
        const done = total === undefined ? results.length < SEARCH_PAGE_SIZE : received >= total;
        if (done || results.length === 0)
            break;
    }
    return [...flows.values()];
}
/** Entry names differ between versions, so each flow is known by the id and namespace it holds. */
async function exportSources(send, filter, identify) {
    const sources = new Map();
    let response;
    try {
        // The export produces only octet-stream: asking for JSON would route the call elsewhere.
        response = await send({
            method: 'GET',
            path: '/flows/export/by-query',
            query: filter,
            accept: 'application/octet-stream'
        });
    }
    catch (error) {
        // A server or proxy without this export: every flow is then read on its own.
        if (error instanceof api_error/* KestraApiError */.R && EXPORT_UNAVAILABLE.includes(error.status))
            return sources;
        throw error;
    }
    let entries;
    try {
        entries = (0,esm/* unzipSync */.AO)(new Uint8Array(response.body.buffer, response.body.byteOffset, response.body.byteLength));
    }
    catch {
        return sources; // not a ZIP (an old or unusual server): every flow is then read on its own
    }
    for (const bytes of Object.values(entries)) {
        try {
            const { source, key } = identify((0,esm/* strFromU8 */.he)(bytes));
            if (key)
                sources.set(flowKeyString(key), source);
        }
        catch {
            // Left out here and read by `GET ?source=true`, which tells its namespace and id.
        }
    }
    return sources;
}
async function fetchSource(send, key) {
    const stored = await readFlow(send, key);
    if (!stored)
        throw unexpectedAnswer(`GET flow ${flowName(key)}`, 'no flow (404)');
    return stored.source;
}
async function readFlow(send, key) {
    const call = `GET flow ${flowName(key)}?source=true`;
    let response;
    try {
        response = await send({
            method: 'GET',
            path: (0,api_call/* flowPath */.u)(key),
            query: new URLSearchParams({ source: 'true' })
        });
    }
    catch (error) {
        if (error instanceof api_error/* KestraApiError */.R && error.status === 404)
            return undefined;
        throw error;
    }
    const body = (0,api_call/* parseJson */.q)(response, call);
    if (typeof body.source !== 'string')
        throw unexpectedAnswer(call, 'no `source`');
    return { source: body.source, revision: typeof body.revision === 'number' ? body.revision : 0 };
}
function unexpectedAnswer(call, what) {
    return new api_error/* KestraApiError */.R(`Kestra's answer to ${call} has ${what}; is 'kestra-url' a Kestra server of a supported version?`, 200);
}

// EXTERNAL MODULE: ./src/kestra/server-connection.ts + 4 modules
var server_connection = __webpack_require__(8823);
;// CONCATENATED MODULE: ./src/kestra/validate-flows.ts



/** Keeps each request under common proxy body limits and well within the request timeout. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024;
const MAX_BATCH_FLOWS = 250;
/**
 * `POST /flows/validate` takes several flows joined by `---` lines and answers one verdict per
 * piece, in order: Kestra cuts the body with `split("\n+---\n*?")`. A flow whose text still holds
 * such a line would be cut apart, so it is never batched: it is sent alone and, if the server still
 * cuts it, reported as not checked.
 */
async function validateInBatches(send, flowSources, concurrency) {
    const sources = flowSources.map(withoutDocumentStart);
    const results = new Array(sources.length);
    const batches = [];
    let current = [];
    let currentBytes = 0;
    sources.forEach((source, index) => {
        if (holdsDocumentSeparator(source)) {
            batches.push([index]);
            return;
        }
        const bytes = Buffer.byteLength(source);
        if (current.length > 0 &&
            (currentBytes + bytes > MAX_BATCH_BYTES || current.length >= MAX_BATCH_FLOWS)) {
            batches.push(current);
            current = [];
            currentBytes = 0;
        }
        current.push(index);
        currentBytes += bytes;
    });
    if (current.length > 0)
        batches.push(current);
    // Batches go side by side, as writes do: 10,000 flows are 40 batches, not 40 round trips. After
    // a failure, no new batch starts, and those in flight finish before it is thrown.
    let failure;
    await mapConcurrent(batches, concurrency, batch => validateBatch(send, batch, sources, results).catch((error) => {
        failure ??= { error };
    }), () => failure !== undefined);
    if (failure)
        throw failure.error;
    return results;
}
/** Sends the flows of `batch` (indexes in `sources`) and puts each verdict in `results`. */
async function validateBatch(send, batch, sources, results) {
    const body = batch.map(index => sources[index].replace(/\s+$/, '')).join('\n---\n');
    const answer = (0,api_call/* parseJson */.q)(await send({ method: 'POST', path: '/flows/validate', yaml: body }), 'POST flows/validate');
    const verdicts = Array.isArray(answer) ? answer.map(toValidation) : [];
    if (verdicts.length === batch.length) {
        batch.forEach((sourceIndex, position) => (results[sourceIndex] = verdicts[position]));
    }
    else if (batch.length === 1) {
        results[batch[0]] = {
            warnings: [],
            deprecationPaths: [],
            infos: [],
            checked: false
        };
    }
    else {
        throw new api_error/* KestraApiError */.R(`Kestra answered ${verdicts.length} results to POST flows/validate for ${batch.length} flows; nothing was written.`, 200);
    }
}
/** Any line starting with `---` may be taken by the server as the start of another flow. */
function holdsDocumentSeparator(source) {
    return /(^|[\r\n])---/.test(source);
}
/**
 * Many repositories start every YAML file with a `---` marker (yamllint's default). It means
 * nothing to the flow, so for validation it becomes a blank line (line numbers in the server's
 * messages stay right) and the flow can be batched. Comments may stand before it; a directive
 * (`%YAML`) needs its marker, so such a flow is left as is and validated alone.
 */
function withoutDocumentStart(source) {
    return source.replace(/^((?:[ \t]*(?:#.*)?\r?\n)*)---[ \t]*(?:#.*)?(?=\r?\n|$)/, '$1');
}
function toValidation(entry) {
    const value = (entry ?? {});
    const strings = (field) => Array.isArray(field) ? field.filter((item) => typeof item === 'string') : [];
    const constraints = typeof value.constraints === 'string' && value.constraints.trim()
        ? value.constraints.trim()
        : undefined;
    return {
        ...(constraints ? { constraints } : {}),
        warnings: strings(value.warnings),
        deprecationPaths: strings(value.deprecationPaths),
        infos: strings(value.infos),
        checked: true
    };
}

;// CONCATENATED MODULE: ./src/flow/namespace-file.ts
/**
 * Kestra imports an upload under `/_flows/` as a flow and exports the namespace's flows there: no
 * namespace file can live at `/_flows` or below it.
 */
function isFlowImportPath(kestraPath) {
    return /^\/_flows(\/|$)/.test(kestraPath);
}

;// CONCATENATED MODULE: ./src/kestra/namespace-files.ts







// The namespace files of one namespace (NamespaceFileController, the same routes from 0.20 to 2.x;
// see docs/kestra-api.md): read all at once by the ZIP export, written by a multipart upload that
// overwrites, deleted one path at a time.
/** Answers meaning "no such export here" (a proxy, a trimmed API) rather than a failure. */
const namespace_files_EXPORT_UNAVAILABLE = [404, 405, 406, 415, 501];
/**
 * The name of the uploaded part. Kestra unpacks an upload whose part name ends in `.zip` (and
 * ignores the path then): a fixed name that never does stores every file as it is.
 */
const PART_FILE_NAME = 'content';
function filesPath(namespace) {
    return `/namespaces/${encodeURIComponent(namespace)}/files`;
}
/**
 * Every file of exactly this namespace (not of its children), sorted by path. One request, the
 * export ZIP, where the server has it; else a search and one read per file. The export also
 * carries the namespace's flows as `_flows/<id>.yml`: they are not namespace files and are left out.
 */
async function readNamespaceFiles(send, namespace, concurrency) {
    let response;
    try {
        response = await send({
            method: 'GET',
            path: `${filesPath(namespace)}/export`,
            // The export produces only octet-stream: JSON is refused with 406.
            accept: 'application/octet-stream'
        });
    }
    catch (error) {
        if (error instanceof api_error/* KestraApiError */.R && namespace_files_EXPORT_UNAVAILABLE.includes(error.status)) {
            return await readOneByOne(send, namespace, concurrency);
        }
        throw error;
    }
    let entries;
    try {
        entries = (0,esm/* unzipSync */.AO)(new Uint8Array(response.body));
    }
    catch (error) {
        throw new api_error/* KestraApiError */.R(`Kestra's answer to GET ${filesPath(namespace)}/export is not a ZIP archive (${error.message}): is 'kestra-url' the Kestra server itself, not a proxy page?`, response.status);
    }
    return filesByPath(Object.entries(entries)
        // The export has no folder entries; a ZIP made elsewhere might.
        .filter(([name]) => !name.endsWith('/'))
        .map(([name, bytes]) => ({ kestraPath: `/${name}`, bytes })));
}
/** Without the export: every file's path by an empty search, then each file read on its own. */
async function readOneByOne(send, namespace, concurrency) {
    const found = await send({
        method: 'GET',
        path: `${filesPath(namespace)}/search`,
        query: new URLSearchParams({ q: '' })
    });
    const paths = (0,api_call/* parseJson */.q)(found, `GET ${filesPath(namespace)}/search`);
    if (!Array.isArray(paths) || paths.some(path => typeof path !== 'string')) {
        throw new api_error/* KestraApiError */.R(`Kestra's answer to GET ${filesPath(namespace)}/search is not a list of paths.`, found.status);
    }
    const kestraPaths = paths.map(path => (path.startsWith('/') ? path : `/${path}`));
    const bytes = await mapConcurrent(kestraPaths, concurrency, kestraPath => readNamespaceFile(send, namespace, kestraPath));
    return filesByPath(kestraPaths.map((kestraPath, index) => ({
        kestraPath,
        bytes: bytes[index]
    })));
}
/** The files proper (no `_flows/` entry), by path. */
function filesByPath(files) {
    return files
        .filter(file => !isFlowImportPath(file.kestraPath))
        .sort((a, b) => compareStrings(a.kestraPath, b.kestraPath));
}
async function readNamespaceFile(send, namespace, kestraPath) {
    const response = await send({
        method: 'GET',
        path: filesPath(namespace),
        query: new URLSearchParams({ path: kestraPath }),
        accept: 'application/octet-stream'
    });
    return new Uint8Array(response.body);
}
/**
 * Creates or overwrites the file. An overwrite with the same bytes leaves the file as it was, so
 * a retry is safe; after a lost answer the file is read first, so that a server keeping revisions
 * (1.2+) does not get a second one for the same write.
 */
async function writeNamespaceFile(send, namespace, kestraPath, bytes) {
    const upload = multipartUpload(bytes);
    await send({
        method: 'POST',
        path: filesPath(namespace),
        query: new URLSearchParams({ path: kestraPath }),
        body: upload,
        recover: async () => {
            try {
                const stored = await readNamespaceFile(send, namespace, kestraPath);
                return Buffer.from(stored).equals(Buffer.from(bytes)) ? DONE : undefined;
            }
            catch {
                return undefined;
            }
        }
    });
}
/**
 * Deletes the file (a folder would go with all it holds: only files are named here). Kestra
 * answers 200 for a path already gone, so a retry is safe; a 404 (a proxy, a later version) after
 * a lost answer means the lost attempt did it.
 */
async function deleteNamespaceFile(send, namespace, kestraPath) {
    await send({
        method: 'DELETE',
        path: filesPath(namespace),
        query: new URLSearchParams({ path: kestraPath }),
        recover: async (failure) => (failure.status === 404 ? DONE : undefined)
    });
}
const DONE = { status: 200, headers: {}, body: Buffer.alloc(0) };
/** `multipart/form-data` with the one part Kestra reads, `fileContent`, holding the bytes. */
function multipartUpload(bytes) {
    const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let boundary;
    do
        boundary = `kestra-sync-${(0,external_node_crypto_.randomBytes)(16).toString('hex')}`;
    while (content.includes(boundary));
    return {
        contentType: `multipart/form-data; boundary=${boundary}`,
        bytes: Buffer.concat([
            Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fileContent"; filename="${PART_FILE_NAME}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
            content,
            Buffer.from(`\r\n--${boundary}--\r\n`)
        ])
    };
}

;// CONCATENATED MODULE: ./src/kestra/kestra-client.ts










/**
 * Reads the server's version first (see server-connection.ts), then gives the client. `abandon`
 * ends a connection no longer wanted (its request, and any retry) and rejects the promise.
 */
async function connectKestra(options, abandon) {
    return kestraClient(await openConnection(options, abandon), options);
}
/** The client of a server whose version is known. */
function kestraClient({ requester, server, apiRoot }, options) {
    const { request } = requester;
    const base = server.tenantInPath ? `${apiRoot}/${encodeURIComponent(options.tenant)}` : apiRoot;
    const send = call => {
        const url = new URL(`${base}${call.path}`);
        if (call.query)
            url.search = call.query.toString();
        return request(url, call);
    };
    const syntax = { queryFilters: server.queryFilters };
    // A synced flow is live, never left as a draft.
    const publish = () => server.flowDrafts ? new URLSearchParams({ draft: 'false' }) : undefined;
    return {
        server,
        address: {
            url: options.kestraUrl.href,
            tenant: server.tenantInPath ? options.tenant : undefined
        },
        listFlows: (scope, identify = identifyByParsing) => listFlowsWithSources(send, syntax, scope, { concurrency: options.concurrency, identify }),
        listRevisions: scope => listFlowRevisions(send, syntax, scope),
        validateFlows: sources => validateInBatches(send, sources, options.concurrency),
        createFlow: async (key, source) => savedFlow(await send({
            method: 'POST',
            path: '/flows',
            query: publish(),
            yaml: source,
            // The create may have been applied with its answer lost: it is sent again only once the
            // flow is confirmed absent, so that a retry never makes a second revision.
            recover: async (failure) => {
                const stored = await readFlowAfter(failure, () => readFlow(send, key));
                return stored && answerOf(createdMeanwhile(key, stored, source, failure));
            }
        })),
        updateFlow: async (key, source) => savedFlow(await send({ method: 'PUT', path: (0,api_call/* flowPath */.u)(key), query: publish(), yaml: source })),
        deleteFlow: async (key) => {
            await send({
                method: 'DELETE',
                path: (0,api_call/* flowPath */.u)(key),
                // A 404 after a deletion whose answer was lost: the lost attempt did the deletion.
                recover: async (failure) => (failure.status === 404 ? NO_CONTENT : undefined)
            });
        },
        readNamespaceFiles: namespace => readNamespaceFiles(send, namespace, options.concurrency),
        writeNamespaceFile: (namespace, kestraPath, bytes) => writeNamespaceFile(send, namespace, kestraPath, bytes),
        deleteNamespaceFile: (namespace, kestraPath) => deleteNamespaceFile(send, namespace, kestraPath),
        close: () => requester.close()
    };
}
const NO_CONTENT = { status: 204, headers: {}, body: Buffer.alloc(0) };
/** The answer a lost create would have given, for `savedFlow` to read. */
function answerOf(saved) {
    return { status: 200, headers: {}, body: Buffer.from(JSON.stringify(saved)) };
}
/** Reads the flow after `failure`; when that fails too, the failure of the write stays in view. */
async function readFlowAfter(failure, read) {
    try {
        return await read();
    }
    catch (error) {
        throw new api_error/* KestraApiError */.R(`${failure.message} Checking whether it was applied failed too: ${(0,errors/* errorMessage */.gJ)(error)}`, failure.status);
    }
}
/**
 * After a create whose answer was lost, the flow is on the server: with the source sent, the lost
 * create made it; with another one, someone else did, and it is not overwritten.
 */
function createdMeanwhile(key, stored, source, failure) {
    if (normalizeSource(stored.source) === normalizeSource(source)) {
        return { revision: stored.revision };
    }
    throw new api_error/* KestraApiError */.R(`${failure.message} Meanwhile ${flowName(key)} appeared on the server with another source (revision ${stored.revision}): it was not overwritten; a new run plans it as an update.`, 409);
}
/** The revision the server gave the flow; a write that answered 2xx succeeded even if the body is odd. */
function savedFlow(response) {
    try {
        const body = JSON.parse(response.body.toString('utf8'));
        return typeof body.revision === 'number' ? { revision: body.revision } : {};
    }
    catch {
        return {};
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 3 modules
var exec = __webpack_require__(1260);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/flow/flow-identifiers.ts
var flow_identifiers = __webpack_require__(1547);
;// CONCATENATED MODULE: ./src/local/child-namespace.ts

/** What a folder name may contain to become one or more namespace segments. */
const FOLDER_NAME_PATTERN = /^[a-z0-9._-]+$/;
/**
 * The namespace of the flows in a sub-folder, as SyncFlows maps it: `a/b` under the flows folder
 * gives `<target>.a.b`. `folders` are the folder names between the flows folder and the file.
 */
function childNamespace(targetNamespace, folders) {
    const badFolder = folders.find(folder => !FOLDER_NAME_PATTERN.test(folder));
    if (badFolder !== undefined) {
        return {
            problem: `The folder '${badFolder}' cannot be part of a namespace: folder names under the flows folder may contain only lower-case letters, digits, '.', '_' and '-'.`
        };
    }
    const namespace = [targetNamespace, ...folders].join('.');
    const problem = (0,flow_identifiers/* namespaceProblem */.bw)(namespace);
    return problem
        ? { problem: `The folders of this file give an invalid namespace: ${problem}.` }
        : { namespace };
}

;// CONCATENATED MODULE: ./src/flow/yaml-path.ts


/**
 * The 1-based line of a property path as Kestra writes them (`tasks[0].retry`, `triggers[1]`) in a
 * flow's YAML: the line of the deepest part of the path found there. Undefined when not even the
 * first part is found, or the text does not parse.
 */
function lineOfPath(text, path) {
    const parsed = parseForPaths(text, path);
    return parsed && walk(parsed.events, parsed.source, 1, parsed.segments); // events[1]: the root
}
/**
 * The same for a path that starts with the id of a task or input, as Kestra's messages name them
 * (`dag: Cyclic dependency…`, `impossible.tasks: …`): from the list item holding that `id`.
 */
function lineOfNamedPath(text, path) {
    const parsed = parseForPaths(text, path);
    const [name, ...rest] = parsed?.segments ?? [];
    if (!parsed || typeof name !== 'string')
        return undefined;
    const item = itemWithId(parsed.events, parsed.source, name);
    if (item === undefined)
        return undefined;
    const line = lineAt(parsed.source, item.offset);
    return rest.length === 0 ? line : (walk(parsed.events, parsed.source, item.node, rest) ?? line);
}
function parseForPaths(text, path) {
    const source = stripBom(text);
    const segments = parsePath(path);
    if (!segments || segments.length === 0)
        return undefined;
    try {
        return { source, events: (0,js_yaml/* parseEvents */.PH)(source, {}), segments };
    }
    catch {
        return undefined;
    }
}
/** The line of the deepest of `segments` found from the node at `start`. */
function walk(events, source, start, segments) {
    let node = start;
    let line;
    for (const segment of segments) {
        const found = typeof segment === 'number'
            ? item(events, node, segment)
            : value(events, node, segment, source);
        if (!found)
            break;
        node = found.node;
        line = lineAt(source, found.offset);
    }
    return line;
}
/** The first mapping, in a list at any depth, whose `id` is `id`. */
function itemWithId(events, source, id) {
    for (let index = 1; index < events.length; index++) {
        const list = events[index];
        if (list.type !== js_yaml/* EVENT_ID */.hy.SEQUENCE)
            continue;
        for (let child = index + 1; events[child].type !== js_yaml/* EVENT_ID */.hy.POP;) {
            const idValue = value(events, child, 'id', source)?.node;
            const idEvent = idValue === undefined ? undefined : events[idValue];
            if (idEvent?.type === js_yaml/* EVENT_ID */.hy.SCALAR && (0,js_yaml/* getScalarValue */.KE)(source, idEvent) === id) {
                const offset = startOf(events[child]);
                if (offset !== undefined)
                    return { node: child, offset };
            }
            child = nodeEnd(events, child);
        }
    }
    return undefined;
}
/** `a[0].b` -> ['a', 0, 'b']; undefined for anything else. */
function parsePath(path) {
    if (!/^[A-Za-z_$][\w$-]*(\[\d+\])*(\.[A-Za-z_$][\w$-]*(\[\d+\])*)*$/.test(path))
        return undefined;
    return path.split('.').flatMap(part => {
        const [name, ...indexes] = part.split('[');
        return [name, ...indexes.map(index => Number(index.slice(0, -1)))];
    });
}
/** The value of `key` in the mapping at `node`, and the offset of its key. */
function value(events, node, key, source) {
    if (events[node]?.type !== js_yaml/* EVENT_ID */.hy.MAPPING)
        return undefined;
    for (let child = node + 1; events[child].type !== js_yaml/* EVENT_ID */.hy.POP;) {
        const keyEvent = events[child];
        const valueIndex = nodeEnd(events, child);
        if (keyEvent.type === js_yaml/* EVENT_ID */.hy.SCALAR && (0,js_yaml/* getScalarValue */.KE)(source, keyEvent) === key) {
            return { node: valueIndex, offset: keyEvent.valueStart };
        }
        child = nodeEnd(events, valueIndex);
    }
    return undefined;
}
/** The `index`th item of the sequence at `node`, and where it starts. */
function item(events, node, index) {
    if (events[node]?.type !== js_yaml/* EVENT_ID */.hy.SEQUENCE)
        return undefined;
    let child = node + 1;
    for (let position = 0; events[child].type !== js_yaml/* EVENT_ID */.hy.POP; position++) {
        if (position === index) {
            const offset = startOf(events[child]);
            return offset === undefined ? undefined : { node: child, offset };
        }
        child = nodeEnd(events, child);
    }
    return undefined;
}
function startOf(event) {
    if (event.type === js_yaml/* EVENT_ID */.hy.MAPPING || event.type === js_yaml/* EVENT_ID */.hy.SEQUENCE)
        return event.start;
    if (event.type === js_yaml/* EVENT_ID */.hy.SCALAR && event.valueStart !== -1)
        return event.valueStart;
    return undefined;
}
/** Anything in a message that reads as a property path followed by a colon (`tasks[0].id: …`). */
const PATH_IN_MESSAGE = /(?<=^|[\s,(])([A-Za-z_$][\w$-]*(?:\[\d+\])*(?:\.[A-Za-z_$][\w$-]*(?:\[\d+\])*)*)(?=:\s)/g;
/**
 * The line of the first property path in a server message that is found in the flow's text (a
 * message may name a class or a word before a colon: those are not found and skipped). Kestra
 * 0.21 prefixes some paths with `flow.`; its model violations name a task or input by its id
 * instead of `tasks[N]` (`dag: Cyclic dependency…`).
 */
function lineOfPathIn(text, message) {
    for (const [, path] of message.matchAll(PATH_IN_MESSAGE)) {
        const line = lineOfPath(text, path) ??
            lineOfPath(text, path.replace(/^flow\./, '')) ??
            lineOfNamedPath(text, path);
        if (line !== undefined)
            return line;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/flow/list-items.ts

/**
 * The top-level lists whose items Kestra's validation lets through when they are not mappings: a
 * write then refuses the flow (from 0.23), or 0.20 stores the item as null and its executor fails
 * on it. Checked here, such an item stops the sync before anything is written.
 */
const ITEM_LISTS = { tasks: 'task', triggers: 'trigger' };
/** The first item of `tasks` or `triggers` that is not a mapping, and its line; else undefined. */
function nonMappingListItem(document, text) {
    for (const [section, noun] of Object.entries(ITEM_LISTS)) {
        const list = document[section];
        if (!Array.isArray(list))
            continue;
        const index = list.findIndex(item => !isMapping(item));
        if (index === -1)
            continue;
        const path = `${section}[${index}]`;
        return {
            line: lineOfPath(text, path),
            message: `\`${path}\` is ${describeValue(list[index])}, not a ${noun}: each item of \`${section}\` is a mapping such as \`- id: ${noun === 'task' ? 'hello' : 'daily'}\` with its \`type\` below it (Kestra's validation lets it pass, but the write is refused).`
        };
    }
    return undefined;
}
function isMapping(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function describeValue(value) {
    if (value === null || value === '')
        return 'empty';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'string')
        return `the text ${JSON.stringify(value)}`;
    return `the ${typeof value} ${String(value)}`;
}

;// CONCATENATED MODULE: ./src/flow/flow-scan.ts
/**
 * A strict scan of a flow's text for its top-level `id` and `namespace`, without a YAML parse.
 * It answers only for the plainest layout (a block mapping at column 0 whose keys are simple
 * words, each value closed on its own line) and gives up on anything else, which is then parsed.
 * Pure: no I/O.
 */


/** A top-level key: a simple word at column 0, then a colon and a space or the end of the line. */
const KEY_LINE = /([A-Za-z_][A-Za-z0-9_-]*):(?=[ \t\r\n]|$)/y;
/** An id or namespace written plain that every reader takes for that very text. */
const SIMPLE_PLAIN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const BLOCK_SCALAR_HEADER = /^[|>][1-9+-]{0,2}[ \t]*(?:#.*)?$/;
/** What a plain value may not start with: indicators, and anchors, tags and aliases. */
const NOT_PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
/**
 * The top-level `id` and `namespace` of `text` as the full parse (readFlowSource) reads them, or
 * undefined when the scan cannot be sure: then the text must be parsed. Its answer is trusted
 * only where the server stores the rewritten text as is, which Kestra's own parser accepted.
 */
function scanFlowSource(text) {
    const source = stripBom(text);
    // A lone CR ends a line in YAML; the scan counts lines by LF alone.
    if (source.includes('\r') && /\r(?!\n)/.test(source))
        return undefined;
    const seen = new Set();
    let id;
    let namespace;
    let previous;
    let sawKey = false;
    // Offsets rather than a string per line: the scan runs on every file of the folder.
    for (let lineStart = 0, line = 1;; line++) {
        const newline = source.indexOf('\n', lineStart);
        let lineEnd = newline === -1 ? source.length : newline;
        if (source.charCodeAt(lineEnd - 1) === CR && lineEnd > lineStart)
            lineEnd--;
        let first = lineStart;
        while (first < lineEnd && isBlank(source.charCodeAt(first)))
            first++;
        if (first === lineEnd) {
            // A blank line.
        }
        else if (first > lineStart) {
            // Inside the value of the key above: never an id's or a namespace's continuation.
            if (source.charCodeAt(lineStart) !== SPACE)
                return undefined;
            if (!sawKey && source.charCodeAt(first) !== HASH)
                return undefined;
            if (previous && (previous.key === 'id' || previous.key === 'namespace'))
                return undefined;
        }
        else if (source.charCodeAt(lineStart) !== HASH) {
            KEY_LINE.lastIndex = lineStart;
            const key = KEY_LINE.exec(source)?.[1];
            if (key === undefined || seen.has(key))
                return undefined;
            seen.add(key);
            sawKey = true;
            const value = readValue(source, lineStart + key.length + 1, lineEnd);
            if (value === 'unsure')
                return undefined;
            if (key === 'id' || key === 'namespace') {
                if (!value || value.kind === 'other')
                    return undefined;
                if (key === 'id')
                    id = { value, line, lineStart };
                else
                    namespace = value;
            }
            previous = { key, value };
        }
        if (newline === -1)
            break;
        lineStart = newline + 1;
    }
    if (!id)
        return undefined;
    const site = namespace
        ? { kind: 'value', span: namespace.span, quoted: namespace.kind === 'quoted' }
        : {
            kind: 'after-id',
            idKeyStart: id.lineStart,
            idValueEnd: id.value.span.end,
            idQuoted: id.value.kind === 'quoted',
            flowStyle: false
        };
    return { source, id: id.value.text, idLine: id.line, site };
}
const CR = 0x0d;
const SPACE = 0x20;
const HASH = 0x23;
function isBlank(code) {
    return code === SPACE || code === 0x09;
}
/**
 * The value on a key's line, from just after its colon: undefined when there is none (a block
 * below, or nothing), 'unsure' when it may run onto the next lines in a way the scan cannot follow.
 * Only plain words and quotes without escapes are read as an id or a namespace ('plain',
 * 'quoted'); any other value closed on its line is 'other'.
 */
function readValue(source, from, lineEnd) {
    const rest = source.slice(from, lineEnd);
    const start = from + (rest.length - rest.trimStart().length);
    const value = source.slice(start, lineEnd);
    if (value === '' || value.startsWith('#'))
        return undefined;
    const quote = value.charAt(0);
    if (quote === '"' || quote === "'") {
        const close = closingQuote(value, quote);
        if (close === -1 || !isLineEnd(value.slice(close + 1)))
            return 'unsure';
        const inner = value.slice(1, close);
        const simple = quote === '"' ? !inner.includes('\\') : !inner.includes("'");
        return {
            kind: simple && inner !== '' ? 'quoted' : 'other',
            text: inner,
            span: { start: start + 1, end: start + close }
        };
    }
    if (quote === '[' || quote === '{') {
        const close = closingBracket(value);
        if (close === -1 || !isLineEnd(value.slice(close + 1)))
            return 'unsure';
        return { kind: 'other', text: '', span: { start, end: start + close + 1 } };
    }
    if (quote === '|' || quote === '>') {
        return BLOCK_SCALAR_HEADER.test(value)
            ? { kind: 'other', text: '', span: { start, end: start } }
            : 'unsure';
    }
    if (NOT_PLAIN_START.test(value))
        return 'unsure';
    // A plain value ends before ` #` (a comment) or at the end of the line, less trailing blanks.
    const comment = /[ \t]#/.exec(value);
    const text = (comment ? value.slice(0, comment.index) : value).trimEnd();
    const plain = SIMPLE_PLAIN.test(text) && (0,yaml11/* kestraScalarText */.m)(text) === text;
    return { kind: plain ? 'plain' : 'other', text, span: { start, end: start + text.length } };
}
function isLineEnd(text) {
    return /^[ \t]*(?:#.*)?$/.test(text);
}
/** The index of the quote closing the one at 0, on this line; -1 when none. */
function closingQuote(value, quote) {
    for (let index = 1; index < value.length; index++) {
        const char = value.charAt(index);
        if (quote === '"' && char === '\\')
            index++;
        else if (char === quote) {
            if (quote === "'" && value.charAt(index + 1) === "'")
                index++;
            else
                return index;
        }
    }
    return -1;
}
/** The index of the bracket closing the flow collection at 0, on this line; -1 when none. */
function closingBracket(value) {
    let depth = 0;
    for (let index = 0; index < value.length; index++) {
        const char = value.charAt(index);
        if (char === '"' || char === "'") {
            const close = closingQuote(value.slice(index), char);
            if (close === -1)
                return -1;
            index += close;
        }
        else if (char === '#' && /[ \t]/.test(value.charAt(index - 1)))
            return -1;
        else if (char === '[' || char === '{')
            depth++;
        else if (char === ']' || char === '}') {
            depth--;
            if (depth === 0)
                return index;
        }
    }
    return -1;
}

;// CONCATENATED MODULE: ./src/flow/same-yaml-value.ts
/**
 * Deep equality of loaded YAML values (mappings, sequences, scalars). Each pair of objects is
 * compared once, so that aliases shared many times (a "billion laughs" file) cost their number of
 * distinct nodes, not the size of their expansion.
 */
function sameYamlValue(a, b, compared = new WeakMap()) {
    if (Object.is(a, b))
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return false;
    if (compared.get(a) === b)
        return true;
    compared.set(a, b);
    if (Array.isArray(a) !== Array.isArray(b) ||
        Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
        return false;
    }
    const left = a;
    const right = b;
    const keys = Object.keys(left);
    return (keys.length === Object.keys(right).length &&
        keys.every(key => Object.hasOwn(right, key) && sameYamlValue(left[key], right[key], compared)));
}

;// CONCATENATED MODULE: ./src/flow/namespace-rewrite.ts
/**
 * The rewrite of a flow's top-level `namespace` that leaves every other byte alone, and its proof:
 * the result is parsed again and must be the same document in the new namespace. Pure: no I/O.
 */




/**
 * The flow's text (without BOM) with only the top-level `namespace` value replaced by `namespace`,
 * or with a `namespace:` line added after the `id` entry when there is none. Comments, layout,
 * line endings and nested `namespace:` keys (Subflow tasks, triggers) stay as they are. The
 * result is parsed again and must be the same document apart from its namespace.
 */
function rewriteNamespace(flow, namespace) {
    const { source } = flow;
    const rewritten = writeNamespace(source, namespaceSite(flow), namespace);
    // Most files already name their namespace: the text is the document just parsed, untouched.
    if (rewritten === source && flow.document.namespace === namespace)
        return source;
    verifyRewrite(flow, rewritten, namespace);
    return rewritten;
}
function namespaceSite(flow) {
    if (flow.namespaceValue) {
        const { event, span } = flow.namespaceValue;
        const quoted = event.style === js_yaml/* SCALAR_STYLE */.jK.SINGLE_QUOTED || event.style === js_yaml/* SCALAR_STYLE */.jK.DOUBLE_QUOTED;
        return { kind: 'value', span, quoted };
    }
    return {
        kind: 'after-id',
        idKeyStart: flow.idKey.valueStart,
        idValueEnd: flow.idValue.valueEnd,
        idQuoted: flow.idValue.style !== js_yaml/* SCALAR_STYLE */.jK.PLAIN,
        flowStyle: flow.rootIsFlowStyle
    };
}
/**
 * `source` with `namespace` written at `site`, every other byte as it was. Unverified: the caller
 * proves the result (a parse of it, or the server storing that very text).
 */
function writeNamespace(source, site, namespace) {
    if (site.kind === 'value') {
        const { span } = site;
        // A namespace never needs escaping inside quotes; an empty value needs a space after its colon.
        const replacement = site.quoted
            ? namespace
            : `${span.start === span.end ? ' ' : ''}${yamlString(namespace)}`;
        // The very string when nothing changes: no copy, and later comparisons of it stay cheap.
        if (source.slice(span.start, span.end) === replacement)
            return source;
        return source.slice(0, span.start) + replacement + source.slice(span.end);
    }
    const entry = `namespace: ${yamlString(namespace)}`;
    if (site.flowStyle) {
        const afterId = site.idValueEnd + (site.idQuoted ? 1 : 0);
        return `${source.slice(0, afterId)}, ${entry}${source.slice(afterId)}`;
    }
    const idLineStart = source.lastIndexOf('\n', site.idKeyStart - 1) + 1;
    const indentation = /^[ \t]*/.exec(source.slice(idLineStart, site.idKeyStart))?.[0] ?? '';
    const idLineEnd = source.indexOf('\n', site.idValueEnd);
    if (idLineEnd === -1)
        return `${source}${lineBreakOf(source)}${indentation}${entry}`;
    const lineBreak = source[idLineEnd - 1] === '\r' ? '\r\n' : '\n';
    return (source.slice(0, idLineEnd + 1) + indentation + entry + lineBreak + source.slice(idLineEnd + 1));
}
function lineBreakOf(source) {
    return source.includes('\r\n') ? '\r\n' : '\n';
}
/** `text` as a YAML value that reads back as that string: plain when it can be, else quoted. */
function yamlString(text) {
    return readsAsPlainString(text) ? text : JSON.stringify(text);
}
/** Refuses a rewrite that is not the same document in the new namespace. */
function verifyRewrite(original, rewritten, namespace) {
    let result;
    try {
        result = readFlowSource(rewritten);
    }
    catch (error) {
        if (!(error instanceof FlowSourceError))
            throw error;
    }
    if (result === undefined ||
        result.document.namespace !== namespace ||
        !sameYamlValue(withoutNamespace(original.document), withoutNamespace(result.document))) {
        throw new FlowSourceError(`The top-level \`namespace\` could not be rewritten safely to '${namespace}'; write it on one line as \`namespace: ${namespace}\`, or remove it.`, original.parsed.namespaceLine ?? original.parsed.idLine);
    }
}
function withoutNamespace(document) {
    const copy = { ...document };
    delete copy.namespace;
    return copy;
}

;// CONCATENATED MODULE: ./src/local/fs-error.ts
/** The `code` of a Node.js file-system error (`ENOENT`, `EACCES`...), if it has one. */
function fsErrorCode(error) {
    // Not `instanceof Error`: errors made by Node itself fail it inside Jest's module sandbox.
    if (typeof error === 'object' &&
        error !== null &&
        'code' in error &&
        typeof error.code === 'string') {
        return error.code;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/local/read-flow-file.ts







const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Reads one flow file and sets its namespace; a bad file gives a problem, never an exception.
 * Synchronous on purpose: for thousands of small files, one `readFileSync` each is several times
 * faster than the thread pool's open, stat, read and close, each a hop of its own.
 */
function readFlowFile(gitPath, absolutePath, namespace, parse = 'always') {
    let bytes;
    try {
        bytes = (0,external_node_fs_.readFileSync)(absolutePath);
    }
    catch (error) {
        return {
            problem: {
                gitPath,
                message: `The file cannot be read (${fsErrorCode(error) ?? String(error)}).`
            }
        };
    }
    const decoded = decodeText(bytes);
    if ('problem' in decoded)
        return { problem: { gitPath, ...decoded.problem } };
    const scanned = parse === 'unless-scanned' ? flowFromScan(gitPath, decoded.text, namespace) : undefined;
    return scanned
        ? { flow: scanned, unparsedText: decoded.text }
        : flowFromText(gitPath, decoded.text, namespace);
}
/**
 * The flow in `text` as the scan reads it, when it is sure and the id is a valid one; else
 * undefined, and the text is parsed. Proven equal to `flowFromText` on every text that parses
 * (__tests__/flow/flow-scan.test.ts).
 */
function flowFromScan(gitPath, text, namespace) {
    const scanned = scanFlowSource(text);
    if (!scanned || (0,flow_identifiers/* flowIdProblem */.jI)(scanned.id))
        return undefined;
    const source = writeNamespace(scanned.source, scanned.site, namespace);
    return localFlow({ namespace, id: scanned.id }, gitPath, text, source, scanned.idLine);
}
/** The flow in `text`, with its top-level namespace set to `namespace`. */
function flowFromText(gitPath, text, namespace) {
    let flow;
    try {
        flow = readFlowSource(text);
    }
    catch (error) {
        return { problem: problemFrom(error, gitPath) };
    }
    const { parsed } = flow;
    const key = { namespace, id: parsed.id };
    const idProblem = (0,flow_identifiers/* flowIdProblem */.jI)(parsed.id) ?? (parsed.idPlain ? (0,flow_identifiers/* unquotedIdProblem */.yr)(parsed.id) : undefined);
    if (idProblem) {
        return {
            problem: { gitPath, line: parsed.idLine, message: `Invalid flow id: ${idProblem}.`, key }
        };
    }
    const itemProblem = nonMappingListItem(flow.document, text);
    if (itemProblem)
        return { problem: { gitPath, ...itemProblem, key } };
    try {
        const source = rewriteNamespace(flow, namespace);
        return { flow: localFlow(key, gitPath, text, source, parsed.idLine) };
    }
    catch (error) {
        return { problem: { ...problemFrom(error, gitPath), key } };
    }
}
function localFlow(key, gitPath, text, source, idLine) {
    // The rewrite gives back the very text when the file names its namespace already.
    const added = source !== text && lineCount(source) > lineCount(text);
    return { ...key, gitPath, source, idLine, ...(added ? { namespaceLineAdded: true } : {}) };
}
/** Counted without a string per line: this runs on every file whose namespace is rewritten. */
function lineCount(text) {
    let count = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1))
        count++;
    return count;
}
/** The UTF-8 text of a file (BOM dropped), or why it is not UTF-8 text and what to do. */
function decodeText(bytes) {
    // UTF-16 (Windows' "Unicode") has a BOM of its own and NUL bytes in every ASCII character.
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
        return { problem: { message: 'The file is UTF-16 text; save it as UTF-8.' } };
    }
    if (bytes.includes(0)) {
        return {
            problem: {
                message: 'Not a text file (it holds NUL bytes): a flow file is UTF-8 text. Move it out of the folder, or list it in .kestraignore.'
            }
        };
    }
    try {
        return { text: utf8.decode(bytes) };
    }
    catch {
        return {
            problem: {
                line: firstLineNotUtf8(bytes),
                message: 'The file is not UTF-8 text (saved as Latin-1 or Windows-1252?): this line has bytes that are not UTF-8. Save the file as UTF-8.'
            }
        };
    }
}
/** The 1-based line of the first bytes that are not UTF-8; a line feed never is part of a character. */
function firstLineNotUtf8(bytes) {
    let start = 0;
    for (let line = 1;; line++) {
        const end = bytes.indexOf(0x0a, start);
        try {
            utf8.decode(bytes.subarray(start, end === -1 ? bytes.length : end));
        }
        catch {
            return line;
        }
        if (end === -1)
            return line;
        start = end + 1;
    }
}
function problemFrom(error, gitPath) {
    if (error instanceof FlowSourceError) {
        return error.line === undefined
            ? { gitPath, message: error.message }
            : { gitPath, line: error.line, message: error.message };
    }
    // The parser may fail in ways it does not describe as YAML errors; one bad file must not stop the read.
    return {
        gitPath,
        message: `The file cannot be parsed: ${error instanceof Error ? error.message : String(error)}`
    };
}

;// CONCATENATED MODULE: ./src/local/git-base.ts




/** git through `@actions/exec`, in `cwd`, quiet: the log says what it found, not each command. */
function gitIn(cwd) {
    return async (args, input) => {
        const stdout = [];
        const stderr = [];
        try {
            const exitCode = await (0,exec/* exec */.m)('git', args, {
                cwd,
                silent: true,
                ignoreReturnCode: true,
                ...(input ? { input } : {}),
                listeners: { stdout: data => stdout.push(data), stderr: data => stderr.push(data) }
            });
            return { exitCode, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString() };
        }
        catch (error) {
            // No git on the runner: an answer like git's own failures, never an exception.
            const message = error instanceof Error ? error.message : String(error);
            return { exitCode: -1, stdout: Buffer.alloc(0), stderr: message };
        }
    };
}
const FLOW_FILE_NAME = /\.ya?ml$/i;
const git_base_utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * The flows of the base commit among the wanted files of the folder, each with its namespace set
 * as the sync sets it. A shallow checkout lacks the base: it is fetched (one commit deep). When
 * it cannot be had, the answer says why, and the run goes on without drift.
 */
async function readBaseFlows(options) {
    const { git, commit } = options;
    const short = commit.slice(0, 12);
    const inside = await git(['rev-parse', '--show-prefix']);
    if (inside.exitCode !== 0) {
        const why = lastLine(inside.stderr);
        return {
            commit,
            unavailable: `git cannot read the workspace as a Git checkout${why ? ` (${why})` : ''}, so the base commit ${short} cannot be read.`
        };
    }
    if (!(await hasCommit(git, commit))) {
        const fetched = await git([
            'fetch',
            '--no-tags',
            '--no-recurse-submodules',
            '--depth=1',
            'origin',
            commit
        ]);
        if (fetched.exitCode !== 0 || !(await hasCommit(git, commit))) {
            const why = lastLine(fetched.stderr);
            return {
                commit,
                unavailable: `the base commit ${short} is not in the checkout and could not be fetched${why ? ` (${why})` : ''}. Check out with 'fetch-depth: 0', or let the job fetch from 'origin'.`
            };
        }
    }
    const prefix = inside.stdout.toString().trim();
    const listed = await git(['ls-tree', '-r', '-z', '--name-only', commit, '--', options.directory]);
    if (listed.exitCode !== 0) {
        return { commit, unavailable: `git could not list ${short}: ${lastLine(listed.stderr)}` };
    }
    const files = listed.stdout
        .toString()
        .split('\0')
        .filter(gitPath => gitPath !== '' && FLOW_FILE_NAME.test(gitPath) && options.wanted(gitPath))
        .flatMap(gitPath => {
        const folders = external_node_path_.posix.dirname(external_node_path_.posix.relative(options.directory, gitPath)).split('/');
        const inFolder = folders[0] === '.' ? [] : folders;
        if (!options.includeChildNamespaces && inFolder.length > 0)
            return [];
        if (inFolder.some(folder => folder.startsWith('.')))
            return [];
        return [{ gitPath, folders: inFolder }];
    });
    if (files.length === 0)
        return { commit, flows: [] };
    const texts = await catFiles(git, files.map(file => `${commit}:${prefix}${file.gitPath}`));
    const flows = [];
    files.forEach((file, index) => {
        const bytes = texts[index];
        const child = childNamespace(options.targetNamespace, file.folders);
        if (!bytes || 'problem' in child)
            return;
        let text;
        try {
            text = git_base_utf8.decode(bytes);
        }
        catch {
            return;
        }
        const read = flowFromText(file.gitPath, text, child.namespace);
        if ('flow' in read) {
            const { namespace, id, gitPath, source } = read.flow;
            flows.push({ namespace, id, gitPath, source });
        }
    });
    return { commit, flows };
}
/** The base reader that the sync is handed: git in the workspace, on the flows folder. */
function gitBaseReader(folder, commit) {
    return wanted => readBaseFlows({
        git: gitIn(folder.workspace),
        commit,
        directory: folder.gitDirectory,
        targetNamespace: folder.targetNamespace,
        includeChildNamespaces: folder.includeChildNamespaces,
        wanted
    });
}
async function hasCommit(git, commit) {
    return (await git(['cat-file', '-e', `${commit}^{commit}`])).exitCode === 0;
}
/** The objects named, read by one `git cat-file --batch`; undefined for one that is missing. */
async function catFiles(git, names) {
    const { stdout } = await git(['cat-file', '--batch'], Buffer.from(`${names.join('\n')}\n`));
    const objects = [];
    let offset = 0;
    for (let index = 0; index < names.length; index++) {
        const end = stdout.indexOf(0x0a, offset);
        if (end === -1)
            break;
        const header = stdout.subarray(offset, end).toString();
        const size = /^\S+ blob (\d+)$/.exec(header);
        if (!size) {
            objects.push(undefined);
            offset = end + 1;
            continue;
        }
        const start = end + 1;
        objects.push(stdout.subarray(start, start + Number(size[1])));
        offset = start + Number(size[1]) + 1;
    }
    return objects;
}
function lastLine(text) {
    return text.trim().split('\n').pop()?.trim() ?? '';
}

;// CONCATENATED MODULE: ./src/flow/local-flow.ts
/** The reason in a report's words. */
const UNREAD_REASON_TEXT = {
    kestraignore: 'ignored by .kestraignore',
    'dot-file': 'not read, its name starting with a dot'
};

;// CONCATENATED MODULE: ./src/flow/flow-problem.ts


/**
 * A message about a flow, placed on its file and on the line it names where known: the property
 * `path` when the server names it apart, else the first path the message names; the `id:` line
 * otherwise.
 */
function flowProblem(flow, message, path) {
    const line = lineOfMessage(flow, message, path);
    return {
        ...(flow.gitPath ? { gitPath: flow.gitPath } : {}),
        ...(line ? { line } : {}),
        message: `${flowName(flow)}: ${message}`
    };
}
function lineOfMessage(flow, message, path) {
    if (flow.source === null)
        return flow.idLine;
    const line = path === undefined ? lineOfPathIn(flow.source, message) : lineOfPath(flow.source, path);
    if (line === undefined)
        return flow.idLine;
    // The source may hold a `namespace:` line, added after the `id:` line, that the file has not.
    return flow.namespaceLineAdded && flow.idLine !== null && line > flow.idLine ? line - 1 : line;
}

;// CONCATENATED MODULE: ./src/plan/plan-files.ts


/**
 * Pure: the namespace files to write and delete so that the namespace holds the folder's files.
 * A file is UNCHANGED when its bytes are the same, byte for byte: Kestra stores what it is sent,
 * and from 1.2 every write makes a new revision, so a file is never written again for nothing.
 */
function planFiles(input) {
    const onServer = new Map(input.server.map(file => [file.kestraPath, file.bytes]));
    const inGit = new Set(input.local.map(file => file.kestraPath));
    const upserts = input.local.map((file) => {
        const serverContent = onServer.get(file.kestraPath) ?? null;
        return {
            namespace: input.namespace,
            kestraPath: file.kestraPath,
            syncState: serverContent === null
                ? 'ADDED'
                : sameBytes(serverContent, file.bytes)
                    ? 'UNCHANGED'
                    : 'UPDATED',
            gitPath: file.gitPath,
            content: file.bytes,
            serverContent
        };
    });
    const protectedNamespace = input.protectedNamespaces.some(namespace => isInScope(input.namespace, { namespace, includeChildren: true }));
    const deletions = [];
    const keptFiles = [];
    for (const file of input.server) {
        if (inGit.has(file.kestraPath))
            continue;
        if (!input.delete || protectedNamespace) {
            keptFiles.push({
                namespace: input.namespace,
                kestraPath: file.kestraPath,
                reason: input.delete ? 'protected-namespace' : 'delete-disabled'
            });
            continue;
        }
        deletions.push({
            namespace: input.namespace,
            kestraPath: file.kestraPath,
            syncState: 'DELETED',
            gitPath: null,
            content: null,
            serverContent: file.bytes
        });
    }
    const byPath = (a, b) => compareStrings(a.kestraPath, b.kestraPath);
    return {
        files: [...deletions.sort(byPath), ...upserts.sort(byPath)],
        keptFiles: keptFiles.sort(byPath)
    };
}
/** A file as messages name it: `company.team:/scripts/etl.py`. */
function fileName(file) {
    return `${file.namespace}:${file.kestraPath}`;
}
/** Byte for byte, natively: namespace files run to megabytes. */
function sameBytes(a, b) {
    return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}

;// CONCATENATED MODULE: ./src/plan/changeset.ts
/** True for a planned change (dry run) and for one the apply carried out. */
function tookEffect(change) {
    return change.applyOutcome === undefined || change.applyOutcome === 'applied';
}
/** Counts, by default, what took effect: a change that failed or was not attempted did not happen. */
function countByState(changes, counted = tookEffect) {
    const counts = { ADDED: 0, UPDATED: 0, UNCHANGED: 0, DELETED: 0 };
    for (const change of changes)
        if (counted(change))
            counts[change.syncState]++;
    return counts;
}
/** The flows and the namespace files of a changeset, counted together (as the outputs count). */
function countAllByState(changeset, counted = tookEffect) {
    return countByState([...changeset.changes, ...(changeset.files ?? [])], counted);
}
/** A change the apply still has to carry out: not UNCHANGED, and no outcome yet. */
function isPendingWrite(change) {
    return change.syncState !== 'UNCHANGED' && change.applyOutcome === undefined;
}
function isWrite(change) {
    return change.syncState === 'ADDED' || change.syncState === 'UPDATED';
}
/** Nothing was written: every change still to write, flow or file, says so. */
function notAttempted(changeset) {
    const mark = (change) => isPendingWrite(change) ? { ...change, applyOutcome: 'not-attempted' } : change;
    return {
        ...changeset,
        changes: changeset.changes.map(mark),
        ...(changeset.files ? { files: changeset.files.map(mark) } : {})
    };
}

;// CONCATENATED MODULE: ./src/plan/plan-id.ts




/** Changes the format of the hash input, so two versions never compare different things. */
const PLAN_ID_VERSION = 'kestra-sync-flows plan v2';
/**
 * Every flow of a changeset as the plan treats it, UNCHANGED ones included, sorted: what a pull
 * request comment keeps, so that an apply can say what changed since the review. Flows the server
 * refuses are left out: they are never written.
 */
function planSnapshot(changes) {
    return changes
        .filter(change => change.applyOutcome !== 'invalid')
        .map(change => ({
        namespace: change.namespace,
        id: change.id,
        syncState: change.syncState,
        revision: change.previousRevision,
        sourceDigest: change.source === null ? null : sha256(change.source)
    }))
        .sort(compareFlowKeys);
}
/**
 * The writes and deletions of a plan, by flow, in flow order. UNCHANGED flows are left out
 * (nothing is done to them): a plan id then changes only when what would be done changes. They
 * are left out before the digests, which 10,000 unchanged sources would spend some 90 ms on.
 */
function planFingerprints(changes) {
    return planSnapshot(changes.filter(change => change.syncState !== 'UNCHANGED')).filter((flow) => flow.syncState !== 'UNCHANGED');
}
/**
 * SHA-256, in hex, of the scope and the fingerprints in flow order: the same plan for the same
 * scope gives the same id anywhere.
 */
function planIdOf(scope, fingerprints, files = []) {
    const lines = fingerprints.map(flow => `${flow.syncState} ${flow.namespace}/${flow.id} ${flow.revision ?? '-'} ${flow.sourceDigest ?? '-'}`);
    return sha256([
        PLAN_ID_VERSION,
        `server ${sha256(scope.serverUrl)}`,
        `tenant ${scope.tenant ?? '-'}`,
        `namespace ${scope.namespace}${scope.includeChildren ? ' and its children' : ''}`,
        ...lines,
        ...fileLines(files)
    ].join('\n'));
}
/**
 * The namespace files to write or delete, by path: the SHA-256 of the bytes on the server (a
 * file has no revision; its content stands for it) and of the bytes to write. A plan without
 * files has the id it had before files were synced.
 */
function fileLines(files) {
    const digest = (bytes) => (bytes === null ? '-' : sha256Bytes(bytes));
    return files
        .filter(file => file.syncState !== 'UNCHANGED')
        .map(file => `FILE ${file.syncState} ${file.namespace}:${file.kestraPath} ${digest(file.serverContent)} ${digest(file.content)}`);
}
/**
 * One line per flow that the reviewed plan and the plan now treat differently, saying how: the
 * server's revision moved, the source in the branch changed, the flow is new since the review or
 * no longer in the plan.
 */
function describePlanDifferences(reviewed, current) {
    // Keyed by (namespace, id): `a.b` + `c` and `a` + `b.c` have the same name but are two flows.
    const before = new Map(reviewed.flows.map(flow => [flowKeyString(flow), flow]));
    const now = new Map(current.map(flow => [flowKeyString(flow), flow]));
    const keys = [
        ...new Map([...reviewed.flows, ...current].map(flow => [flowKeyString(flow), flow])).values()
    ];
    return keys.sort(compareFlowKeys).flatMap(key => {
        const difference = describeDifference(before.get(flowKeyString(key)), now.get(flowKeyString(key)), reviewed.withUnchanged);
        return difference === undefined ? [] : [`${flowName(key)}: ${difference}`];
    });
}
/** How one flow differs between the reviewed plan and the plan now; undefined when it does not. */
function describeDifference(was, is, withUnchanged) {
    const changed = (flow) => flow !== undefined && flow.syncState !== 'UNCHANGED';
    if (!changed(was) && !changed(is))
        return undefined;
    if (!is)
        return `no longer in the plan (${was?.syncState} at review)`;
    if (!was) {
        return withUnchanged
            ? `new since the review (${is.syncState} now)`
            : `${is.syncState} now, not among the changes of the reviewed plan (it was unchanged then, or is new since: the plan comment had no room for the unchanged flows)`;
    }
    const reasons = [...revisionMove(was.revision, is.revision), ...sourceMove(was, is)];
    if (was.syncState === is.syncState)
        return reasons.length === 0 ? undefined : reasons.join('; ');
    const states = is.syncState === 'UNCHANGED'
        ? `no longer in the plan (${was.syncState} at review, UNCHANGED now)`
        : `${was.syncState} at review, ${is.syncState} now`;
    return reasons.length === 0 ? states : `${states}: ${reasons.join('; ')}`;
}
function revisionMove(was, is) {
    if (was === is)
        return [];
    if (was === null)
        return [`created on the server since the review (revision ${is})`];
    if (is === null)
        return [`deleted from the server since the review (it had revision ${was})`];
    return [`the server revision moved from ${was} to ${is}`];
}
function sourceMove(was, is) {
    if (sameDigest(was.sourceDigest, is.sourceDigest))
        return [];
    if (was.sourceDigest === null)
        return ['a file in the branch defines it now'];
    if (is.sourceDigest === null)
        return ['its file is no longer in the branch'];
    return ['the source in the branch changed'];
}
/**
 * Why a plan is refused for not being the reviewed one: which flows the two plans treat
 * differently when the reviewed plan's flows are known, else what the plan is now.
 */
function explainPlanChange({ expected, actual, current, reviewed, withFiles = false }) {
    const heading = `The plan is not the reviewed one: '${action_interface/* Input */.pd.ExpectedPlanId}' is ${expected}, the plan now is ${actual}. The server or the branch changed since the review; nothing was written.`;
    if (reviewed) {
        const differences = describePlanDifferences(reviewed, current);
        if (differences.length === 0) {
            const files = withFiles
                ? ' the namespace files to write or delete changed (the plan comment does not list them),'
                : '';
            return `${heading} Every flow is planned as it was at review:${files} the reviewed plan was made for another server, tenant, '${action_interface/* Input */.pd.TargetNamespace}' or '${action_interface/* Input */.pd.IncludeChildNamespaces}', or by another version of this action.`;
        }
        return (0,errors/* describeProblems */.yg)(`${heading} What changed:`, differences.map(message => ({ message })));
    }
    const now = current
        .filter(flow => flow.syncState !== 'UNCHANGED')
        .map(flow => ({
        message: `${flow.syncState} ${flowName(flow)}${flow.revision === null ? '' : ` (server revision ${flow.revision})`}`
    }));
    return (0,errors/* describeProblems */.yg)(`${heading} The reviewed plan's flows were not found (they are read from the pull request's plan comment), so compare with the plan now${now.length === 0 ? ', which is empty.' : ':'}`, now);
}
/** A reviewed digest may be a prefix (as kept in a comment); an empty one never matches. */
function sameDigest(reviewed, current) {
    if (reviewed === null || current === null)
        return reviewed === current;
    return reviewed.length > 0 && current.startsWith(reviewed);
}

;// CONCATENATED MODULE: ./src/plan/plan-checks.ts








// Pure checks on a plan, before and around its writes: what it holds back, what refuses it, and
// what the run's policy makes of it. Each returns what to say; the caller says it.
/**
 * What a reader of the log should know of the deletions: those the plan holds back, and why, and
 * those of flows whose files the sync does not read (.kestraignore, a leading dot), as SyncFlows
 * deletes them, so that no one loses a flow to an ignore rule without being told.
 */
function deletionNotes(plan, dryRun) {
    const withheld = (reason) => plan.kept.filter(flow => flow.reason === reason);
    const notes = [];
    const invalid = [...withheld('invalid-in-git'), ...withheld('unreadable-file-in-git')];
    if (invalid.length > 0) {
        notes.push({
            level: 'warning',
            message: `${invalid.length} deletion(s) withheld: flows in Git are invalid, so what they define is not known for sure.`
        });
    }
    const guardedFiles = (plan.keptFiles ?? []).filter(file => file.reason === 'protected-namespace');
    if (guardedFiles.length > 0) {
        notes.push({
            level: 'notice',
            message: `${guardedFiles.length} namespace file deletion(s) withheld in a protected namespace: ${guardedFiles.map(fileName).join(', ')}.`
        });
    }
    const guarded = withheld('protected-namespace');
    if (guarded.length > 0) {
        notes.push({
            level: 'notice',
            message: `${guarded.length} deletion(s) withheld in protected namespaces: ${guarded.map(flowName).join(', ')}.`
        });
    }
    const unread = plan.changes.flatMap(change => change.unreadFile
        ? [
            `${flowName(change)} (${change.unreadFile.gitPath}: ${UNREAD_REASON_TEXT[change.unreadFile.reason]})`
        ]
        : []);
    if (unread.length > 0) {
        notes.push({
            level: 'notice',
            message: `${unread.length} flow(s) ${dryRun ? 'would be' : 'are'} deleted because the sync does not read their files: ${unread.join(', ')}. To keep such a flow, let the sync read its file.`
        });
    }
    return notes;
}
/**
 * What refuses the whole plan before anything is written: flows the server refuses (unless they
 * are to be skipped), and more deletions than the limit. Undefined when nothing does.
 */
function planRefusal(changeset, { invalid, ignoreInvalidFlows, maxDeletions }) {
    const refusesInvalid = invalid.length > 0 && !ignoreInvalidFlows;
    const deletionLimit = tooManyDeletions(changeset, maxDeletions);
    if (!refusesInvalid && !deletionLimit)
        return undefined;
    const messages = [
        ...(refusesInvalid
            ? [
                (0,errors/* describeProblems */.yg)(`${invalid.length} flow(s) are invalid for the server; nothing was written:`, invalid)
            ]
            : []),
        ...(deletionLimit ? [deletionLimit.message] : [])
    ];
    return {
        message: messages.join('\n'),
        problems: ignoreInvalidFlows ? [] : [...invalid],
        ...(deletionLimit ? { reason: deletionLimit.reason } : {})
    };
}
/** The deletion limit, as a reason to refuse the sync; undefined when the plan is within it. */
function tooManyDeletions(changeset, maxDeletions) {
    // Flows and namespace files count together: the limit is on what the plan removes.
    const deletions = [
        ...changeset.changes.filter(change => change.syncState === 'DELETED').map(flowName),
        ...(changeset.files ?? []).filter(file => file.syncState === 'DELETED').map(fileName)
    ];
    if (maxDeletions === undefined || deletions.length <= maxDeletions)
        return undefined;
    const what = changeset.files ? 'flow(s) and namespace file(s)' : 'flow(s)';
    const reason = `the plan deletes ${deletions.length} ${what}, more than '${action_interface/* Input */.pd.MaxDeletions}' (${maxDeletions})`;
    return {
        message: `The plan deletes ${deletions.length} ${what}, more than '${action_interface/* Input */.pd.MaxDeletions}' (${maxDeletions}); nothing was written. If these deletions are meant, raise '${action_interface/* Input */.pd.MaxDeletions}' for one run: ${deletions.join(', ')}.`,
        reason
    };
}
/** A plan that is not the reviewed one is not written; the failure says what changed since. */
function notTheReviewedPlan(plans) {
    return {
        message: explainPlanChange(plans),
        problems: [],
        reason: `the plan is not the reviewed one ('${action_interface/* Input */.pd.ExpectedPlanId}')`
    };
}
/** Flows the server moved under since the plan: the apply writes nothing, and says which. */
function driftFailure(drift) {
    const problems = drift.map(({ change, revisionNow }) => flowProblem(change, revisionNow === null
        ? `planned against revision ${change.previousRevision}, now absent from the server`
        : `planned against ${change.previousRevision === null ? 'no flow' : `revision ${change.previousRevision}`}, now at revision ${revisionNow}`));
    return {
        message: (0,errors/* describeProblems */.yg)(`${drift.length} flow(s) changed on the server after the plan was made (another sync, or an edit in Kestra); nothing was written, so that no change is overwritten unseen. Run again to plan against the server as it is now:`, problems),
        problems,
        reason: `${drift.length} flow(s) changed on the server after the plan was made`
    };
}
/**
 * With 'fail-on-changes', a plan that is not empty fails the step, after it is reported: the
 * message, or undefined when the plan is empty or the policy is off. Counted as `has-changes`
 * is: flows the server refuses (ignore-invalid-flows) are not changes.
 */
function changesFailure(changeset, failOnChanges) {
    const planned = countAllByState(changeset);
    if (!failOnChanges || planned.ADDED + planned.UPDATED + planned.DELETED === 0)
        return undefined;
    return `'${action_interface/* Input */.pd.FailOnChanges}' is true and the plan is not empty: +${planned.ADDED} ~${planned.UPDATED} -${planned.DELETED} (see the step summary).`;
}

;// CONCATENATED MODULE: ./src/report/change-text.ts

/**
 * `3 → 4` for a flow that gets a new revision from an existing one, `deleted (was r12)` for a
 * deletion (the revision a deletion leaves is no version anyone can open), else the revision.
 */
function revisionText(change, arrow) {
    if (!tookEffect(change))
        return String(change.previousRevision ?? '');
    if (change.syncState === 'DELETED')
        return `deleted (was r${change.previousRevision ?? '?'})`;
    if (change.syncState === 'UPDATED') {
        return `${change.previousRevision ?? '?'} ${arrow} ${change.revision ?? '?'}`;
    }
    return String(change.revision ?? '');
}
/** Marks a change the apply did not carry out, so no table claims what did not happen. */
function outcomeSuffix(change) {
    switch (change.applyOutcome) {
        case 'failed':
            return ' (failed)';
        case 'not-attempted':
            return ' (not applied)';
        case 'invalid':
            return ' (invalid)';
        default:
            return '';
    }
}
/** The order of every report: what a reviewer must not miss comes first, unchanged ones last. */
const REPORT_ORDER = ['DELETED', 'UPDATED', 'ADDED', 'UNCHANGED'];
/** The changes (of flows or files) in report order; within a state, in the changeset's order. */
function inReportOrder(changes) {
    return REPORT_ORDER.flatMap(state => changes.filter(change => change.syncState === state));
}
/** A state in a table's first column: a deletion stands out. */
const STATE_LABEL = {
    DELETED: '🗑️ **DELETED**',
    UPDATED: '✏️ UPDATED',
    ADDED: '➕ ADDED',
    UNCHANGED: 'UNCHANGED'
};
/** A state in the summary line of a collapsed section. */
const STATE_ICON = {
    DELETED: '🗑️',
    UPDATED: '✏️',
    ADDED: '➕',
    UNCHANGED: ''
};
/** Why a flow only on the server stays there, in a report's words. */
const KEPT_REASON = {
    'delete-disabled': "only on the server, kept because 'delete' is false",
    'protected-namespace': "kept because its namespace is in 'protected-namespaces'",
    'invalid-in-git': 'kept because the flow is invalid in Git (never deleted for that)',
    'unreadable-file-in-git': 'kept because a file in Git could not be read and may define it (see the invalid flows)'
};

;// CONCATENATED MODULE: ./src/report/markdown.ts
/**
 * Markdown as GitHub renders it, for text that comes from flows and files: nothing in a flow can
 * close a code block, break a table or open an HTML tag.
 */
/** For text placed in HTML (`<summary>`), where Markdown is not read. */
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** Code in a table cell: GitHub splits the row at a `|` even inside a code span, unless escaped. */
function codeCell(text) {
    return code(text.replace(/\r?\n|\r/g, ' ')).replace(/\|/g, '\\|');
}
/** An inline code span that holds any text: its backtick fence is longer than any run inside. */
function code(text) {
    const fence = '`'.repeat(longestRun(text, '`') + 1);
    const padded = /^`|`$/.test(text) ? ` ${text} ` : text;
    return `${fence}${padded}${fence}`;
}
/**
 * A fenced code block that no line of `content` can close: flows often carry Markdown (with
 * fences of their own) in their descriptions.
 */
function codeBlock(content, language) {
    const fence = '`'.repeat(Math.max(3, longestRun(content, '`') + 1));
    return `${fence}${language}\n${content.replace(/\n$/, '')}\n${fence}`;
}
/** A collapsed section; `summaryHtml` must already be HTML-safe. */
function details(summaryHtml, body) {
    // The blank lines let GitHub read the body as Markdown.
    return `<details><summary>${summaryHtml}</summary>\n\n${body}\n\n</details>`;
}
/**
 * A blockquote alert (`> [!WARNING]`), one quoted line per line of `text`. The text is escaped:
 * server messages echo flow content (`Invalid type: <details>`). Code spans in it show `&lt;` as
 * written, so they must hold no `<`, `>` or `&` (flow names and keys cannot).
 */
function markdown_alert(kind, text) {
    return [
        `> [!${kind}]`,
        ...escapeHtml(text)
            .split('\n')
            .map(line => `> ${line}`)
    ].join('\n');
}
/**
 * The longest run of `character` (one UTF-16 unit) in `text`, found with indexOf: flows run to
 * megabytes.
 */
function longestRun(text, character) {
    let longest = 0;
    for (let start = text.indexOf(character); start !== -1;) {
        let end = start + 1;
        while (text[end] === character)
            end++;
        longest = Math.max(longest, end - start);
        start = text.indexOf(character, end);
    }
    return longest;
}

// EXTERNAL MODULE: ./node_modules/diff/libesm/patch/create.js + 2 modules
var create = __webpack_require__(7291);
;// CONCATENATED MODULE: ./src/report/unified-diff.ts

/**
 * Beyond this many differing lines, the patch replaces the whole text: still correct, no longer
 * the shortest, and the search stays bounded (its work grows with the lines times this bound).
 */
const MAX_EDIT_LENGTH = 1000;
const NO_NEWLINE = '\\ No newline at end of file';
/**
 * The unified diff (as `diff -u` and git print it) from `before` to `after`; undefined when the
 * texts are the same. Line endings are compared as LF, so a CRLF file does not show every line.
 */
function unifiedDiff(before, after, labels, context = 3) {
    const a = withLf(before);
    const b = withLf(after);
    if (a === b)
        return undefined;
    const hunks = (0,create/* structuredPatch */.YB)('', '', a, b, undefined, undefined, {
        context,
        maxEditLength: MAX_EDIT_LENGTH
    })?.hunks ?? [wholeReplacement(a, b)];
    const lines = hunks.flatMap(hunk => hunk.lines);
    return {
        text: [
            `--- ${labels.before}`,
            `+++ ${labels.after}`,
            ...hunks.flatMap(hunk => [hunkHeader(hunk), ...hunk.lines])
        ].join('\n'),
        added: lines.filter(line => line.startsWith('+')).length,
        removed: lines.filter(line => line.startsWith('-')).length
    };
}
function withLf(text) {
    return text.replace(/\r\n?/g, '\n');
}
/** As diff prints it: a count of 1 is left out, and an empty side is numbered from the line before. */
function hunkHeader(hunk) {
    const range = (start, count) => count === 0 ? `${start - 1},0` : count === 1 ? `${start}` : `${start},${count}`;
    return `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`;
}
/** Every line of `a` removed, then every line of `b` added. */
function wholeReplacement(a, b) {
    const before = splitLines(a);
    const after = splitLines(b);
    return {
        oldStart: 1,
        oldLines: before.length,
        newStart: 1,
        newLines: after.length,
        lines: [...patchLines('-', before), ...patchLines('+', after)]
    };
}
/** Each line keeps its `\n`, so that a last line without one can be marked as diff does. */
function splitLines(text) {
    return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
function patchLines(prefix, lines) {
    return lines.flatMap(line => line.endsWith('\n') ? [prefix + line.slice(0, -1)] : [prefix + line, NO_NEWLINE]);
}

;// CONCATENATED MODULE: ./src/report/file-report.ts





// The namespace files in the reports: their own table after the flows', a unified diff (server ->
// repository) per text file changed, size and SHA-256 before and after for a binary one.
/**
 * Beyond this size (in characters), a file's diff or content is not shown, only measured: one
 * large file would otherwise push every other file's details out of the report.
 */
const MAX_DETAIL_LENGTH = 20_000;
const KEPT_FILE_REASON = {
    'delete-disabled': "kept because 'delete' is false",
    'protected-namespace': "kept because the namespace is in 'protected-namespaces'"
};
/**
 * The files' parts of a report, to give up for room after the flows' lists: the table of changed
 * files (with counts of the others) last to go, their diffs before it.
 */
function fileReportParts(files, kept = []) {
    if (!files)
        return [];
    const changed = inReportOrder(files.filter(file => file.syncState !== 'UNCHANGED'));
    const unchanged = files.length - changed.length;
    const table = changed.length === 0
        ? []
        : [
            '| | Namespace file | File | Size |',
            '| --- | --- | --- | --- |',
            ...changed.map(file => `| ${STATE_LABEL[file.syncState]}${outcomeSuffix(file)} | ${codeCell(file.kestraPath)} | ${file.gitPath ? codeCell(file.gitPath) : '—'} | ${sizeChange(file)} |`)
        ];
    const others = [
        ...(unchanged > 0 ? [`${unchanged} namespace file(s) unchanged.`] : []),
        ...kept.map(file => `- ${code(file.kestraPath)}: only on the server, ${KEPT_FILE_REASON[file.reason]}`)
    ];
    const namespace = files[0]?.namespace ?? kept[0]?.namespace;
    const summary = [
        namespace === undefined ? '#### Namespace files' : `#### Namespace files of ${code(namespace)}`,
        ...(changed.length === 0 && kept.length === 0 ? ['No namespace file to change.'] : []),
        ...(table.length > 0 ? [table.join('\n')] : []),
        ...(others.length > 0 ? [others.join('\n')] : [])
    ];
    const fileDetails = changed.flatMap(file => {
        const text = fileDetail(file);
        return text === undefined ? [] : [text];
    });
    return [
        { text: summary.join('\n\n'), name: 'the table of namespace files', rank: 6 },
        ...(fileDetails.length > 0
            ? [{ text: fileDetails.join('\n\n'), name: 'the diffs of the namespace files', rank: 5 }]
            : [])
    ];
}
/** Beyond this many, files to delete are counted in the alert rather than named. */
const MAX_DELETIONS_NAMED = 10;
/** The alert over every report of a plan that deletes namespace files. */
function fileDeletionAlert(files, dryRun) {
    const deletions = (files ?? []).filter(file => file.syncState === 'DELETED' && tookEffect(file));
    if (deletions.length === 0)
        return [];
    const named = deletions.slice(0, MAX_DELETIONS_NAMED).map(file => code(file.kestraPath));
    const more = deletions.length - named.length;
    return [
        markdown_alert('WARNING', `**${deletions.length} namespace file(s) ${dryRun ? 'would be' : 'were'} deleted** from ${code(deletions[0]?.namespace ?? '')}: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`)
    ];
}
/** `1,204 B → 1,310 B`, or the one size there is. */
function sizeChange(file) {
    const size = (bytes) => `${bytes.byteLength.toLocaleString('en')} B`;
    if (file.serverContent && file.content && file.syncState === 'UPDATED') {
        return `${size(file.serverContent)} → ${size(file.content)}`;
    }
    const bytes = file.content ?? file.serverContent;
    return bytes ? size(bytes) : '';
}
/** The diff of an updated text file, the content of an added one, the digests of a binary one. */
function fileDetail(file) {
    const before = file.serverContent;
    const after = file.content;
    if (file.syncState === 'DELETED' || after === null)
        return undefined;
    const place = `${STATE_ICON[file.syncState]} ${file.syncState} <code>${escapeHtml(file.kestraPath)}</code>`;
    const afterText = asText(after);
    const beforeText = before === null ? null : asText(before);
    const digests = () => [
        ...(before ? [`- server: ${digestLine(before)}`] : []),
        `- repository: ${digestLine(after)}`
    ].join('\n');
    if (afterText === undefined || beforeText === undefined) {
        return details(`${place} · binary`, digests());
    }
    if (beforeText === null) {
        const lines = afterText === '' ? 0 : afterText.replace(/\n$/, '').split('\n').length;
        return details(`${place} · new, ${lines} line(s)`, shown(afterText, '', `${after.byteLength.toLocaleString('en')} bytes`));
    }
    const diff = unifiedDiff(beforeText, afterText, {
        before: `server: ${file.namespace}:${file.kestraPath}`,
        after: `repository: ${file.gitPath ?? file.kestraPath}`
    });
    // The texts are equal once line endings are read as LF: the bytes differ in line endings only.
    if (!diff) {
        return details(`${place} · line endings only`, `The text is the same; only its line endings differ.\n\n${digests()}`);
    }
    return details(`${place} · +${diff.added} −${diff.removed}`, shown(diff.text, 'diff', `${diff.added + diff.removed} line(s) changed`));
}
/** A code block, or for one too long to show, a line that says how long it is. */
function shown(text, language, measure) {
    if (text.length > MAX_DETAIL_LENGTH) {
        return `Too long to show here (${measure}); see the file in the repository.`;
    }
    return codeBlock(text, language);
}
function digestLine(bytes) {
    return `${bytes.byteLength.toLocaleString('en')} bytes, SHA-256 ${code(sha256Bytes(bytes))}`;
}
const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** The text of the bytes; undefined for a binary file (a NUL byte, or not UTF-8). */
function asText(bytes) {
    if (bytes.includes(0))
        return undefined;
    try {
        return UTF8.decode(bytes);
    }
    catch {
        return undefined;
    }
}
/** The files as plain text for the job log, one aligned line per file; none when not synced. */
function renderFileLogLines(files, kept = []) {
    if (!files)
        return [];
    const rows = [
        ...inReportOrder(files).map(file => [
            file.syncState + outcomeSuffix(file),
            file.kestraPath,
            file.gitPath ?? '-'
        ]),
        ...kept.map(file => ['KEPT', file.kestraPath, KEPT_FILE_REASON[file.reason]])
    ];
    if (rows.length === 0)
        return ['No namespace file to sync.'];
    const header = ['STATE', 'NAMESPACE FILE', 'FILE'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
    return [header, ...rows].map(row => row
        .map((value, column) => value.padEnd(widths[column]))
        .join('  ')
        .trimEnd());
}

;// CONCATENATED MODULE: ./src/report/log-table.ts




/**
 * The changeset as plain text for the job log, one aligned line per flow, in the summary's order:
 * the changes (deletions first), then the unchanged flows, then the flows kept on the server.
 */
function renderLogTable(changeset) {
    const fileLines = renderFileLogLines(changeset.files, changeset.keptFiles);
    const flows = renderFlowTable(changeset);
    return fileLines.length === 0 ? flows : `${flows}\n\n${fileLines.join('\n')}`;
}
function renderFlowTable({ changes, kept }) {
    if (changes.length === 0 && kept.length === 0)
        return 'No flow to sync.';
    const rows = [
        ...inReportOrder(changes).map(change => [
            change.syncState + outcomeSuffix(change),
            flowName(change),
            change.gitPath ?? '-',
            revisionText(change, '->'),
            change.unreadFile
                ? `${change.unreadFile.gitPath}: ${UNREAD_REASON_TEXT[change.unreadFile.reason]}`
                : ''
        ]),
        ...[...kept]
            .sort(compareFlowKeys)
            .map(flow => ['KEPT', flowName(flow), '-', String(flow.revision), KEPT_REASON[flow.reason]])
    ];
    const header = ['STATE', 'FLOW', 'FILE', 'REVISION', ''];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column].length)));
    return [header, ...rows]
        .map(row => row
        .map((value, column) => value.padEnd(widths[column]))
        .join('  ')
        .trimEnd())
        .join('\n');
}

;// CONCATENATED MODULE: ./src/report/outcome.ts


/** Beyond this many, refused flows are counted rather than named. */
const MAX_REFUSED_NAMED = 10;
/**
 * The headline of every report of a sync (summary, comment, log), in two parts: the plan's counts,
 * then what was done and why the rest was not. It never says that the server matches the folder
 * when something was planned and not written.
 */
function describeOutcome(result) {
    const { changes, files } = result.changeset;
    const planned = countByState(changes, () => true);
    const plannedFiles = files && countByState(files, () => true);
    const fileCounts = plannedFiles
        ? `; namespace files +${plannedFiles.ADDED} ~${plannedFiles.UPDATED} -${plannedFiles.DELETED}, ${plannedFiles.UNCHANGED} unchanged`
        : '';
    return {
        counts: `Plan: +${planned.ADDED} ~${planned.UPDATED} -${planned.DELETED}, ${planned.UNCHANGED} unchanged${fileCounts}`,
        outcome: result.dryRun ? dryRunOutcome(result, planned, plannedFiles) : applyOutcome(result)
    };
}
const TO_DO = ['to add', 'to update', 'to delete'];
const outcome_DONE = ['added', 'updated', 'deleted'];
/** The namespace files' part of a sentence on the flows, when files are synced. */
function filesClause(counts, [added, updated, deleted]) {
    if (!counts)
        return '';
    return `; ${counts.ADDED} namespace file(s) ${added}, ${counts.UPDATED} ${updated}, ${counts.DELETED} ${deleted}`;
}
function dryRunOutcome(result, planned, plannedFiles) {
    const why = reasons(result);
    if (changed(planned) + changed(plannedFiles) === 0 && why.length === 0) {
        return 'Dry run: nothing to change, the server matches the folder.';
    }
    const plan = `Dry run, nothing was written: ${planned.ADDED} flow(s) to add, ${planned.UPDATED} to update, ${planned.DELETED} to delete${filesClause(plannedFiles, TO_DO)}.`;
    if (why.length === 0)
        return `${plan} Revisions are the ones the sync would create.`;
    return `${plan} An apply would ${result.failure ? 'write nothing' : 'leave some out'}, because ${why.join(', and ')}.`;
}
function applyOutcome(result) {
    const { changes, files } = result.changeset;
    const isChange = (change) => change.syncState !== 'UNCHANGED';
    const done = countByState(changes, change => isChange(change) && tookEffect(change));
    const notDone = countByState(changes, change => isChange(change) && !tookEffect(change));
    const filesDone = files && countByState(files, file => isChange(file) && tookEffect(file));
    const filesNotDone = files && countByState(files, file => isChange(file) && !tookEffect(file));
    const anyDone = changed(done) + changed(filesDone);
    const anyNotDone = changed(notDone) + changed(filesNotDone);
    const why = reasons(result);
    if (anyNotDone === 0 && why.length === 0) {
        return anyDone === 0
            ? 'Nothing changed: the server matches the folder.'
            : `${done.ADDED} flow(s) added, ${done.UPDATED} updated, ${done.DELETED} deleted${filesClause(filesDone, outcome_DONE)}.`;
    }
    const because = why.length > 0 ? `, because ${why.join(', and ')}` : '';
    if (anyDone === 0 && anyNotDone === 0) {
        return `Nothing to change now, and nothing was written${because}.`;
    }
    const first = anyDone === 0
        ? 'Nothing was written'
        : `Done: ${done.ADDED} added, ${done.UPDATED} updated, ${done.DELETED} deleted${filesClause(filesDone, outcome_DONE)}`;
    return `${first}; not done: ${notDone.ADDED} to add, ${notDone.UPDATED} to update, ${notDone.DELETED} to delete${filesClause(filesNotDone, TO_DO)}${because}.`;
}
/**
 * Why planned changes are not (all) done: the failure's own reason, then the flows the server
 * refuses, which the changeset names.
 */
function reasons(result) {
    const refused = result.changeset.changes.filter(change => change.applyOutcome === 'invalid');
    const named = refused.slice(0, MAX_REFUSED_NAMED).map(flowName);
    const more = refused.length - named.length;
    return [
        ...(result.failure?.reason ? [result.failure.reason] : []),
        ...(refused.length > 0
            ? [
                `the server refuses ${refused.length} flow(s): ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}${result.invalidSkipped.length > 0 ? " (skipped: 'ignore-invalid-flows')" : ''}`
            ]
            : [])
    ];
}
function changed(counts) {
    if (!counts)
        return 0;
    return counts.ADDED + counts.UPDATED + counts.DELETED;
}

;// CONCATENATED MODULE: ./src/report/change-rows.ts

/**
 * The flows' rows, then the files'. A change that did not take effect keeps the server's
 * revision: that is what is there.
 */
function toChangeRows(changes, files = []) {
    const flowRows = changes.map((change) => ({
        kind: 'FLOW',
        gitPath: change.gitPath,
        syncState: change.syncState,
        flowId: change.id,
        namespace: change.namespace,
        revision: tookEffect(change) ? change.revision : change.previousRevision,
        previousRevision: change.previousRevision,
        ...(tookEffect(change) ? {} : { applied: false }),
        ...(change.error ? { error: change.error } : {})
    }));
    const fileRows = files.map((file) => ({
        kind: 'FILE',
        gitPath: file.gitPath,
        syncState: file.syncState,
        namespace: file.namespace,
        kestraPath: file.kestraPath,
        ...(tookEffect(file) ? {} : { applied: false }),
        ...(file.error ? { error: file.error } : {})
    }));
    return [...flowRows, ...fileRows];
}

;// CONCATENATED MODULE: ./src/report/outputs.ts



/**
 * GitHub keeps at most 1 MB of outputs per job, counting two bytes a character: a longer `changes`
 * would be lost to a workflow that passes it on as a job output. 10,000 flows take some 1.8 million
 * characters.
 */
const MAX_CHANGES_LENGTH = 500_000;
/**
 * Every output, so a workflow can branch on them even after a failure. A `changes` list too long
 * for GitHub leaves rows out, UNCHANGED ones first, and `warn` says so; the counts cover every flow
 * and namespace file.
 */
function writeOutputs(setOutput, changes, { planId = '', warn = () => { }, files = [] } = {}) {
    const counts = countAllByState({ changes, files });
    const { json, leftOut } = changesJson(toChangeRows(changes, files));
    setOutput(action_interface/* Output */.k7.Changes, json);
    setOutput(action_interface/* Output */.k7.Added, String(counts.ADDED));
    setOutput(action_interface/* Output */.k7.Updated, String(counts.UPDATED));
    setOutput(action_interface/* Output */.k7.Unchanged, String(counts.UNCHANGED));
    setOutput(action_interface/* Output */.k7.Deleted, String(counts.DELETED));
    setOutput(action_interface/* Output */.k7.HasChanges, String(counts.ADDED + counts.UPDATED + counts.DELETED > 0));
    setOutput(action_interface/* Output */.k7.PlanId, planId);
    if (leftOut) {
        warn(`The '${action_interface/* Output */.k7.Changes}' output leaves out ${leftOut} to stay within GitHub's limit on outputs (${MAX_CHANGES_LENGTH.toLocaleString('en')} characters kept). The counts cover every flow, and the job log lists them all.`);
    }
}
function changesJson(rows) {
    const all = JSON.stringify(rows);
    if (all.length <= MAX_CHANGES_LENGTH)
        return { json: all };
    const changed = rows.filter(row => row.syncState !== 'UNCHANGED');
    const unchanged = `the ${rows.length - changed.length} UNCHANGED row(s)`;
    const withoutUnchanged = JSON.stringify(changed);
    if (withoutUnchanged.length <= MAX_CHANGES_LENGTH) {
        return { json: withoutUnchanged, leftOut: unchanged };
    }
    const kept = [];
    let length = 2; // the brackets
    for (const row of changed) {
        const text = JSON.stringify(row);
        if (length + text.length + 1 > MAX_CHANGES_LENGTH)
            break;
        kept.push(text);
        length += text.length + 1;
    }
    const cut = `the last ${changed.length - kept.length} change(s) of the list`;
    return {
        json: `[${kept.join(',')}]`,
        leftOut: changed.length < rows.length ? `${unchanged} and ${cut}` : cut
    };
}

;// CONCATENATED MODULE: ./src/report/report-layout.ts
/** Room kept for the note that says what was left out. */
const NOTE_ROOM = 800;
/**
 * The layout as Markdown, within the sink's limit. What does not fit is left out at a flow's
 * boundary (whole details first, then whole rows, from the last), and a note says how many flows
 * were left out and where to see them.
 */
function renderLayout(layout, sink) {
    const all = assemble(layout, layout.rows.length, layout.details, layout.optional, []);
    if (sink.measure(all) <= sink.limit)
        return all;
    const size = (text) => sink.measure(text) + 2;
    const budget = sink.limit - NOTE_ROOM;
    let total = [...layout.head, ...layout.tail].reduce((sum, block) => sum + size(block), 0) +
        (layout.rows.length > 0 ? size(layout.tableHead) : 0);
    const rowSizes = layout.rows.map(row => sink.measure(row) + 1);
    const detailSizes = layout.details.map(detail => (detail === undefined ? 0 : size(detail)));
    const optionalSizes = layout.optional.map(part => size(part.text));
    total += [...rowSizes, ...detailSizes, ...optionalSizes].reduce((sum, n) => sum + n, 0);
    const dropOrder = layout.optional
        .map((part, index) => ({ part, index }))
        .sort((a, b) => a.part.rank - b.part.rank || b.index - a.index);
    const dropped = [];
    for (const { part, index } of dropOrder) {
        if (total <= budget)
            break;
        total -= optionalSizes[index];
        dropped.push(part);
    }
    const details = [...layout.details];
    for (let index = details.length - 1; total > budget && index >= 0; index--) {
        if (details[index] === undefined)
            continue;
        total -= detailSizes[index];
        details[index] = undefined;
    }
    let rowsKept = layout.rows.length;
    while (total > budget && rowsKept > 0)
        total -= rowSizes[--rowsKept];
    const leftOut = layout.rows.filter((_, index) => index >= rowsKept || (layout.details[index] !== undefined && details[index] === undefined)).length;
    const note = leftOutNote({
        flows: leftOut,
        unlisted: layout.rows.length - rowsKept,
        parts: dropped.map(part => part.name),
        sink
    });
    const fitted = assemble(layout, rowsKept, details, layout.optional.filter(part => !dropped.includes(part)), [note]);
    return sink.measure(fitted) <= sink.limit ? fitted : cutToLimit(fitted, sink);
}
function assemble(layout, rowsKept, details, optional, notes) {
    const rows = layout.rows.slice(0, rowsKept);
    return [
        ...layout.head,
        ...(rows.length > 0 ? [[layout.tableHead, ...rows].join('\n')] : []),
        ...details.flatMap(detail => (detail === undefined ? [] : [detail])),
        ...optional.map(part => part.text),
        ...notes,
        ...layout.tail
    ].join('\n\n');
}
function leftOutNote({ flows, unlisted, parts, sink }) {
    const what = [
        ...(flows > 0
            ? [
                `the diff or source of ${flows} flow(s)${unlisted > 0 ? ` (${unlisted} of them not in the table either)` : ''}`
            ]
            : []),
        ...parts
    ].join(', ');
    const headline = flows > 0 ? `**${flows} flow(s) left out**` : '**Left out**';
    return `✂️ ${headline} to stay within ${sink.limitName}: ${what}. See ${sink.elsewhere}.`;
}
/** The last resort, when even the parts always kept are too long: cut at a line, and say so. */
function cutToLimit(text, sink) {
    const marker = `\n\n✂️ Cut to stay within ${sink.limitName}. See ${sink.elsewhere}.`;
    const lines = text.split('\n');
    let kept = '';
    let size = sink.measure(marker);
    for (const line of lines) {
        const added = sink.measure(line) + 1;
        if (size + added > sink.limit)
            break;
        kept += `${line}\n`;
        size += added;
    }
    return kept.replace(/\n$/, '') + marker;
}

;// CONCATENATED MODULE: ./src/review/flow-document.ts

/**
 * The parsed flow of a source, for reading its meaning rather than its text; undefined when the
 * text is no YAML mapping (the sync has reported such a flow already).
 */
function loadFlowDocument(source) {
    try {
        const document = (0,js_yaml/* load */.Hh)(source);
        return flow_document_isMapping(document) ? document : undefined;
    }
    catch {
        return undefined;
    }
}
function flow_document_isMapping(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** The mappings of a list; anything else gives none. */
function mappingsOf(value) {
    return Array.isArray(value) ? value.filter(flow_document_isMapping) : [];
}
/** A scalar as text (`id: 12` gives '12'); undefined for a missing value, a list or a mapping. */
function textOf(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    return undefined;
}

;// CONCATENATED MODULE: ./src/review/phrase.ts
/** A name (a flow, a task id, a cron) within a phrase. */
function phrase_name(text) {
    return { code: text };
}
/** The phrase's text, names as they are: for the log, which renders nothing. */
function plainText(phrase) {
    return phrase.map(part => (typeof part === 'string' ? part : part.code)).join('');
}

// EXTERNAL MODULE: ./node_modules/cronstrue/dist/cronstrue.js
var cronstrue = __webpack_require__(2507);
var cronstrue_default = /*#__PURE__*/__webpack_require__.n(cronstrue);
;// CONCATENATED MODULE: ./src/review/schedule-words.ts


/** Trigger types that run a flow on a cron, current names and the aliases before 0.17. */
const SCHEDULE_TYPES = new Set([
    'io.kestra.plugin.core.trigger.Schedule',
    'io.kestra.core.models.triggers.types.Schedule'
]);
function isSchedule(trigger) {
    return SCHEDULE_TYPES.has(textOf(trigger.type) ?? '');
}
/**
 * A Schedule trigger's cron in words, with its timezone: "at 09:00, Monday through Friday
 * (Europe/Paris)". Kestra's crons are those of cron-utils: five fields, or six with `withSeconds`
 * (seconds first, as cronstrue reads six). A cron it cannot read is shown as written.
 */
function scheduleInWords(trigger) {
    const cron = textOf(trigger.cron);
    if (cron === undefined)
        return 'a cron that is not set';
    const timezone = textOf(trigger.timezone);
    const where = timezone ? ` (${timezone})` : " (the server's timezone)";
    try {
        const words = cronstrue_default().toString(cron, {
            use24HourTimeFormat: true,
            throwExceptionOnParseError: true
        });
        return `${words.charAt(0).toLowerCase()}${words.slice(1)}${where}`;
    }
    catch {
        return `the cron \`${cron}\`, which cannot be read${where}`;
    }
}

;// CONCATENATED MODULE: ./src/review/flow-digest.ts




/** Keys of a task that hold other tasks (Dag items hold theirs under `task`). */
const CHILD_TASK_LISTS = [
    'tasks',
    'errors',
    'finally',
    'afterExecution',
    'then',
    'else',
    'defaults'
];
/** Keys of a flow that hold its tasks; `listeners` hold theirs one level down. */
const FLOW_TASK_LISTS = ['tasks', 'errors', 'finally', 'afterExecution'];
/** Keys the digest tells of one by one; any other key that changed is named at the end. */
const DIGESTED_KEYS = new Set([
    ...FLOW_TASK_LISTS,
    'listeners',
    'triggers',
    'inputs',
    'disabled',
    'labels',
    'concurrency',
    'revision'
]);
/**
 * What a change means, read from the parsed flows rather than their text: tasks, triggers
 * (a Schedule's cron in words), inputs that callers depend on, the flow's `disabled`, labels and
 * concurrency. Undefined when either source cannot be parsed.
 */
function digestFlowChange(before, after) {
    const old = loadFlowDocument(before);
    const now = loadFlowDocument(after);
    if (!old || !now)
        return undefined;
    if (sameYamlValue(withoutRevision(old), withoutRevision(now))) {
        return [['only comments or formatting changed']];
    }
    const otherKeys = [...new Set([...Object.keys(old), ...Object.keys(now)])].filter(key => !DIGESTED_KEYS.has(key) && !sameYamlValue(old[key], now[key]));
    return [
        ...flowSwitch(old, now),
        ...taskChanges(tasksOfFlow(old), tasksOfFlow(now)),
        ...triggerChanges(byId(old.triggers), byId(now.triggers)),
        ...inputChanges(byId(old.inputs), byId(now.inputs)),
        ...labelChanges(labelsOf(old.labels), labelsOf(now.labels)),
        ...concurrencyChange(old.concurrency, now.concurrency),
        ...(otherKeys.length > 0 ? [listed('also changed: ', otherKeys)] : [])
    ];
}
function withoutRevision(flow) {
    return without(flow, 'revision');
}
function without(mapping, key) {
    const rest = { ...mapping };
    delete rest[key];
    return rest;
}
function flowSwitch(old, now) {
    const was = old.disabled === true;
    const is = now.disabled === true;
    if (was === is)
        return [];
    return [[is ? 'the flow is now disabled: it no longer runs' : 'the flow is enabled again']];
}
/** Every task of a flow by id, nested ones included, each without the tasks it holds. */
function tasksOfFlow(flow) {
    const tasks = new Map();
    for (const key of FLOW_TASK_LISTS)
        collectTasks(flow[key], tasks);
    for (const listener of mappingsOf(flow.listeners))
        collectTasks(listener.tasks, tasks);
    return tasks;
}
function collectTasks(list, into) {
    for (const item of mappingsOf(list)) {
        // A Dag's items are `{task, dependsOn}`: the task is one level down.
        const task = item.type === undefined && flow_document_isMapping(item.task) ? item.task : item;
        const id = textOf(task.id);
        if (id === undefined || textOf(task.type) === undefined)
            continue;
        const own = { ...task };
        const children = CHILD_TASK_LISTS.filter(key => mappingsOf(task[key]).length > 0);
        for (const key of children)
            delete own[key];
        if (flow_document_isMapping(task.cases))
            delete own.cases;
        // Parents first, in the order of the file.
        if (!into.has(id))
            into.set(id, own);
        for (const key of children)
            collectTasks(task[key], into);
        if (flow_document_isMapping(task.cases)) {
            for (const branch of Object.values(task.cases))
                collectTasks(branch, into);
        }
    }
}
function taskChanges(old, now) {
    const added = [...now.keys()].filter(id => !old.has(id));
    const removed = [...old.keys()].filter(id => !now.has(id));
    const changed = [...now.keys()].filter(id => old.has(id) && !sameYamlValue(old.get(id), now.get(id)));
    return [
        ...(added.length > 0 ? [listed('tasks added: ', added)] : []),
        ...(removed.length > 0 ? [listed('tasks removed: ', removed)] : []),
        ...(changed.length > 0 ? [listed('tasks changed: ', changed)] : [])
    ];
}
function triggerChanges(old, now) {
    const phrases = [];
    for (const [id, trigger] of now) {
        const before = old.get(id);
        if (!before) {
            phrases.push(['trigger ', phrase_name(id), ' added: ', ...triggerWords(trigger)]);
            continue;
        }
        if (sameYamlValue(before, trigger))
            continue;
        const was = before.disabled === true;
        const is = trigger.disabled === true;
        if (was !== is)
            phrases.push(['trigger ', phrase_name(id), is ? ' disabled' : ' enabled']);
        if (sameYamlValue(without(before, 'disabled'), without(trigger, 'disabled')))
            continue;
        phrases.push(isSchedule(trigger) && isSchedule(before)
            ? [
                'trigger ',
                phrase_name(id),
                ' changed: ',
                scheduleInWords(trigger),
                ...(sameSchedule(before, trigger) ? [] : [', was ', scheduleInWords(before)])
            ]
            : ['trigger ', phrase_name(id), ' changed']);
    }
    for (const [id, trigger] of old) {
        if (!now.has(id))
            phrases.push(['trigger ', phrase_name(id), ' removed: ', ...triggerWords(trigger)]);
    }
    return phrases;
}
function sameSchedule(a, b) {
    return a.cron === b.cron && a.timezone === b.timezone;
}
/** A trigger in words: a Schedule's cron, else its kind; and whether it is off. */
function triggerWords(trigger) {
    const kind = shortType(trigger.type);
    return [
        ...(isSchedule(trigger) ? ['Schedule, ', scheduleInWords(trigger)] : [kind]),
        ...(trigger.disabled === true ? [' (disabled)'] : [])
    ];
}
function shortType(type) {
    const text = textOf(type) ?? 'of no type';
    return text.slice(text.lastIndexOf('.') + 1);
}
function inputChanges(old, now) {
    const phrases = [];
    for (const [id, input] of now) {
        const before = old.get(id);
        if (!before) {
            phrases.push(needsValue(input)
                ? [
                    'input ',
                    phrase_name(id),
                    ' added, required with no default: callers that do not pass it break'
                ]
                : ['input ', phrase_name(id), ' added']);
            continue;
        }
        const type = textOf(input.type);
        const typeBefore = textOf(before.type);
        if (type !== typeBefore) {
            phrases.push([
                'input ',
                phrase_name(id),
                ' type ',
                phrase_name(typeBefore ?? 'unset'),
                ' → ',
                phrase_name(type ?? 'unset'),
                ': callers may break'
            ]);
        }
        if (needsValue(input) && !needsValue(before)) {
            phrases.push(['input ', phrase_name(id), ' newly required: callers that do not pass it break']);
        }
    }
    const removed = [...old.keys()].filter(id => !now.has(id));
    if (removed.length > 0) {
        phrases.push([...listed('inputs removed: ', removed), ' (callers that pass them may break)']);
    }
    return phrases;
}
/** Kestra inputs are required unless they say otherwise; a default is a value. */
function needsValue(input) {
    return input.required !== false && input.defaults === undefined;
}
/** Labels as a map, written either as a map or as `[{key, value}]`. */
function labelsOf(value) {
    if (Array.isArray(value)) {
        return new Map(mappingsOf(value).flatMap(label => {
            const key = textOf(label.key);
            return key === undefined ? [] : [[key, textOf(label.value) ?? '']];
        }));
    }
    if (!flow_document_isMapping(value))
        return new Map();
    return new Map(Object.entries(value).map(([key, text]) => [key, textOf(text) ?? '']));
}
function labelChanges(old, now) {
    const parts = [];
    for (const [key, value] of now) {
        if (!old.has(key))
            parts.push(['+', phrase_name(`${key}: ${value}`)]);
        else if (old.get(key) !== value) {
            parts.push([phrase_name(`${key}: ${old.get(key)}`), ' → ', phrase_name(value)]);
        }
    }
    for (const [key, value] of old)
        if (!now.has(key))
            parts.push(['−', phrase_name(`${key}: ${value}`)]);
    if (parts.length === 0)
        return [];
    return [['labels: ', ...parts.flatMap((part, index) => (index === 0 ? part : [', ', ...part]))]];
}
function concurrencyChange(old, now) {
    if (sameYamlValue(old, now))
        return [];
    return [['concurrency: ', concurrencyWords(old), ' → ', concurrencyWords(now)]];
}
function concurrencyWords(value) {
    if (!flow_document_isMapping(value))
        return 'no limit';
    const limit = textOf(value.limit) ?? '?';
    return `limit ${limit}, ${textOf(value.behavior) ?? 'QUEUE'}`;
}
/** Mappings of a list by their `id` (inputs before 0.15: `name`). */
function byId(list) {
    const found = new Map();
    for (const item of mappingsOf(list)) {
        const id = textOf(item.id) ?? textOf(item.name);
        if (id !== undefined && !found.has(id))
            found.set(id, item);
    }
    return found;
}
function listed(lead, names) {
    return [
        lead,
        ...names.flatMap((text, index) => (index === 0 ? [phrase_name(text)] : [', ', phrase_name(text)]))
    ];
}

;// CONCATENATED MODULE: ./src/review/flow-calls.ts

/** Tasks that run another flow, current names and their aliases from before 0.17 and 0.14. */
const CALLING_TASKS = {
    'io.kestra.plugin.core.flow.Subflow': 'Subflow task',
    'io.kestra.core.tasks.flows.Subflow': 'Subflow task',
    'io.kestra.core.tasks.flows.Flow': 'Subflow task',
    'io.kestra.plugin.core.flow.ForEachItem': 'ForEachItem task',
    'io.kestra.core.tasks.flows.ForEachItem': 'ForEachItem task'
};
/** Triggers that start a flow when another one ends. */
const FLOW_TRIGGERS = new Set([
    'io.kestra.plugin.core.trigger.Flow',
    'io.kestra.core.models.triggers.types.Flow'
]);
/** Conditions (of a Flow trigger, perhaps nested in Or, Not, MultipleCondition) naming a flow. */
const FLOW_CONDITIONS = new Set([
    'io.kestra.plugin.core.condition.ExecutionFlow',
    'io.kestra.plugin.core.condition.ExecutionFlowCondition',
    'io.kestra.core.models.conditions.types.ExecutionFlowCondition',
    'io.kestra.plugin.core.condition.FlowCondition',
    'io.kestra.core.models.conditions.types.FlowCondition'
]);
/** Plugin defaults may name a flow for every Subflow task: a default, not a call. */
const DEFAULTS_KEYS = new Set(['pluginDefaults', 'taskDefaults']);
/**
 * The calls of a flow: Subflow and ForEachItem tasks wherever they are nested, and the upstream
 * flows its Flow triggers name in their conditions, preconditions (0.20+) or `dependsOn` (2.0).
 */
function callsOf(flow) {
    const calls = [];
    visitMappings(flow, mapping => {
        const kind = CALLING_TASKS[textOf(mapping.type) ?? ''];
        if (kind)
            calls.push(callFrom(kind, textOf(mapping.id), mapping.namespace, mapping.flowId));
    });
    for (const trigger of mappingsOf(flow.triggers)) {
        if (!FLOW_TRIGGERS.has(textOf(trigger.type) ?? ''))
            continue;
        const via = textOf(trigger.id);
        visitMappings(trigger.conditions, condition => {
            if (FLOW_CONDITIONS.has(textOf(condition.type) ?? '')) {
                calls.push(callFrom('Flow trigger', via, condition.namespace, condition.flowId));
            }
        });
        const upstream = [
            ...(flow_document_isMapping(trigger.preconditions) ? mappingsOf(trigger.preconditions.flows) : []),
            ...mappingsOf(trigger.dependsOn)
        ];
        // An entry without a flowId waits for any flow of its namespace: it names none.
        for (const entry of upstream) {
            if (entry.flowId !== undefined) {
                calls.push(callFrom('Flow trigger', via, entry.namespace, entry.flowId));
            }
        }
    }
    return calls;
}
function callFrom(kind, via, namespace, flowId) {
    return { kind, via: via ?? '(no id)', namespace: textOf(namespace), flowId: textOf(flowId) };
}
function visitMappings(value, visit) {
    if (Array.isArray(value)) {
        for (const item of value)
            visitMappings(item, visit);
        return;
    }
    if (!flow_document_isMapping(value))
        return;
    visit(value);
    for (const [key, child] of Object.entries(value)) {
        if (!DEFAULTS_KEYS.has(key))
            visitMappings(child, visit);
    }
}
/** A namespace or flow id that Kestra renders at run time: no one can tell statically. */
function isTemplate(text) {
    return text === undefined || text.includes('{{') || text.includes('{%');
}

;// CONCATENATED MODULE: ./src/review/deletion-impact.ts





/**
 * Pure: for each flow the plan deletes, the flows that still call it once the sync is done (those
 * of the folder, and those only on the server that the plan keeps), and what stops with it.
 */
function deletionImpacts(changes, { local, server }) {
    const deletions = changes.filter(change => change.syncState === 'DELETED');
    if (deletions.length === 0)
        return [];
    const deleted = new Set(deletions.map(flowKeyString));
    const inFolder = new Set(local.map(flowKeyString));
    const remaining = [
        ...local.map(flow => ({
            key: flow,
            gitPath: flow.gitPath,
            source: flow.source
        })),
        ...server
            .filter(flow => !inFolder.has(flowKeyString(flow)) && !deleted.has(flowKeyString(flow)))
            .map(flow => ({ key: flow, gitPath: undefined, source: flow.source }))
    ];
    // Every call names its flow under a `flowId` key (tasks, conditions, preconditions): a flow
    // whose text has none calls nothing, and is not parsed.
    const calling = remaining.flatMap(flow => {
        if (!flow.source.includes('flowId'))
            return [];
        const document = loadFlowDocument(flow.source);
        const calls = document ? callsOf(document) : [];
        return calls.length > 0 ? [{ ...flow, calls }] : [];
    });
    return deletions.map(change => {
        const callers = [];
        const unresolved = [];
        for (const flow of calling) {
            const sure = flow.calls.filter(call => callsExactly(call, change));
            const maybe = flow.calls.filter(call => mayCall(call, change));
            const caller = { namespace: flow.key.namespace, id: flow.key.id, gitPath: flow.gitPath };
            if (sure.length > 0)
                callers.push({ ...caller, calls: sure });
            if (maybe.length > 0)
                unresolved.push({ ...caller, calls: maybe });
        }
        const moved = changes.find(other => other.syncState === 'ADDED' && other.id === change.id);
        return {
            deleted: change,
            callers: callers.sort(compareFlowKeys),
            unresolved: unresolved.sort(compareFlowKeys),
            stops: stoppedTriggers(change.serverSource),
            movedTo: moved ? { namespace: moved.namespace, id: moved.id } : undefined
        };
    });
}
function callsExactly(call, flow) {
    return call.namespace === flow.namespace && call.flowId === flow.id && !isTemplate(call.namespace);
}
/** A call with a template where the rest does not rule the flow out. */
function mayCall(call, flow) {
    const namespaceOpen = isTemplate(call.namespace);
    const idOpen = isTemplate(call.flowId);
    return ((namespaceOpen || idOpen) &&
        (namespaceOpen || call.namespace === flow.namespace) &&
        (idOpen || call.flowId === flow.id));
}
function stoppedTriggers(source) {
    const document = source === null ? undefined : loadFlowDocument(source);
    if (!document || document.disabled === true)
        return [];
    return mappingsOf(document.triggers).map(trigger => [
        'trigger ',
        phrase_name(String(trigger.id ?? '(no id)')),
        ': ',
        ...triggerWords(trigger)
    ]);
}

;// CONCATENATED MODULE: ./src/review/ui-drift.ts


/**
 * Pure: the flows the plan writes (updates or deletes) whose server source differs from the
 * file at the base commit, the namespace set and the text normalised as the plan compares them:
 * the sync from Git would silently overwrite what was edited on the server.
 */
function findUiDrift(changes, baseFlows) {
    const base = new Map(baseFlows.map(flow => [flowKeyString(flow), flow]));
    return changes.flatMap(change => {
        const before = base.get(flowKeyString(change));
        const serverSource = change.serverSource;
        if (change.syncState !== 'UPDATED' && change.syncState !== 'DELETED')
            return [];
        if (!before || serverSource === null)
            return [];
        return sameFlowSource(serverSource, before.source, change.namespace)
            ? []
            : [{ change, base: before, serverSource }];
    });
}
/**
 * The files of the base commit worth reading for drift: those of the flows the plan updates, and
 * those no longer in the folder (deleted or moved), which may define a flow it deletes. None when
 * the plan neither updates nor deletes.
 */
function baseFilesWanted(changes, localPaths) {
    const updated = new Set(changes.flatMap(change => change.syncState === 'UPDATED' && change.gitPath ? [change.gitPath] : []));
    const deletes = changes.some(change => change.syncState === 'DELETED');
    if (updated.size === 0 && !deletes)
        return undefined;
    const present = new Set(localPaths);
    return gitPath => updated.has(gitPath) || (deletes && !present.has(gitPath));
}

;// CONCATENATED MODULE: ./src/review/plan-review.ts






/** Pure: the review of a plan, from the flows read and the base commit's flows (if any). */
function reviewPlan(changes, flows) {
    const { base } = flows;
    return {
        baseCommit: base?.commit,
        baseUnavailable: base && 'unavailable' in base ? base.unavailable : undefined,
        drift: base && 'flows' in base ? findUiDrift(changes, base.flows) : [],
        deletions: deletionImpacts(changes, flows)
    };
}
/** Deletions that flows left in place still call. */
function brokenDeletions(review) {
    return review.deletions.filter(impact => impact.callers.length > 0);
}
/**
 * What the log says of the review, as warnings: each drifted flow and each broken caller, unless
 * its policy fails the step (the failure names them then).
 */
function reviewNotes(review, policy) {
    const warn = (problems) => problems.map(problem => ({ level: 'warning', message: problem.message }));
    return [
        ...(review.baseUnavailable
            ? warn([{ message: `Drift not checked: ${review.baseUnavailable}` }])
            : []),
        ...(policy.onDrift === 'warn' ? warn(driftProblems(review.drift)) : []),
        ...(policy.onBrokenCallers === 'warn' ? warn(brokenProblems(brokenDeletions(review))) : [])
    ];
}
/**
 * With `on-drift: fail` or `on-broken-callers: fail`, what refuses the plan before any write,
 * naming each flow; undefined when nothing does.
 */
function reviewRefusal(review, policy) {
    const drift = policy.onDrift === 'fail' ? driftProblems(review.drift) : [];
    const broken = policy.onBrokenCallers === 'fail' ? brokenProblems(brokenDeletions(review)) : [];
    if (drift.length === 0 && broken.length === 0)
        return undefined;
    const messages = [
        ...(drift.length > 0
            ? [
                (0,errors/* describeProblems */.yg)(`${drift.length} flow(s) changed on the server since the last sync, and '${action_interface/* Input */.pd.OnDrift}' is 'fail'; nothing was written. Bring the server's change into the branch, or run with '${action_interface/* Input */.pd.OnDrift}: warn' to overwrite it:`, drift)
            ]
            : []),
        ...(broken.length > 0
            ? [
                (0,errors/* describeProblems */.yg)(`${broken.length} flow(s) to delete are still called, and '${action_interface/* Input */.pd.OnBrokenCallers}' is 'fail'; nothing was written:`, broken)
            ]
            : [])
    ];
    const reasons = [
        ...(drift.length > 0
            ? [`${drift.length} flow(s) changed on the server since the last sync`]
            : []),
        ...(broken.length > 0 ? [`${broken.length} flow(s) to delete are still called`] : [])
    ];
    return {
        message: messages.join('\n'),
        problems: [...drift, ...broken],
        reason: reasons.join(', ')
    };
}
function driftProblems(drift) {
    return drift.map(({ change }) => flowProblem(change, 'changed on the server since the last sync — merging overwrites it'));
}
function brokenProblems(impacts) {
    return impacts.map(impact => flowProblem(impact.deleted, `deleted, but still called by ${impact.callers.map(describeCaller).join('; ')}`));
}
/** `team.orchestrator (Subflow task load)`, for the log and failures. */
function describeCaller(caller) {
    const how = caller.calls.map(call => `${call.kind} ${call.via}`).join(', ');
    return `${flowName(caller)} (${how})`;
}

;// CONCATENATED MODULE: ./src/report/review-sections.ts





/**
 * Beyond this many changed flows, the rest get no digest: no report has room for their diffs
 * either (a step summary holds about this many small ones), and parsing them would only cost.
 */
const MAX_DIGESTS = 1000;
/**
 * The links of a report: files at the head commit, flows in the UI at the path of the server's
 * version (`/ui/{tenant}/flows/edit/…` where paths hold the tenant, 0.23+; `/ui/flows/edit/…`
 * before).
 */
function reportLinks(context, server) {
    const { fileBaseUrl, kestraUiUrl } = context;
    const ui = kestraUiUrl && `${kestraUiUrl.replace(/\/+$/, '').replace(/\/ui$/, '')}/ui/`;
    const tenant = server.tenantInPath ? `${encodeURIComponent(context.tenant)}/` : '';
    return {
        ...(fileBaseUrl
            ? {
                fileUrl: (gitPath) => `${fileBaseUrl}/${gitPath.split('/').map(encodeURIComponent).join('/')}`
            }
            : {}),
        ...(ui
            ? {
                flowUrl: (flow) => `${ui}${tenant}flows/edit/${encodeURIComponent(flow.namespace)}/${encodeURIComponent(flow.id)}`
            }
            : {})
    };
}
function indexReview(review) {
    return {
        drift: new Map((review?.drift ?? []).map(drift => [flowKeyString(drift.change), drift])),
        deletions: new Map((review?.deletions ?? []).map(impact => [flowKeyString(impact.deleted), impact]))
    };
}
/** The alerts at the head of the report: drift, broken callers, a base that could not be read. */
function reviewAlerts(review) {
    if (!review)
        return [];
    const drifted = review.drift.map(({ change }) => code(flowName(change)));
    const broken = brokenDeletions(review);
    return [
        ...(drifted.length > 0
            ? [
                markdown_alert('WARNING', `**${drifted.length} flow(s) changed on the server since the last sync — merging overwrites it:** ${drifted.join(', ')}. Each shows the diff base → server below.`)
            ]
            : []),
        ...(broken.length > 0
            ? [
                markdown_alert('WARNING', `**${broken.length} flow(s) to delete are still called:** ${broken
                    .map(impact => `${code(flowName(impact.deleted))} by ${impact.callers.map(caller => code(flowName(caller))).join(', ')}`)
                    .join('; ')}. They fail at their next run.`)
            ]
            : []),
        ...(review.baseUnavailable
            ? [markdown_alert('NOTE', `Drift not checked: ${review.baseUnavailable}`)]
            : [])
    ];
}
/**
 * What a reviewer reads above a flow's collapsed diff or source: the digest of an update, its
 * drift on the server (with the diff base → server), what a deletion breaks and stops.
 */
function reviewAbove(change, index, links, digested) {
    const key = flowKeyString(change);
    const drift = index.drift.get(key);
    const impact = index.deletions.get(key);
    const digest = digested &&
        change.syncState === 'UPDATED' &&
        change.source !== null &&
        change.serverSource !== null
        ? digestFlowChange(change.serverSource, change.source)
        : undefined;
    return [
        ...(drift ? [renderDrift(drift)] : []),
        ...(impact ? renderImpact(impact, links) : []),
        ...(digest && digest.length > 0
            ? [
                [
                    `What changes in ${code(flowName(change))}:`,
                    '',
                    ...digest.map(line => `- ${renderPhrase(line)}`)
                ].join('\n')
            ]
            : [])
    ];
}
function renderDrift({ change, base, serverSource }) {
    const diff = unifiedDiff(base.source, serverSource, {
        before: `base: ${base.gitPath}`,
        after: `server: ${flowName(change)} revision ${change.previousRevision ?? '?'}`
    });
    const headline = `⚠️ ${code(flowName(change))}: **changed on the server since the last sync — merging overwrites it**`;
    if (!diff)
        return headline;
    return [
        headline,
        details(`what changed on the server (base → server) · +${diff.added} −${diff.removed}`, codeBlock(diff.text, 'diff'))
    ].join('\n\n');
}
function renderImpact(impact, links) {
    const name = code(flowName(impact.deleted));
    const lines = [
        ...impact.callers.map(caller => `- ⚠️ still called by ${callerLink(caller, links)}: it fails at its next run`),
        ...impact.unresolved.map(caller => `- ❔ ${callerLink(caller, links, false)}: ${caller.calls
            .map(call => `${call.kind} ${code(call.via)} calls ${code(`${call.namespace ?? '?'}.${call.flowId ?? '?'}`)}`)
            .join(', ')}, a template: it may call this flow, which cannot be resolved before it runs`),
        ...impact.stops.map(line => `- stops with it: ${renderPhrase(line)}`),
        ...(impact.movedTo
            ? [
                `- the plan adds ${code(flowName(impact.movedTo))}: if the file moved, callers still name ${name}`
            ]
            : [])
    ];
    return lines.length > 0 ? [`${name} deleted:\n\n${lines.join('\n')}`] : [];
}
function callerLink(caller, links, withCalls = true) {
    const flow = links.flowUrl
        ? `[${code(flowName(caller))}](${links.flowUrl(caller)})`
        : code(flowName(caller));
    const where = caller.gitPath
        ? links.fileUrl
            ? ` ([${code(caller.gitPath)}](${links.fileUrl(caller.gitPath)}))`
            : ` (${code(caller.gitPath)})`
        : ' (on the server only)';
    if (!withCalls)
        return `${flow}${where}`;
    const how = caller.calls.map(call => `${call.kind} ${code(call.via)}`).join(', ');
    return `${flow}${where}, ${how}`;
}
/** The source of a deleted flow, collapsed: what a reviewer would bring back if need be. */
function deletedSource(change) {
    if (change.syncState !== 'DELETED' || change.serverSource === null)
        return undefined;
    const lines = change.serverSource.replace(/\n$/, '').split('\n').length;
    return details(`🗑️ <code>${escapeHtml(flowName(change))}</code> · deleted (was r${change.previousRevision ?? '?'}), ${lines} line(s)`, codeBlock(change.serverSource, 'yaml'));
}
/** A phrase in Markdown: names as code, the rest escaped. */
function renderPhrase(phrase) {
    return phrase
        .map(part => (typeof part === 'string' ? escapeHtml(part) : code(part.code)))
        .join('');
}

;// CONCATENATED MODULE: ./src/report/plan-report.ts












/** Beyond this many, unchanged flows are counted rather than listed. */
const MAX_UNCHANGED_LISTED = 500;
/** Beyond this many, flows to delete are counted in the alert rather than named. */
const plan_report_MAX_DELETIONS_NAMED = 10;
/**
 * The one rendering of a sync, in GitHub Markdown, for the step summary and the pull request
 * comment alike: the counts, a table of the changed flows (deletions first), a unified diff
 * (server -> repository) per updated flow and the source of each added one, collapsed, then the
 * rest. It fits the sink's limit by leaving out whole flows, and says so.
 */
function renderReport(result, context, sink) {
    const { changes, kept } = result.changeset;
    const ordered = inReportOrder(changes);
    const changed = ordered.filter(change => change.syncState !== 'UNCHANGED');
    const unchanged = ordered.filter(change => change.syncState === 'UNCHANGED');
    const links = reportLinks(context, result.server);
    const review = indexReview(result.review);
    const layout = {
        head: [
            heading(result.dryRun, context, result.failure !== undefined),
            headline(result, context),
            ...(result.failure ? [markdown_alert('CAUTION', result.failure.message)] : []),
            ...deletionAlert(changed, result.dryRun),
            ...fileDeletionAlert(result.changeset.files, result.dryRun),
            ...reviewAlerts(result.review)
        ],
        tableHead: '| | Flow | File | Revision |\n| --- | --- | --- | --- |',
        rows: changed.map(change => renderRow(change, links)),
        details: changed.map((change, index) => {
            const digested = index < MAX_DIGESTS;
            const parts = [...reviewAbove(change, review, links, digested), ...flowDetails(change)];
            return parts.length > 0 ? parts.join('\n\n') : undefined;
        }),
        // Ranked by what a reviewer misses most once left out: problems last to go.
        optional: [
            ...fileReportParts(result.changeset.files, result.changeset.keptFiles),
            ...(unchanged.length > 0
                ? [{ text: renderUnchanged(unchanged), name: 'the list of unchanged flows', rank: 1 }]
                : []),
            ...(kept.length > 0
                ? [{ text: renderKept(kept), name: 'the flows kept on the server', rank: 2 }]
                : []),
            ...problemsPart('Skipped invalid flows', result.invalidSkipped, {
                name: 'the skipped invalid flows',
                rank: 4
            }),
            ...problemsPart('Server notices', result.notices, { name: "the server's notices", rank: 3 }),
            ...(result.skippedFiles.length > 0
                ? [{ text: renderSkippedFiles(result.skippedFiles), name: 'the files skipped', rank: 0 }]
                : [])
        ],
        tail: footer(context, result.planId)
    };
    if (changes.length === 0 && kept.length === 0) {
        layout.head.push('No flow in the folder or in scope on the server.');
    }
    return renderLayout(layout, sink);
}
/** A sync that stopped before it had a plan: the heading and the reason. */
function renderFailureReport(message, context, sink) {
    const title = context.targetNamespace
        ? `## Kestra sync: ${code(context.targetNamespace)}${onEnvironment(context)} failed`
        : '## Kestra sync failed';
    return renderLayout({
        head: [title, markdown_alert('CAUTION', message)],
        tableHead: '',
        rows: [],
        details: [],
        optional: [],
        tail: footer(context, undefined)
    }, sink);
}
function heading(dryRun, context, failed) {
    return `## Kestra sync${dryRun ? ' (dry run)' : ''}: ${code(context.targetNamespace)}${onEnvironment(context)}${failed ? ' failed' : ''}`;
}
function onEnvironment(context) {
    return context.environment ? ` on ${code(context.environment)}` : '';
}
/**
 * The plan's counts against the server (`Plan: +2 ~1 -1, 14 unchanged`), then what was done and
 * why the rest was not.
 */
function headline(result, context) {
    // Named by version, edition, tenant and environment, never by its URL: anyone who can read
    // the pull request or the run (on a public repository, anyone) reads this.
    const server = `Kestra ${result.server.version} (${result.server.edition})${result.server.tenantInPath ? `, tenant ${code(context.tenant)}` : ''}${context.environment ? `, environment ${code(context.environment)}` : ''}`;
    const { counts, outcome } = describeOutcome(result);
    return `**${counts}** against ${server}\n\n${outcome}`;
}
function deletionAlert(changed, dryRun) {
    const deletions = changed.filter(change => change.syncState === 'DELETED' && tookEffect(change));
    if (deletions.length === 0)
        return [];
    const named = deletions.slice(0, plan_report_MAX_DELETIONS_NAMED).map(change => code(flowName(change)));
    const more = deletions.length - named.length;
    const unread = deletions.flatMap(change => (change.unreadFile ? [change.unreadFile] : []));
    const unreadFiles = [...unread]
        .sort((a, b) => compareStrings(a.gitPath, b.gitPath))
        .slice(0, plan_report_MAX_DELETIONS_NAMED)
        .map(file => `${code(file.gitPath)} (${UNREAD_REASON_TEXT[file.reason]})`);
    const whyUnread = unread.length === 0
        ? ''
        : ` ${unread.length} of them because the sync does not read their files: ${unreadFiles.join(', ')}${unread.length > unreadFiles.length ? ` and ${unread.length - unreadFiles.length} more` : ''}; to keep such a flow, let the sync read its file.`;
    return [
        markdown_alert('WARNING', `**${deletions.length} flow(s) ${dryRun ? 'would be' : 'were'} deleted** from the server: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}.${whyUnread}`)
    ];
}
function renderRow(change, links) {
    const file = change.gitPath
        ? linked(codeCell(change.gitPath), links.fileUrl?.(change.gitPath))
        : change.unreadFile
            ? `${codeCell(change.unreadFile.gitPath)}: ${UNREAD_REASON_TEXT[change.unreadFile.reason]}`
            : '—';
    const state = STATE_LABEL[change.syncState] + outcomeSuffix(change);
    const flow = linked(codeCell(flowName(change)), links.flowUrl?.(change));
    return `| ${state} | ${flow} | ${file} | ${revisionText(change, '→')} |`;
}
function linked(text, url) {
    return url ? `[${text}](${url})` : text;
}
/** The diff of an UPDATED flow, the source of an ADDED or DELETED one, collapsed. */
function flowDetails(change) {
    const deleted = deletedSource(change);
    if (deleted)
        return [deleted];
    const place = [
        `${STATE_ICON[change.syncState]} <code>${escapeHtml(flowName(change))}</code>`,
        ...(change.gitPath ? [`<code>${escapeHtml(change.gitPath)}</code>`] : [])
    ];
    if (change.syncState === 'UPDATED' && change.source !== null && change.serverSource !== null) {
        const diff = unifiedDiff(change.serverSource, change.source, {
            before: `server: ${flowName(change)} revision ${change.previousRevision ?? '?'}`,
            after: `repository: ${change.gitPath ?? flowName(change)}`
        });
        // Never undefined: UPDATED means the sources differ even with LF line endings.
        return diff
            ? [
                details([...place, `+${diff.added} −${diff.removed}`].join(' · '), codeBlock(diff.text, 'diff'))
            ]
            : [];
    }
    if (change.syncState === 'ADDED' && change.source !== null) {
        const lines = change.source.replace(/\n$/, '').split('\n').length;
        return [
            details([...place, `new, ${lines} line(s)`].join(' · '), codeBlock(change.source, 'yaml'))
        ];
    }
    return [];
}
function renderUnchanged(unchanged) {
    const listed = unchanged.slice(0, MAX_UNCHANGED_LISTED);
    const more = unchanged.length - listed.length;
    return details(`${unchanged.length} unchanged flow(s)`, [
        ...listed.map(change => `- ${code(flowName(change))}${change.gitPath ? ` · ${code(change.gitPath)}` : ''} · revision ${change.previousRevision ?? '?'}`),
        ...(more > 0 ? [`- and ${more} more`] : [])
    ].join('\n'));
}
function renderKept(kept) {
    return details(`${kept.length} flow(s) only on the server, kept`, [...kept]
        .sort(compareFlowKeys)
        .map(flow => `- ${code(flowName(flow))} (revision ${flow.revision}): ${KEPT_REASON[flow.reason]}`)
        .join('\n'));
}
function problemsPart(title, problems, part) {
    if (problems.length === 0)
        return [];
    const lines = problems.map(problem => {
        const place = (0,errors/* problemPlace */.NT)(problem);
        return `- ${place ? `${code(place)}: ` : ''}${escapeHtml(problem.message).replace(/\r?\n/g, ' ')}`;
    });
    return [{ text: [`#### ${title}`, '', ...lines].join('\n'), ...part }];
}
function renderSkippedFiles(files) {
    return details(`${files.length} file(s) skipped: not .yml or .yaml`, files.map(file => `- ${code(file)}`).join('\n'));
}
/** The plan id, the commit and the run: none, one line. */
function footer(context, planId) {
    const parts = [
        ...(planId ? [`Plan id ${code(planId)}`] : []),
        ...(context.commit ? [`commit ${code(context.commit.slice(0, 12))}`] : []),
        ...(context.runUrl ? [`[workflow run](${context.runUrl})`] : [])
    ];
    return parts.length > 0 ? [`<sub>${parts.join(' · ')}</sub>`] : [];
}

;// CONCATENATED MODULE: ./src/apply/file-write-order.ts
/**
 * The namespace files to write, in two steps: first, one at a time, each file that opens a folder
 * the server does not have yet (the namespace's root included), then all the others at once.
 * Kestra 1.2+ records each folder in a table as a file's upload creates it: two uploads that
 * create the same folder at once collide there, and one of them fails (500, unique key violated,
 * seen on 1.3.0). Once its folders exist, a file is one row of its own.
 */
function fileWriteSteps(files, toWrite) {
    const existing = new Set();
    for (const file of files) {
        if (file.serverContent !== null)
            for (const folder of foldersOf(file.kestraPath))
                existing.add(folder);
    }
    const opening = [];
    const others = [];
    for (const file of toWrite) {
        const folders = foldersOf(file.kestraPath);
        if (folders.every(folder => existing.has(folder))) {
            others.push(file);
            continue;
        }
        opening.push(file);
        for (const folder of folders)
            existing.add(folder);
    }
    return [opening, others];
}
/** `/a/b/c.txt` → `/`, `/a`, `/a/b`. */
function foldersOf(kestraPath) {
    const segments = kestraPath.split('/').slice(1, -1);
    return ['/', ...segments.map((_, index) => `/${segments.slice(0, index + 1).join('/')}`)];
}

;// CONCATENATED MODULE: ./src/apply/apply-changeset.ts




/**
 * Carries out the changeset: namespace files written first (a flow may run at once and read
 * them; see fileWriteSteps for their order), then flows created, then flows updated, then the deletions of flows and files alike;
 * each phase only when the one before succeeded in full. UNCHANGED items are not touched. Creates
 * come before updates so an updated flow can call a new subflow (0.x servers check subflows on
 * update). After a failure no new write starts (those in flight finish), and every change says
 * what became of it.
 */
async function applyChangeset(client, changeset, concurrency) {
    const files = changeset.files ?? [];
    // A change that already has an outcome (an invalid flow) is not for writing.
    const flowTasks = (state) => changeset.changes
        .filter(change => change.syncState === state && isPendingWrite(change))
        .map(change => ({ change, write: () => applyOne(client, change) }));
    const fileTasks = (chosen) => chosen.map(file => ({ change: file, write: () => applyFile(client, file) }));
    const pendingFiles = (states) => files.filter(file => states.includes(file.syncState) && isPendingWrite(file));
    const [opening, others] = fileWriteSteps(files, pendingFiles(['ADDED', 'UPDATED']));
    const phases = [
        { tasks: fileTasks(opening), concurrency: 1 },
        { tasks: fileTasks(others), concurrency },
        { tasks: flowTasks('ADDED'), concurrency },
        { tasks: flowTasks('UPDATED'), concurrency },
        {
            tasks: [...flowTasks('DELETED'), ...fileTasks(pendingFiles(['DELETED']))],
            concurrency
        }
    ];
    const applied = new Map();
    let failed = false;
    for (const { tasks, concurrency: inFlight } of phases) {
        if (failed) {
            for (const { change } of tasks)
                applied.set(change, apply_changeset_notAttempted(change));
            continue;
        }
        const outcomes = await mapConcurrent(tasks, inFlight, async ({ change, write }) => {
            try {
                return { ...(await write()), applyOutcome: 'applied' };
            }
            catch (error) {
                failed = true;
                return { ...change, applyOutcome: 'failed', error: (0,errors/* errorMessage */.gJ)(error) };
            }
        }, () => failed);
        tasks.forEach(({ change }, position) => applied.set(change, outcomes[position] ?? apply_changeset_notAttempted(change)));
    }
    const outcome = (change) => applied.get(change) ?? change;
    return {
        changes: changeset.changes.map(outcome),
        ...(changeset.files ? { files: changeset.files.map(outcome) } : {})
    };
}
async function applyFile(client, file) {
    if (file.syncState === 'DELETED') {
        await client.deleteNamespaceFile(file.namespace, file.kestraPath);
    }
    else {
        await client.writeNamespaceFile(file.namespace, file.kestraPath, file.content);
    }
    return file;
}
function apply_changeset_notAttempted(change) {
    return { ...change, applyOutcome: 'not-attempted' };
}
async function applyOne(client, change) {
    switch (change.syncState) {
        case 'ADDED':
            return withRevision(change, await client.createFlow(change, change.source));
        case 'UPDATED':
            return withRevision(change, await client.updateFlow(change, change.source));
        case 'DELETED':
            await client.deleteFlow(change);
            return change;
        case 'UNCHANGED':
            return change;
    }
}
function withRevision(change, saved) {
    return { ...change, revision: saved.revision ?? change.revision };
}

;// CONCATENATED MODULE: ./src/local/check-local-flows.ts



/** The usual cause of a missing folder: the job never checked the repository out. */
const CHECKOUT_QUESTION = 'Did the job run actions/checkout before this step?';
/**
 * Refuses, before any request, what must never reach the server: a missing folder (unless told),
 * two files for one flow and unreadable files (unless told to skip them) — all of these at once,
 * so one run shows every problem — and a deletion driven by a folder without flows, which would
 * empty the namespace.
 */
function checkLocalFlows(local, options) {
    if (!local.directoryExists && (options.failOnMissingDirectory || options.delete)) {
        const guard = options.delete
            ? `'${action_interface/* Input */.pd.Delete}' is true: refusing to delete every flow of ${options.scopeName}.`
            : `Check the path, or set '${action_interface/* Input */.pd.FailOnMissingDirectory}: false' to read it as empty.`;
        throw new errors/* UserFacingError */.Ui(`The folder '${options.directoryName}' (input '${action_interface/* Input */.pd.GitDirectory}') does not exist in the workspace. ${CHECKOUT_QUESTION} ${guard}`);
    }
    const sections = [];
    const problems = [];
    if (local.duplicates.length > 0) {
        const lines = local.duplicates.map(duplicate => `  - ${flowName(duplicate)}: ${duplicate.files.map(file => `${file.gitPath}:${file.line}`).join(' and ')}`);
        sections.push(`Several files define the same flow (namespace and id); give each flow its own id:\n${lines.join('\n')}`);
        problems.push(...local.duplicates.flatMap(duplicate => duplicate.files.map(file => ({
            gitPath: file.gitPath,
            line: file.line,
            message: `flow '${duplicate.id}' of namespace '${duplicate.namespace}' is also defined in ${duplicate.files
                .filter(other => other !== file)
                .map(other => other.gitPath)
                .join(', ')}`
        }))));
    }
    if (local.invalid.length > 0 && !options.ignoreInvalidFlows) {
        sections.push((0,errors/* describeProblems */.yg)(`${local.invalid.length} flow file(s) cannot be read; fix them, or set '${action_interface/* Input */.pd.IgnoreInvalidFlows}: true' to skip them:`, local.invalid));
        problems.push(...local.invalid);
    }
    if (sections.length > 0) {
        throw new errors/* UserFacingError */.Ui(`Nothing was written. ${sections.join('\n')}`, problems);
    }
    if (options.delete && local.flows.length === 0) {
        throw new errors/* UserFacingError */.Ui(`'${action_interface/* Input */.pd.Delete}' is true but '${options.directoryName}' holds no valid flow: refusing to delete every flow of ${options.scopeName}. Nothing was written.`);
    }
}

;// CONCATENATED MODULE: ./src/local/local-read-notes.ts

/** What reading the flows folder found, for the log: the files read, and those that were not. */
function describeLocalRead(local, { directoryName, delete: deletes }) {
    const lines = [];
    const say = (level, message) => lines.push({ level, message });
    if (!local.directoryExists) {
        say('warning', `The folder '${directoryName}' does not exist: read as empty. ${CHECKOUT_QUESTION}`);
    }
    say('info', `${local.flows.length + local.invalid.length} flow file(s) in '${directoryName}'.`);
    if (local.skipped.length > 0) {
        say('notice', `${local.skipped.length} file(s) skipped, not being .yml or .yaml: ${local.skipped.join(', ')}`);
    }
    if (local.hidden.length > 0) {
        say('notice', `${local.hidden.length} file(s) not read, their names starting with a dot: ${local.hidden.join(', ')}. Rename them to sync them${deletes ? "; with 'delete', the server's copies of their flows are deleted" : ''}.`);
    }
    if (local.unreadFolders.length > 0) {
        say('notice', `${local.unreadFolders.length} sub-folder(s) not read, as 'include-child-namespaces' is false: ${local.unreadFolders.join(', ')}`);
    }
    for (const file of local.ignored)
        say('info', `Ignored ${file}: matched by .kestraignore.`);
    return lines;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/util/inside-folder.ts
var inside_folder = __webpack_require__(6987);
;// CONCATENATED MODULE: ./src/local/directory-entry.ts



async function classifyEntry(entry, absolutePath, workspaceRoot) {
    if (entry.isDirectory())
        return { kind: 'directory' };
    if (entry.isFile())
        return { kind: 'file' };
    if (!entry.isSymbolicLink())
        return { kind: 'other' };
    let target;
    try {
        target = await (0,promises_.realpath)(absolutePath);
    }
    catch (error) {
        return {
            kind: 'problem',
            isFolder: false,
            message: `This symbolic link cannot be resolved (${fsErrorCode(error) ?? 'unknown error'}): fix or remove it, or list it in .kestraignore.`
        };
    }
    const isFolder = (await (0,promises_.stat)(target)).isDirectory();
    if (!(0,inside_folder/* isInsideFolder */.z)(workspaceRoot, target)) {
        return {
            kind: 'problem',
            isFolder,
            message: `This symbolic link points outside the workspace, which is never read: copy the ${isFolder ? 'folder' : 'file'} into the workspace, or list the link in .kestraignore.`
        };
    }
    if (isFolder) {
        return {
            kind: 'problem',
            isFolder,
            message: 'This symbolic link points to a folder; links to folders are not followed. Use a real folder, or list the link in .kestraignore.'
        };
    }
    return { kind: 'file' };
}

// EXTERNAL MODULE: ./src/local/git-path.ts
var git_path = __webpack_require__(5399);
// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __webpack_require__(298);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
;// CONCATENATED MODULE: ./src/local/kestra-ignore.ts





const KESTRA_IGNORE_FILE = '.kestraignore';
/**
 * The rules of `.kestraignore` at the root of the flows folder, in gitignore syntax as in Kestra.
 * A file inside an excluded folder is excluded too, and a negation cannot bring it back (as in git).
 */
async function loadKestraIgnore(directory) {
    let rules;
    try {
        rules = await (0,promises_.readFile)(external_node_path_.join(directory, KESTRA_IGNORE_FILE), 'utf8');
    }
    catch (error) {
        if (fsErrorCode(error) === 'ENOENT')
            return () => false;
        throw error;
    }
    const matcher = ignore_default()().add(stripBom(rules));
    return relativePath => matcher.ignores(relativePath);
}

;// CONCATENATED MODULE: ./src/local/discover-files.ts







const discover_files_FLOW_FILE_NAME = /\.ya?ml$/i;
/**
 * Lists the files of the flows folder. Names starting with a dot (`.git`, `.github`, `.gitkeep`,
 * `.kestraignore`...) are never flows, files and folders alike, as for kestractl. Those that look
 * like flows are named: with `delete`, the server's copy of such a flow would go.
 */
async function discoverFiles({ workspace, directory, recursive }) {
    const workspaceRoot = await (0,promises_.realpath)(workspace);
    if (!(0,inside_folder/* isInsideFolder */.z)(workspaceRoot, await (0,promises_.realpath)(directory))) {
        throw new errors/* UserFacingError */.Ui(`The flows folder '${(0,git_path/* toGitPath */.r)(workspace, directory)}' is a link to a folder outside the workspace; it is not read.`);
    }
    const isIgnored = await loadKestraIgnore(directory);
    const found = {
        candidates: [],
        skipped: [],
        ignored: [],
        hidden: [],
        invalid: [],
        unreadFolders: [],
        unreadFlowFiles: []
    };
    const visit = async (folder, folders) => {
        // Once per folder rather than per file: path.relative is a tenth of the read of 1,000 files.
        const folderGitPath = (0,git_path/* toGitPath */.r)(workspace, folder);
        const gitPathOf = (name) => folderGitPath === '' ? name : `${folderGitPath}/${name}`;
        for (const dirent of await (0,promises_.readdir)(folder, { withFileTypes: true })) {
            const absolutePath = external_node_path_.join(folder, dirent.name);
            if (dirent.name.startsWith('.')) {
                if (discover_files_FLOW_FILE_NAME.test(dirent.name) && !dirent.isDirectory()) {
                    const gitPath = gitPathOf(dirent.name);
                    found.hidden.push(gitPath);
                    found.unreadFlowFiles.push({ gitPath, absolutePath, folders, reason: 'dot-file' });
                }
                continue;
            }
            const entry = await classifyEntry(dirent, absolutePath, workspaceRoot);
            if (entry.kind === 'directory') {
                // Excluded folders are walked too: their files are listed as ignored.
                if (recursive)
                    await visit(absolutePath, [...folders, dirent.name]);
                else if (!isIgnored(`${dirent.name}/`))
                    found.unreadFolders.push(gitPathOf(dirent.name));
                continue;
            }
            const isFolder = entry.kind === 'problem' && entry.isFolder;
            if (isFolder && !recursive)
                continue;
            const gitPath = gitPathOf(dirent.name);
            const relativePath = [...folders, dirent.name].join('/');
            if (isIgnored(isFolder ? `${relativePath}/` : relativePath)) {
                found.ignored.push(gitPath);
                if (entry.kind === 'file' && discover_files_FLOW_FILE_NAME.test(dirent.name)) {
                    found.unreadFlowFiles.push({ gitPath, absolutePath, folders, reason: 'kestraignore' });
                }
            }
            else if (entry.kind === 'problem')
                found.invalid.push({ gitPath, message: entry.message });
            else if (entry.kind === 'file' && discover_files_FLOW_FILE_NAME.test(dirent.name)) {
                found.candidates.push({ gitPath, absolutePath, folders });
            }
            else
                found.skipped.push(gitPath);
        }
    };
    await visit(directory, []);
    return found;
}

;// CONCATENATED MODULE: ./src/local/duplicate-flows.ts


/**
 * Splits flows into those with a (namespace, id) of their own and the groups of files that share
 * one. A shared key cannot be synced (which file would win?), so none of its files is kept.
 */
function separateDuplicates(flows) {
    const byKey = new Map();
    for (const flow of flows) {
        const key = flowKeyString(flow);
        const group = byKey.get(key);
        if (group)
            group.push(flow);
        else
            byKey.set(key, [flow]);
    }
    const unique = [];
    const duplicates = [];
    for (const [first, ...others] of byKey.values()) {
        if (!first)
            continue;
        if (others.length === 0) {
            unique.push(first);
            continue;
        }
        const files = [first, ...others]
            .map(flow => ({ gitPath: flow.gitPath, line: flow.idLine }))
            .sort((a, b) => compareStrings(a.gitPath, b.gitPath));
        duplicates.push({ namespace: first.namespace, id: first.id, files });
    }
    duplicates.sort((a, b) => compareStrings(flowKeyString(a), flowKeyString(b)));
    return { unique, duplicates };
}

;// CONCATENATED MODULE: ./src/local/read-local-flows.ts











/**
 * Reads the flows of the flows folder and sets each one's namespace, as SyncFlows does. Bad files
 * are reported in the result, never thrown; only an unusable folder throws.
 */
async function readLocalFlows(options) {
    const directory = external_node_path_.resolve(options.workspace, options.directory);
    if (!(await isExistingFolder(options.workspace, directory))) {
        return {
            directoryExists: false,
            flows: [],
            invalid: [],
            duplicates: [],
            skipped: [],
            ignored: [],
            hidden: [],
            unreadFolders: [],
            unread: [],
            unparsed: new Map()
        };
    }
    const discovered = await discoverFiles({
        workspace: options.workspace,
        directory,
        recursive: options.includeChildNamespaces
    });
    const flows = [];
    const invalid = [...discovered.invalid];
    const unparsed = new Map();
    const parse = options.deferParse ? 'unless-scanned' : 'always';
    for (const candidate of discovered.candidates) {
        const result = readCandidate(candidate, options.targetNamespace, parse);
        if (!('flow' in result))
            invalid.push(result.problem);
        else {
            flows.push(result.flow);
            if (result.unparsedText !== undefined)
                unparsed.set(candidate.gitPath, result.unparsedText);
        }
    }
    const { unique, duplicates } = separateDuplicates(flows);
    return {
        directoryExists: true,
        flows: unique.sort((a, b) => compareStrings(a.gitPath, b.gitPath)),
        invalid: invalid.sort(byPathAndLine),
        duplicates,
        skipped: discovered.skipped.sort(compareStrings),
        ignored: discovered.ignored.sort(compareStrings),
        hidden: discovered.hidden.sort(compareStrings),
        unreadFolders: discovered.unreadFolders.sort(compareStrings),
        unread: options.identifyUnread
            ? identifyUnread(discovered.unreadFlowFiles, options.targetNamespace)
            : [],
        unparsed
    };
}
/**
 * The local flows with every unparsed one confirmed: kept as is when the server stores its very
 * text (which Kestra's parser accepted), else parsed, becoming a problem when the parse refuses
 * it. The rest is as read.
 */
function confirmLocalFlows(local, serverSource) {
    if (local.unparsed.size === 0)
        return local;
    const flows = [];
    const invalid = [...local.invalid];
    for (const flow of local.flows) {
        const text = local.unparsed.get(flow.gitPath);
        if (text === undefined || serverSource(flow) === flow.source) {
            flows.push(flow);
            continue;
        }
        const result = flowFromText(flow.gitPath, text, flow.namespace);
        if ('flow' in result)
            flows.push(result.flow);
        else
            invalid.push(result.problem);
    }
    return {
        ...local,
        flows,
        invalid: invalid.sort(byPathAndLine),
        unparsed: new Map()
    };
}
function byPathAndLine(a, b) {
    return compareStrings(a.gitPath, b.gitPath) || (a.line ?? 0) - (b.line ?? 0);
}
/** The flows that files left unread define, from those that can be read far enough to tell. */
function identifyUnread(files, targetNamespace) {
    return files.flatMap(file => {
        const result = readCandidate(file, targetNamespace);
        const key = 'flow' in result ? result.flow : result.problem.key;
        return key
            ? [{ namespace: key.namespace, id: key.id, gitPath: file.gitPath, reason: file.reason }]
            : [];
    });
}
function readCandidate(candidate, targetNamespace, parse = 'always') {
    const child = childNamespace(targetNamespace, candidate.folders);
    if ('problem' in child)
        return { problem: { gitPath: candidate.gitPath, message: child.problem } };
    return readFlowFile(candidate.gitPath, candidate.absolutePath, child.namespace, parse);
}
async function isExistingFolder(workspace, directory) {
    try {
        if ((await (0,promises_.stat)(directory)).isDirectory())
            return true;
    }
    catch (error) {
        const code = fsErrorCode(error);
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return false;
        throw error;
    }
    throw new errors/* UserFacingError */.Ui(`'${(0,git_path/* toGitPath */.r)(workspace, directory)}' (input '${action_interface/* Input */.pd.GitDirectory}') is a file, not a folder of flows.`);
}

;// CONCATENATED MODULE: ./src/plan/apply-outcome.ts



/** What the apply did, as one line for the log, and its failure when a write failed. */
function describeApply(changes, files = []) {
    const count = (outcome) => [...changes, ...files].filter(change => change.applyOutcome === outcome).length;
    const [applied, failed, notAttempted] = [
        count('applied'),
        count('failed'),
        count('not-attempted')
    ];
    const summary = `${applied} of ${applied + failed + notAttempted} write(s) done, ${failed} failed.`;
    if (failed === 0)
        return { summary };
    const problems = [
        ...files
            .filter(file => file.applyOutcome === 'failed')
            .map(file => ({
            ...(file.gitPath ? { gitPath: file.gitPath } : {}),
            message: `${fileName(file)}: ${file.error ?? 'failed'}`
        })),
        ...changes
            .filter(change => change.applyOutcome === 'failed')
            .map(change => flowProblem(change, change.error ?? 'failed'))
    ];
    const message = (0,errors/* describeProblems */.yg)(`The apply stopped: ${applied} write(s) done, ${failed} failed, ${notAttempted} not attempted. A new run applies what is left.`, problems);
    const reason = `${failed} write(s) failed${notAttempted > 0 ? ` and ${notAttempted} were not attempted` : ''}`;
    return { summary, failure: { message, problems, reason } };
}

;// CONCATENATED MODULE: ./src/plan/plan-changeset.ts




/**
 * Pure: the changeset that makes the server match the local flows. A flow is UNCHANGED when the
 * sources are the same flow (see `sameFlowSource`), so it is never written again.
 */
function planChangeset(input) {
    const serverByKey = new Map(input.server.map(flow => [flowKeyString(flow), flow]));
    const localKeys = new Set(input.local.map(flowKeyString));
    const invalidKeys = new Set(input.invalidInGit.map(flowKeyString));
    const unreadByKey = new Map();
    for (const flow of input.unreadInGit ?? []) {
        if (!unreadByKey.has(flowKeyString(flow)))
            unreadByKey.set(flowKeyString(flow), flow);
    }
    const upserts = input.local.map((flow) => {
        const onServer = serverByKey.get(flowKeyString(flow));
        const base = {
            namespace: flow.namespace,
            id: flow.id,
            gitPath: flow.gitPath,
            idLine: flow.idLine,
            ...(flow.namespaceLineAdded ? { namespaceLineAdded: true } : {}),
            source: flow.source
        };
        if (!onServer) {
            return {
                ...base,
                syncState: 'ADDED',
                serverSource: null,
                previousRevision: null,
                revision: 1
            };
        }
        // Identical texts, the usual case, are equal without building two normalised copies.
        const unchanged = onServer.source === flow.source ||
            sameFlowSource(onServer.source, flow.source, flow.namespace);
        return {
            ...base,
            syncState: unchanged ? 'UNCHANGED' : 'UPDATED',
            serverSource: onServer.source,
            previousRevision: onServer.revision,
            revision: unchanged ? onServer.revision : onServer.revision + 1
        };
    });
    const deletions = [];
    const kept = [];
    for (const flow of input.server) {
        const key = flowKeyString(flow);
        if (localKeys.has(key))
            continue;
        const keep = (reason) => kept.push({ namespace: flow.namespace, id: flow.id, revision: flow.revision, reason });
        if (!input.delete)
            keep('delete-disabled');
        else if (isProtected(flow.namespace, input.protectedNamespaces))
            keep('protected-namespace');
        else if (invalidKeys.has(key))
            keep('invalid-in-git');
        else if (input.unidentifiedInvalidFiles)
            keep('unreadable-file-in-git');
        else {
            const unread = unreadByKey.get(key);
            deletions.push({
                namespace: flow.namespace,
                id: flow.id,
                syncState: 'DELETED',
                gitPath: null,
                idLine: null,
                source: null,
                serverSource: flow.source,
                previousRevision: flow.revision,
                // Kestra deletes softly, by writing a revision marked deleted.
                revision: flow.revision + 1,
                ...(unread ? { unreadFile: { gitPath: unread.gitPath, reason: unread.reason } } : {})
            });
        }
    }
    const byKey = (a, b) => compareFlowKeys(a, b);
    deletions.sort(byKey);
    kept.sort(byKey);
    upserts.sort((a, b) => compareStrings(a.gitPath, b.gitPath));
    return { changes: [...deletions, ...upserts], kept };
}
function isProtected(namespace, protectedNamespaces) {
    return protectedNamespaces.some(protectedNamespace => isInScope(namespace, { namespace: protectedNamespace, includeChildren: true }));
}

;// CONCATENATED MODULE: ./src/plan/server-drift.ts


/**
 * Pure: the writes of `changes` that the server moved under since the plan (another sync, a
 * user in the UI). Writing them anyway would overwrite work nobody reviewed.
 */
function findDrift(changes, current) {
    const revisionNow = new Map(current.map(flow => [flowKeyString(flow), flow.revision]));
    return changes.filter(isPendingWrite).flatMap(change => {
        const now = revisionNow.get(flowKeyString(change)) ?? null;
        return now === change.previousRevision ? [] : [{ change, revisionNow: now }];
    });
}
/**
 * Updates the server numbered beyond the next revision: someone wrote the flow between the last
 * look and this write, and the write replaced it (it stays in the flow's revision history).
 */
function overwrittenDuringSync(changes) {
    return changes.filter(change => change.syncState === 'UPDATED' &&
        change.applyOutcome === 'applied' &&
        change.previousRevision !== null &&
        change.revision !== null &&
        change.revision > change.previousRevision + 1);
}

;// CONCATENATED MODULE: ./src/plan/server-verdicts.ts




/** A message about a change, placed on its file and on the line it names where known. */
function problemOf({ change, message, path }) {
    return flowProblem(change, message, path);
}
/** What the server's version refuses in a flow's id, as its writes do; undefined when nothing. */
function reservedIdRefusal(change, reservedFlowIds) {
    const reserved = reservedFlowIds ? (0,flow_identifiers/* reservedFlowIdProblem */.pn)(change.id) : undefined;
    return reserved && `Invalid flow id: ${reserved}.`;
}
/**
 * The flows to ask the server to validate, before anything is written: every flow the changeset
 * would write, but those whose id the server's version reserves (its validate endpoint does not
 * check them, its writes do: they are refused by `judgeChanges`).
 */
function flowsToValidate(changes, reservedFlowIds) {
    return changes.filter(change => isWrite(change) && !reservedIdRefusal(change, reservedFlowIds));
}
/**
 * Pure: what the server's verdicts on `flowsToValidate(changes)`, in that order, mean for the
 * changeset: the flows refused, the notices, and the complaints that this sync answers itself.
 */
function judgeChanges(changes, verdicts, reservedFlowIds) {
    const refused = new Map();
    const writes = changes.filter(isWrite).filter(change => {
        const reserved = reservedIdRefusal(change, reservedFlowIds);
        if (reserved)
            refused.set(change, reserved);
        return !reserved;
    });
    // A missing subflow is no fault when this sync creates it, unless that subflow is refused too.
    let created;
    let settled;
    do {
        created = new Set(changes
            .filter(change => change.syncState === 'ADDED' && !refused.has(change))
            .map(flowKeyString));
        settled = true;
        writes.forEach((change, index) => {
            const constraints = verdicts[index]?.constraints;
            if (!constraints || refused.has(change) || subflowsCreatedBySync(constraints, created))
                return;
            refused.set(change, constraints);
            settled = false;
        });
    } while (!settled);
    const notices = [];
    const subflowsCreatedFirst = [];
    writes.forEach((change, index) => {
        const verdict = verdicts[index];
        if (!verdict || refused.has(change))
            return;
        if (verdict.constraints) {
            subflowsCreatedFirst.push({
                change,
                message: subflowsCreatedBySync(verdict.constraints, created)
            });
        }
        if (!verdict.checked) {
            notices.push({
                change,
                message: "holds a line starting with '---', which Kestra's validate endpoint takes as the start of another flow: it is validated when written instead"
            });
        }
        for (const warning of verdict.warnings) {
            const createdFirst = subflowsCreatedBySync(warning, created);
            if (createdFirst)
                subflowsCreatedFirst.push({ change, message: createdFirst });
            else
                notices.push({ change, message: warning });
        }
        for (const path of verdict.deprecationPaths) {
            notices.push({ change, message: `uses a deprecated property: ${path}`, path });
        }
    });
    const invalid = changes
        .filter(change => refused.has(change))
        .map(change => ({ change, message: refused.get(change) }));
    return { invalid, notices, subflowsCreatedFirst };
}
/** Invalid flows stay in the changeset, marked, so every output says what became of them. */
function markInvalid(plan, invalid) {
    const refused = new Map(invalid.map(({ change, message }) => [change, message]));
    return {
        ...plan,
        changes: plan.changes.map(change => {
            const message = refused.get(change);
            return message === undefined
                ? change
                : { ...change, applyOutcome: 'invalid', error: message };
        })
    };
}
/** Kestra 0.21.0 to 0.21.4 put this among the constraints; later versions make it a warning. */
const SUBFLOW_NOT_FOUND = /(?:flow\.tasks:\s*)?The subflow '([^']+)' not found in namespace '([^']+)'\.?/g;
/**
 * Kestra refuses (0.21) or warns of (later) a flow that calls a subflow it does not have yet, even
 * one this very sync creates first. When that is the whole complaint, it is no fault: returns the
 * line to log instead.
 */
function subflowsCreatedBySync(text, created) {
    const missing = [...text.matchAll(SUBFLOW_NOT_FOUND)];
    if (missing.length === 0)
        return undefined;
    const allCreated = missing.every(([, id, namespace]) => created.has(flowKeyString({ namespace: namespace, id: id })));
    const rest = text.replace(SUBFLOW_NOT_FOUND, '').replace(/Invalid (Flow|entity)|[\s:;,.]/gi, '');
    if (!allCreated || rest !== '')
        return undefined;
    const names = missing.map(([, id, namespace]) => `${namespace}.${id}`).join(', ');
    return `calls ${names}, which this sync creates first`;
}

// EXTERNAL MODULE: ./src/kestra/server-version.ts
var server_version = __webpack_require__(5890);
;// CONCATENATED MODULE: ./src/kestra/namespace-file-paths.ts

/** Longer segments fail on Kestra's storage (2.x refuses them by name, older ones with a 500). */
const MAX_SEGMENT_BYTES = 255;
/**
 * Why the server cannot store a namespace file at this path so that it reads back as the same
 * path, or undefined when it can. Each rule was seen on a real server (docs/kestra-api.md): a path
 * that does not round-trip would be planned ADDED on every run, or collide with another file.
 */
function namespaceFilePathProblem(kestraPath, server) {
    const version = (0,server_version/* parseVersion */.ot)(server.version) ?? [99, 0, 0];
    const before = (major, minor) => !(0,server_version/* isAtLeast */.du)(version, [major, minor, 0]);
    if (before(0, 21) && kestraPath.startsWith('/_flows')) {
        return `Kestra ${server.version} refuses to read back a path starting with '/_flows'`;
    }
    if (before(2, 0) && kestraPath.includes(' ')) {
        return `Kestra ${server.version} stores a space in a namespace file's path as '+' (fixed in 2.0): rename the file without spaces`;
    }
    if (before(2, 0) && kestraPath.includes('%')) {
        return `Kestra ${server.version} refuses '%' in a namespace file's path`;
    }
    if (before(1, 2) && kestraPath.includes('#')) {
        return `Kestra ${server.version} cuts a namespace file's path at '#'`;
    }
    if (before(1, 0) && kestraPath.includes('..')) {
        return `Kestra ${server.version} refuses '..' anywhere in a namespace file's path`;
    }
    if (before(1, 2) && kestraPath.endsWith('.metadata')) {
        return `Kestra ${server.version} hides files named '*.metadata' (its storage's own files)`;
    }
    if (kestraPath.split('/').some(segment => Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)) {
        return `a file or folder name is longer than ${MAX_SEGMENT_BYTES} bytes, which Kestra's storage refuses`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/local/read-local-files.ts












/**
 * The files of the namespace files folder, their paths kept: `<folder>/scripts/etl.py` is
 * `/scripts/etl.py` of the namespace. `.kestraignore` at the folder's root is honoured (and not
 * synced). Regular files only: a link is followed only to a file inside the workspace, as for
 * flows. What cannot be synced as it is (a link elsewhere, a file under `_flows/`, which Kestra
 * would import as a flow) refuses the whole sync, before any request, naming every such file.
 */
async function readLocalFiles(options) {
    const directory = external_node_path_.resolve(options.workspace, options.directory);
    const name = `'${options.directory}' (input '${action_interface/* Input */.pd.FilesDirectory}')`;
    if (!(await isFolder(directory, name))) {
        if (options.failOnMissingDirectory || options.delete) {
            const guard = options.delete
                ? `'${action_interface/* Input */.pd.Delete}' is true: refusing to delete every namespace file.`
                : `Check the path, or set '${action_interface/* Input */.pd.FailOnMissingDirectory}: false' to read it as empty.`;
            throw new errors/* UserFacingError */.Ui(`The folder ${name} does not exist in the workspace. ${CHECKOUT_QUESTION} ${guard}`);
        }
        return { directoryExists: false, files: [], ignored: [] };
    }
    const workspaceRoot = await (0,promises_.realpath)(options.workspace);
    if (!(0,inside_folder/* isInsideFolder */.z)(workspaceRoot, await (0,promises_.realpath)(directory))) {
        throw new errors/* UserFacingError */.Ui(`The folder ${name} is a link to a folder outside the workspace; it is not read.`);
    }
    const isIgnored = await loadKestraIgnore(directory);
    const files = [];
    const ignored = [];
    const problems = [];
    const visit = async (folder, relativeFolder) => {
        for (const dirent of await (0,promises_.readdir)(folder, { withFileTypes: true })) {
            const absolutePath = external_node_path_.join(folder, dirent.name);
            const relativePath = relativeFolder ? `${relativeFolder}/${dirent.name}` : dirent.name;
            if (relativePath === KESTRA_IGNORE_FILE)
                continue;
            const gitPath = (0,git_path/* toGitPath */.r)(options.workspace, absolutePath);
            const entry = await classifyEntry(dirent, absolutePath, workspaceRoot);
            const isDirectory = entry.kind === 'directory' || (entry.kind === 'problem' && entry.isFolder);
            if (isIgnored(isDirectory ? `${relativePath}/` : relativePath)) {
                ignored.push(gitPath);
                continue;
            }
            const kestraPath = `/${relativePath}`;
            if (isFlowImportPath(kestraPath)) {
                problems.push({
                    gitPath,
                    message: `Kestra imports whatever is uploaded under '/_flows/' as a flow, and never stores it as a namespace file: keep flows in '${action_interface/* Input */.pd.GitDirectory}', and rename or move this ${isDirectory ? 'folder' : 'file'} (or list it in .kestraignore).`
                });
            }
            else if (entry.kind === 'directory')
                await visit(absolutePath, relativePath);
            else if (entry.kind === 'problem')
                problems.push({ gitPath, message: entry.message });
            else if (entry.kind === 'file') {
                files.push({ kestraPath, gitPath, bytes: await (0,promises_.readFile)(absolutePath) });
            }
            else {
                problems.push({
                    gitPath,
                    message: 'This is not a regular file (a socket, a pipe, a device): only files are synced. Remove it, or list it in .kestraignore.'
                });
            }
        }
    };
    await visit(directory, '');
    if (problems.length > 0) {
        throw new errors/* UserFacingError */.Ui((0,errors/* describeProblems */.yg)(`Nothing was written: ${problems.length} entry(ies) of ${name} cannot be synced as namespace files:`, problems), problems);
    }
    return {
        directoryExists: true,
        files: files.sort((a, b) => compareStrings(a.kestraPath, b.kestraPath)),
        ignored: ignored.sort(compareStrings)
    };
}
async function isFolder(directory, name) {
    try {
        if ((await (0,promises_.stat)(directory)).isDirectory())
            return true;
    }
    catch (error) {
        const code = fsErrorCode(error);
        if (code === 'ENOENT' || code === 'ENOTDIR')
            return false;
        throw error;
    }
    throw new errors/* UserFacingError */.Ui(`${name} is a file, not a folder of namespace files.`);
}

;// CONCATENATED MODULE: ./src/sync-files.ts




// The namespace files' steps of the sync (see sync.ts): read the folder, then the server. The plan,
// its checks and the apply take files and flows together.
/** The namespace files folder, read; undefined when files are not synced. */
async function readFilesInGit(options, log) {
    const directory = options.filesDirectory;
    if (directory === undefined)
        return undefined;
    return await log.group('Reading local namespace files', async () => {
        const found = await readLocalFiles({ ...options, directory });
        if (!found.directoryExists) {
            log.warning(`The folder '${directory}' (input '${action_interface/* Input */.pd.FilesDirectory}') does not exist: read as empty.`);
        }
        const bytes = found.files.reduce((sum, file) => sum + file.bytes.byteLength, 0);
        log.info(`${found.files.length} namespace file(s) in '${directory}', ${bytes} byte(s).`);
        for (const file of found.ignored)
            log.info(`Ignored ${file}: matched by .kestraignore.`);
        return found;
    });
}
/**
 * The namespace files of the target namespace on the server, once the folder's paths are known to
 * be storable there as they are: a path this server would change refuses the sync, naming it.
 */
async function readFilesOnServer(client, namespace, local, log) {
    const problems = local.files.flatMap(file => {
        const problem = namespaceFilePathProblem(file.kestraPath, client.server);
        return problem ? [{ gitPath: file.gitPath, message: `${file.kestraPath}: ${problem}.` }] : [];
    });
    if (problems.length > 0) {
        throw new errors/* UserFacingError */.Ui((0,errors/* describeProblems */.yg)(`Nothing was written: ${problems.length} namespace file(s) cannot be stored on this server under their path in '${action_interface/* Input */.pd.FilesDirectory}':`, problems), problems);
    }
    return await log.group('Reading namespace files on the server', async () => {
        const found = await client.readNamespaceFiles(namespace);
        log.info(`${found.length} namespace file(s) in ${namespace} on the server.`);
        return found;
    });
}

;// CONCATENATED MODULE: ./src/util/log.ts
/** Writes `lines` to `log`, each at its level. */
function tell(log, lines) {
    for (const { level, message } of lines)
        log[level](message);
}

;// CONCATENATED MODULE: ./src/sync.ts




















/**
 * local flows -> server flows -> changeset -> validate -> checks -> apply. Throws a
 * UserFacingError when it fails before there is a plan; after that, the result carries the failure.
 */
async function sync(options, { connect, log, reviewedPlan, readBase }) {
    const scope = {
        namespace: options.targetNamespace,
        includeChildren: options.includeChildNamespaces
    };
    // The server's version is asked while the folder is read; its answer is awaited after the local
    // checks, so that a local problem is still the one reported.
    const abandon = new AbortController();
    const connecting = connect(abandon.signal);
    connecting.catch(() => undefined);
    let local;
    let localFiles;
    try {
        local = await log.group('Reading local flows', async () => {
            const found = await readLocalFlows({
                workspace: options.workspace,
                directory: options.gitDirectory,
                targetNamespace: options.targetNamespace,
                includeChildNamespaces: options.includeChildNamespaces,
                identifyUnread: options.delete,
                deferParse: true
            });
            checkLocalFlows(found, localCheckOptions(options, scope));
            tell(log, describeLocalRead(found, { directoryName: options.gitDirectory, delete: options.delete }));
            return found;
        });
        localFiles = await readFilesInGit(options, log);
    }
    catch (error) {
        // Nothing is waited for: the step ends now, even with the server slow or unreachable.
        abandon.abort();
        connecting.then(client => client.close(), () => undefined);
        throw error;
    }
    const client = await connecting;
    try {
        const server = await log.group('Reading flows on the server', async () => {
            const found = await client.listFlows(scope, identifyByLocalFlows(local.flows));
            const { tenant } = client.address;
            log.info(`Kestra ${client.server.version} (${client.server.edition})${tenant === undefined ? '' : `, tenant ${tenant}`}: ${found.length} flow(s) in ${describeScope(scope)}.`);
            return found;
        });
        // A file whose text the server stores as is needs no parse; the others are parsed now.
        const serverSources = new Map(server.map(flow => [flowKeyString(flow), flow.source]));
        local = confirmLocalFlows(local, key => serverSources.get(flowKeyString(key)));
        serverSources.clear();
        checkLocalFlows(local, localCheckOptions(options, scope));
        const serverFiles = localFiles
            ? await readFilesOnServer(client, scope.namespace, localFiles, log)
            : undefined;
        const flowPlan = planChangeset({
            local: local.flows,
            server,
            delete: options.delete,
            protectedNamespaces: options.protectedNamespaces,
            invalidInGit: local.invalid.flatMap(problem => (problem.key ? [problem.key] : [])),
            unidentifiedInvalidFiles: local.invalid.some(problem => !problem.key),
            unreadInGit: local.unread
        });
        const plan = localFiles && serverFiles
            ? {
                ...flowPlan,
                ...planFiles({
                    ...options,
                    namespace: scope.namespace,
                    local: localFiles.files,
                    server: serverFiles
                })
            }
            : flowPlan;
        tell(log, deletionNotes(plan, options.dryRun));
        const validation = await log.group('Validating changed flows on the server', async () => {
            const reserved = client.server.reservedFlowIds;
            const toValidate = flowsToValidate(plan.changes, reserved);
            const verdicts = await client.validateFlows(toValidate.map(change => change.source));
            const report = judgeChanges(plan.changes, verdicts, reserved);
            const writes = plan.changes.filter(isWrite).length;
            log.info(writes > 0
                ? `${writes} flow(s) validated, ${report.invalid.length} invalid.`
                : 'Nothing to validate.');
            return report;
        });
        for (const { change, message } of validation.subflowsCreatedFirst) {
            log.info(`${flowName(change)} ${message}.`);
        }
        const notices = validation.notices.map(problemOf);
        for (const notice of notices)
            log.warning(notice.message, notice);
        const changeset = markInvalid(plan, validation.invalid);
        const planId = planIdOf({
            serverUrl: client.address.url,
            tenant: client.address.tenant,
            namespace: scope.namespace,
            includeChildren: scope.includeChildren
        }, planFingerprints(changeset.changes), changeset.files);
        log.info(`Plan id: ${planId}`);
        const invalidProblems = validation.invalid.map(problemOf);
        const result = {
            server: client.server,
            dryRun: options.dryRun,
            changeset,
            planId,
            skippedFiles: local.skipped,
            invalidSkipped: options.ignoreInvalidFlows ? [...local.invalid, ...invalidProblems] : [],
            notices
        };
        const review = await log.group('Reviewing the plan', async () => {
            const wanted = readBase &&
                baseFilesWanted(changeset.changes, local.flows.map(f => f.gitPath));
            const base = wanted && (await readBase(wanted));
            const found = reviewPlan(changeset.changes, { local: local.flows, server, base });
            tell(log, reviewNotes(found, options));
            return found;
        });
        result.review = review;
        const refusal = planRefusal(changeset, { ...options, invalid: invalidProblems }) ??
            reviewRefusal(review, options);
        if (refusal)
            return stoppedBeforeWriting(result, refusal);
        for (const problem of result.invalidSkipped) {
            log.warning(`Skipped invalid flow: ${problem.message}`, problem);
        }
        const expected = options.expectedPlanId;
        if (expected !== undefined && expected !== planId) {
            const reviewed = await reviewedPlan?.(expected);
            return stoppedBeforeWriting(result, notTheReviewedPlan({
                expected,
                actual: planId,
                current: planSnapshot(changeset.changes),
                reviewed,
                withFiles: changeset.files !== undefined
            }));
        }
        const pending = [...changeset.changes, ...(changeset.files ?? [])].some(isPendingWrite);
        if (options.dryRun || !pending)
            return result;
        return await log.group('Applying the changeset', async () => {
            const drift = findDrift(changeset.changes, await client.listRevisions(scope));
            if (drift.length > 0)
                return stoppedBeforeWriting(result, driftFailure(drift));
            return await apply(client, result, { log, concurrency: options.concurrency });
        });
    }
    finally {
        client.close();
    }
}
function localCheckOptions(options, scope) {
    return { ...options, directoryName: options.gitDirectory, scopeName: describeScope(scope) };
}
/** A plan that nothing was written of: a dry run's changeset stays a plan, an apply's says so. */
function stoppedBeforeWriting(result, failure) {
    return {
        ...result,
        failure,
        changeset: result.dryRun ? result.changeset : notAttempted(result.changeset)
    };
}
/** Writes the changeset of `planned`; a failed write makes the result's failure. */
async function apply(client, planned, { log, concurrency }) {
    const { changes, files } = await applyChangeset(client, planned.changeset, concurrency);
    const { summary, failure } = describeApply(changes, files);
    log.info(summary);
    for (const change of overwrittenDuringSync(changes)) {
        log.warning(`${flowName(change)}: the server numbered this write revision ${change.revision}, not ${(change.previousRevision ?? 0) + 1}: someone changed the flow on the server during the sync, and this write replaced that change (it stays in the flow's revision history).`, flowProblem(change, 'changed on the server during the sync'));
    }
    return {
        ...planned,
        changeset: { ...planned.changeset, changes, ...(files ? { files } : {}) },
        ...(failure ? { failure } : {})
    };
}

;// CONCATENATED MODULE: ./src/action.ts



















/** GitHub shows at most 1 MiB of a step's summary; the rest of the budget is a margin. */
const SUMMARY_SINK = {
    limit: 1_000_000,
    measure: text => Buffer.byteLength(text),
    limitName: "GitHub's limit of 1 MiB for a step summary",
    elsewhere: 'the log of this step, which lists every flow, and the `changes` output'
};
/** The action once started (see run-start.ts). Never throws; every failure ends in `setFailed`. */
async function runAction(start) {
    let output = runnerOutput([]);
    const runContext = currentRunContext();
    let settings;
    let github;
    // What the outputs say: nothing until there is a plan, so a run that fails early has them too.
    let result;
    try {
        if (start.settings === undefined)
            throw start.problem;
        settings = start.settings;
        output = runnerOutput(secretsOf(settings));
        start.connection.tellRetriesTo(output.log.info);
        if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
            // Node warns that this turns verification off; for the action's requests it does not.
            output.warn("NODE_TLS_REJECT_UNAUTHORIZED=0 is ignored: the action always verifies the server's certificate. For a private CA, set NODE_EXTRA_CA_CERTS to its PEM file instead.");
        }
        github = gitHub(settings, runContext, output);
        const expected = await expectedPlan(settings.expectedPlanId, github, runContext, marker(settings), output.log);
        result = await sync({ ...settings, expectedPlanId: expected.planId }, {
            connect: connection(settings, start.connection),
            log: output.log,
            reviewedPlan: expected.reviewedFlows,
            ...(runContext.baseSha ? { readBase: gitBaseReader(settings, runContext.baseSha) } : {})
        });
        await report(output, result, settings, runContext, github);
    }
    catch (error) {
        output.fail((0,errors/* errorMessage */.gJ)(error), error instanceof errors/* UserFacingError */.Ui ? error.problems : []);
        await reportFailure(output, (0,errors/* errorMessage */.gJ)(error), settings, runContext, github);
    }
    finally {
        if (start.settings)
            start.connection.abandon();
        writeEveryOutput(output, result);
        output.flush();
    }
}
/** The client of the server asked at start; `abandon` gives it up. */
function connection(settings, early) {
    return async (abandon) => {
        abandon?.addEventListener('abort', early.abandon, { once: true });
        return kestraClient(await early.opened, settings);
    };
}
/** Every output, once, with what the run knows: a workflow can read them whatever happened. */
function writeEveryOutput(output, result) {
    try {
        writeOutputs(output.setOutput, result?.changeset.changes ?? [], {
            files: result?.changeset.files ?? [],
            planId: result?.planId ?? '',
            warn: message => output.log.warning(message)
        });
    }
    catch (error) {
        output.fail((0,errors/* errorMessage */.gJ)(error), []);
    }
}
async function report(output, result, settings, runContext, github) {
    output.log.info(renderLogTable(result.changeset));
    const { counts, outcome } = describeOutcome(result);
    output.log.info(`${counts}. ${outcome}`);
    const context = reportContext(settings, runContext);
    await output.writeSummary(hideServer(renderReport(result, context, SUMMARY_SINK), settings));
    if (settings.commentOnPr && github && runContext.pullRequest) {
        await postReportComment({
            ...commentTarget(settings, runContext, github, output),
            pullRequest: runContext.pullRequest,
            state: { planId: result.planId, flows: planSnapshot(result.changeset.changes) }
        }, sink => renderReport(result, context, sink));
    }
    if (result.failure) {
        output.fail(result.failure.message, result.failure.problems);
        return;
    }
    const notEmpty = changesFailure(result.changeset, settings.failOnChanges);
    if (notEmpty)
        output.fail(notEmpty, []);
}
async function reportFailure(output, message, settings, runContext, github) {
    const context = settings ? reportContext(settings, runContext) : {};
    const summary = renderFailureReport(message, context, SUMMARY_SINK);
    await output.writeSummary(settings ? hideServer(summary, settings) : summary);
    // The comment says the run failed, rather than keep showing an older plan as if current.
    if (settings?.commentOnPr && github && runContext.pullRequest) {
        await postReportComment({
            ...commentTarget(settings, runContext, github, output),
            pullRequest: runContext.pullRequest
        }, sink => renderFailureReport(message, context, sink));
    }
}
function reportContext(settings, runContext) {
    return {
        targetNamespace: settings.targetNamespace,
        tenant: settings.tenant,
        environment: settings.environment,
        ...(runContext.runUrl ? { runUrl: runContext.runUrl } : {}),
        ...(runContext.sha ? { commit: runContext.sha } : {}),
        ...(runContext.repositoryUrl && runContext.headSha
            ? { fileBaseUrl: `${runContext.repositoryUrl}/blob/${runContext.headSha}` }
            : {}),
        ...(settings.kestraUiUrl ? { kestraUiUrl: settings.kestraUiUrl.href } : {})
    };
}
function commentTarget(settings, runContext, github, output) {
    return {
        github,
        marker: marker(settings),
        ...(runContext.runUrl ? { runUrl: runContext.runUrl } : {}),
        redact: text => hideServer(output.redact(text), settings),
        log: { info: output.log.info, warning: output.warn }
    };
}
/**
 * The comment and the step summary are not masked as the log is, and the server's URL may be a
 * secret: a failure message ("Could not reach Kestra at ...") names it.
 */
function hideServer(text, settings) {
    const { kestraUrl } = settings;
    // A 'kestra-ui-url' at the server's own address says that this address may be shown.
    if (settings.kestraUiUrl?.origin === kestraUrl.origin)
        return text;
    return text.split(kestraUrl.href).join(SERVER_NAME).split(kestraUrl.origin).join(SERVER_NAME);
}
const SERVER_NAME = 'the Kestra server';
/**
 * The GitHub API, when the run needs it: to comment on a pull request, or to find the reviewed
 * plan when an expected plan id is given. Only `comment-on-pr` lets the run post a comment.
 */
function gitHub(settings, runContext, output) {
    const wanted = (settings.commentOnPr && runContext.pullRequest !== undefined) ||
        settings.expectedPlanId !== undefined;
    if (!wanted) {
        if (settings.commentOnPr) {
            output.log.info(`'${action_interface/* Input */.pd.CommentOnPr}' is true, but this '${runContext.eventName}' event is not for a pull request: no comment.`);
        }
        return undefined;
    }
    if (!settings.githubToken) {
        if (settings.commentOnPr) {
            output.warn(`'${action_interface/* Input */.pd.CommentOnPr}' is true but '${action_interface/* Input */.pd.GithubToken}' is empty: no comment.`);
        }
        return undefined;
    }
    return octokitPort(settings.githubToken);
}
function marker(settings) {
    return commentMarker({ ...settings, kestraUrl: settings.kestraUrl.href });
}
/** What is masked in the log and taken out of everything the action writes. */
function secretsOf(settings) {
    return [
        ...(0,credentials/* credentialSecrets */.DJ)(settings.credentials),
        settings.githubToken,
        ...(0,http_transport/* proxySecrets */.Wm)()
    ].filter(Boolean);
}


/***/ })

};

//# sourceMappingURL=138.index.js.map