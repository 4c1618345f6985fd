import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 5647:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   k7: () => (/* binding */ Output),
/* harmony export */   mH: () => (/* binding */ EXPECTED_FROM_PULL_REQUEST),
/* harmony export */   pd: () => (/* binding */ Input)
/* harmony export */ });
/** Every input and output name of action.yml, named once so code, tests and action.yml agree. */
const Input = {
    KestraUrl: 'kestra-url',
    Username: 'username',
    Password: 'password',
    ApiToken: 'api-token',
    Tenant: 'tenant',
    Environment: 'environment',
    GitDirectory: 'git-directory',
    FilesDirectory: 'files-directory',
    TargetNamespace: 'target-namespace',
    IncludeChildNamespaces: 'include-child-namespaces',
    Delete: 'delete',
    DryRun: 'dry-run',
    IgnoreInvalidFlows: 'ignore-invalid-flows',
    FailOnMissingDirectory: 'fail-on-missing-directory',
    ProtectedNamespaces: 'protected-namespaces',
    MaxDeletions: 'max-deletions',
    TimeoutSeconds: 'timeout-seconds',
    Concurrency: 'concurrency',
    CommentOnPr: 'comment-on-pr',
    GithubToken: 'github-token',
    ExpectedPlanId: 'expected-plan-id',
    FailOnChanges: 'fail-on-changes',
    OnDrift: 'on-drift',
    OnBrokenCallers: 'on-broken-callers',
    KestraUiUrl: 'kestra-ui-url'
};
const Output = {
    Changes: 'changes',
    Added: 'added',
    Updated: 'updated',
    Unchanged: 'unchanged',
    Deleted: 'deleted',
    HasChanges: 'has-changes',
    PlanId: 'plan-id'
};
/** `expected-plan-id: pull-request`: the plan id of the pull request's plan comment. */
const EXPECTED_FROM_PULL_REQUEST = 'pull-request';


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   NT: () => (/* binding */ problemPlace),
/* harmony export */   Ui: () => (/* binding */ UserFacingError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   yg: () => (/* binding */ describeProblems)
/* harmony export */ });
/**
 * An error written for the user, who can act on it: its message is complete and safe to show as is
 * (no stack trace, no secret), and the file problems behind it become annotations.
 */
class UserFacingError extends Error {
    problems;
    constructor(message, problems = []) {
        super(message);
        this.problems = problems;
        this.name = 'UserFacingError';
    }
}
/** An input of the action that cannot be used as given: the message names the input. */
class InputError extends UserFacingError {
    constructor(message) {
        super(message);
        this.name = 'InputError';
    }
}
/** The message of anything thrown, for the one place that reports failures. */
function errorMessage(error) {
    if (error instanceof UserFacingError)
        return error.message;
    if (error instanceof Error)
        return `Unexpected error: ${error.message}`;
    return `Unexpected error: ${String(error)}`;
}
/** A heading followed by one `  - file:line: message` line per problem. */
function describeProblems(heading, problems) {
    const lines = problems.map(problem => {
        const place = problemPlace(problem);
        return `  - ${place ? `${place}: ` : ''}${problem.message}`;
    });
    return [heading, ...lines].join('\n');
}
/** `file:line` for a problem in a file; undefined for one that has no file. */
function problemPlace(problem) {
    if (!problem.gitPath)
        return undefined;
    return `${problem.gitPath}${problem.line ? `:${problem.line}` : ''}`;
}


/***/ }),

/***/ 1547:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   bw: () => (/* binding */ namespaceProblem),
/* harmony export */   jI: () => (/* binding */ flowIdProblem),
/* harmony export */   pn: () => (/* binding */ reservedFlowIdProblem),
/* harmony export */   yr: () => (/* binding */ unquotedIdProblem)
/* harmony export */ });
/* unused harmony export RESERVED_FLOW_IDS */
/* harmony import */ var _yaml11_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6947);
/** Kestra's rules for flow ids and namespaces (its model's patterns and sizes). */

const FLOW_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
const FLOW_ID_MAX_LENGTH = 100;
const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
const NAMESPACE_MAX_LENGTH = 150;
/** Flow ids that clash with API routes, refused by Kestra since 1.0. */
const RESERVED_FLOW_IDS = [
    'pause',
    'resume',
    'force-run',
    'change-status',
    'kill',
    'executions',
    'search',
    'source',
    'disable',
    'enable'
];
/** Why `id` cannot be a Kestra flow id, or undefined when it can. */
function flowIdProblem(id) {
    if (id === '')
        return 'the flow id is empty';
    if (id.length > FLOW_ID_MAX_LENGTH) {
        return `'${id}' is ${id.length} characters long; a flow id has at most ${FLOW_ID_MAX_LENGTH}`;
    }
    if (!FLOW_ID_PATTERN.test(id)) {
        return `'${id}' must start with a letter or a digit and contain only letters, digits, '.', '_' and '-'`;
    }
    return undefined;
}
/**
 * Why an unquoted `id` cannot be synced, or undefined. Kestra keeps the flow under the id as
 * written, but checks an update's id as YAML 1.1 reads it (`off` is `false`, `012` is `10`): the
 * flow would be created once and every later update refused (`Illegal flow id update`; 0.20.7,
 * 1.0.3 and 1.3.0 alike). Quoted, the id is the same text for every reader.
 */
function unquotedIdProblem(id) {
    const kestra = (0,_yaml11_js__WEBPACK_IMPORTED_MODULE_0__/* .kestraScalarText */ .m)(id);
    if (kestra === id)
        return undefined;
    return `unquoted, '${id}' is read by Kestra as '${String(kestra)}' (YAML 1.1): the flow would be created as '${id}' and every later update of it refused; quote it: id: "${id}"`;
}
/**
 * Why `id` cannot be a flow id on Kestra 1.0 or later, or undefined. Older servers accept these
 * ids, so this is checked once the server's version is known.
 */
function reservedFlowIdProblem(id) {
    if (!RESERVED_FLOW_IDS.includes(id))
        return undefined;
    return `'${id}' is reserved since Kestra 1.0 (reserved ids: ${RESERVED_FLOW_IDS.join(', ')})`;
}
/** Why `namespace` cannot be a Kestra namespace, or undefined when it can. */
function namespaceProblem(namespace) {
    if (namespace === '')
        return 'the namespace is empty';
    if (namespace.length > NAMESPACE_MAX_LENGTH) {
        return `'${namespace}' is ${namespace.length} characters long; a namespace has at most ${NAMESPACE_MAX_LENGTH}`;
    }
    if (!NAMESPACE_PATTERN.test(namespace)) {
        return `'${namespace}' must start with a lower-case letter or a digit and contain only lower-case letters, digits, '.', '_' and '-'`;
    }
    return undefined;
}


/***/ }),

/***/ 6947:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ kestraScalarText)
/* harmony export */ });
/**
 * What Kestra makes of a plain (unquoted) scalar in a flow's `id` or `namespace`. From 0.23 it
 * reads the YAML by the rules of YAML 1.1 (SnakeYAML's resolver, behind Jackson) into a generic
 * map, then turns the typed value back into text with Java's toString: `id: off` becomes the flow
 * `false`, `id: 012` the flow `10`, `id: 1e3` the flow `1000.0` (as Kestra 1.0.3 and 1.3.0 do;
 * 0.20.7 keeps the text). The emulator plays the same rules in its own code
 * (test-support/kestra-emulator/yaml11.js): it never imports the action's.
 */
// SnakeYAML's patterns as these servers apply them: `y`/`n` are no booleans, and a float needs a
// dot or an exponent.
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const INT = /^(?:[-+]?0b_*[01]+[01_]*|[-+]?0_*[0-7]+[0-7_]*|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x_*[0-9a-fA-F]+[0-9a-fA-F_]*|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
/** The text Kestra 0.23+ stores for a plain scalar; null when it reads a null. */
function kestraScalarText(text) {
    if (NULL.test(text))
        return null;
    if (BOOL.test(text))
        return String(/^(?:yes|true|on)$/i.test(text));
    if (INT.test(text))
        return integerText(text);
    if (FLOAT.test(text))
        return javaDouble(Number(text.replace(/_/g, '')));
    return text;
}
function integerText(text) {
    const negative = text.startsWith('-');
    const digits = text.replace(/^[-+]/, '').replace(/_/g, '');
    let value;
    if (digits.includes(':')) {
        value = digits.split(':').reduce((sum, part) => sum * 60n + BigInt(part), 0n);
    }
    else if (/^0[0-7]+$/.test(digits)) {
        value = BigInt(`0o${digits.slice(1)}`);
    }
    else {
        value = BigInt(digits); // decimal, or 0x/0b as JavaScript reads them too
    }
    return String(negative ? -value : value);
}
/** Java's Double.toString: plain from 10^-3 to 10^7 (`1000.0`), else `1.0E10`. */
function javaDouble(value) {
    if (Number.isNaN(value))
        return 'NaN';
    if (!Number.isFinite(value))
        return value > 0 ? 'Infinity' : '-Infinity';
    const magnitude = Math.abs(value);
    if (magnitude === 0 || (magnitude >= 1e-3 && magnitude < 1e7)) {
        const text = String(value);
        return text.includes('.') ? text : `${text}.0`;
    }
    const [mantissa = '', exponent = ''] = value.toExponential().split('e');
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}


/***/ }),

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8708);

await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 5215:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ parseJson),
/* harmony export */   u: () => (/* binding */ flowPath)
/* harmony export */ });
/* harmony import */ var _api_error_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1509);

function flowPath(key) {
    return `/flows/${encodeURIComponent(key.namespace)}/${encodeURIComponent(key.id)}`;
}
function parseJson(response, what) {
    try {
        return JSON.parse(response.body.toString('utf8'));
    }
    catch {
        throw new _api_error_js__WEBPACK_IMPORTED_MODULE_0__/* .KestraApiError */ .R(`Kestra's answer to ${what} is not JSON (${response.headers['content-type'] ?? 'no content type'}): is 'kestra-url' the Kestra server itself, not a proxy page?`, response.status);
    }
}


/***/ }),

/***/ 1509:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ KestraApiError),
/* harmony export */   l: () => (/* binding */ serverErrorMessage)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);

/**
 * A Kestra answer that is not a success (status 0: no answer at all). Its message says what was
 * asked, what the server said and what to check, so it is shown as is.
 */
class KestraApiError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserFacingError */ .Ui {
    status;
    retry;
    constructor(message, status, 
    /** What may make a retry worth it; absent for a failure that would repeat. */
    retry) {
        super(message);
        this.status = status;
        this.retry = retry;
        this.name = 'KestraApiError';
    }
}
/**
 * The server's message from either error format: Micronaut's JsonError (`message`,
 * `_embedded.errors[].message`) up to 2.0, RFC 9457 problem+json (`detail`, `errors[].detail`) after.
 */
function serverErrorMessage(body, contentType) {
    const text = body.toString('utf8').trim();
    if (!text)
        return undefined;
    if (contentType?.includes('html') || /^<(!doctype|html)/i.test(text))
        return htmlPage(text);
    if (!contentType?.includes('json'))
        return `non-JSON answer: ${brief(text)}`;
    try {
        const parsed = JSON.parse(text);
        const main = firstString(parsed.detail, parsed.message, parsed.title);
        const details = (parsed.errors ?? parsed._embedded?.errors ?? [])
            .map(error => firstString(error.detail, error.message))
            .filter((detail) => detail !== undefined && !(main ?? '').includes(detail));
        return brief([main, ...details].filter(Boolean).join('; ')) || undefined;
    }
    catch {
        return brief(text);
    }
}
/** An error page from whatever stands in front of Kestra: its title says enough. */
function htmlPage(text) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return `an HTML page${title ? ` titled '${brief(title)}'` : ''}, not Kestra's JSON: a proxy or gateway in front of Kestra answered`;
}
function firstString(...values) {
    return values.find((value) => typeof value === 'string' && value.length > 0);
}
/** One line, short: a server may put a whole stack trace in its message. */
function brief(text) {
    const [firstLine = ''] = text.trim().split(/\r?\n/);
    return firstLine.length > MAX_MESSAGE ? `${firstLine.slice(0, MAX_MESSAGE)}…` : firstLine;
}
const MAX_MESSAGE = 300;


/***/ }),

/***/ 5468:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DJ: () => (/* binding */ credentialSecrets),
/* harmony export */   bc: () => (/* binding */ authorizationHeader)
/* harmony export */ });
/* unused harmony export basicAuthToken */
/** The token of an `Authorization: Basic` header: sent to the server, and masked in the logs. */
function basicAuthToken({ username, password }) {
    return Buffer.from(`${username}:${password}`).toString('base64');
}
function authorizationHeader(credentials) {
    switch (credentials.kind) {
        case 'basic':
            return { Authorization: `Basic ${basicAuthToken(credentials)}` };
        case 'bearer':
            return { Authorization: `Bearer ${credentials.token}` };
        case 'none':
            return {};
    }
}
/** Every form in which the credentials could be seen: what the runner masks. */
function credentialSecrets(credentials) {
    switch (credentials.kind) {
        case 'basic':
            return [credentials.password, basicAuthToken(credentials)];
        case 'bearer':
            return [credentials.token];
        case 'none':
            return [];
    }
}


/***/ }),

/***/ 3:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  wX: () => (/* binding */ TransportError),
  oO: () => (/* binding */ createTransport),
  Wm: () => (/* binding */ proxySecrets)
});

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/proxy.js
var proxy = __nccwpck_require__(9783);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __nccwpck_require__(1692);
;// CONCATENATED MODULE: ./src/kestra/http-transport.ts





/** The request never got an HTTP answer: refused, reset, timed out, TLS failure... */
class TransportError extends Error {
    code;
    /** True when the request cannot have reached the server (no connection was made). */
    neverSent;
    /** True when asking again would fail the same way: a wrong host name, a certificate not trusted. */
    permanent;
    constructor(message, code, kind = kindOf(code)) {
        super(message);
        this.code = code;
        this.name = 'TransportError';
        this.neverSent = kind.neverSent;
        this.permanent = kind.permanent;
    }
}
function kindOf(code) {
    return {
        neverSent: NEVER_SENT.includes(code ?? '') || TLS_TRUST_ERRORS.includes(code ?? ''),
        permanent: code === 'ENOTFOUND' || TLS_TRUST_ERRORS.includes(code ?? '')
    };
}
/** Failures before any byte of the request left: no server can have acted on it. */
const NEVER_SENT = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'];
const TRUST_IT = "to trust a private CA (or a self-signed certificate), set NODE_EXTRA_CA_CERTS to its PEM file in the step's env";
/** What each certificate failure means, and what to do. */
const CERTIFICATE_PROBLEMS = {
    DEPTH_ZERO_SELF_SIGNED_CERT: `the server's certificate is self-signed; ${TRUST_IT}`,
    SELF_SIGNED_CERT_IN_CHAIN: `the server's certificate chain ends in a CA that is not trusted; ${TRUST_IT}`,
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: `the server's certificate is issued by a CA that is not trusted; ${TRUST_IT}`,
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: `the server's certificate is issued by a CA that is not trusted; ${TRUST_IT}`,
    CERT_HAS_EXPIRED: "the server's certificate has expired: it must be renewed on the server",
    ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate is not issued for this host name: use in 'kestra-url' a name it is issued for"
};
const TLS_TRUST_ERRORS = Object.keys(CERTIFICATE_PROBLEMS);
/**
 * node:http(s) with keep-alive agents. TLS certificates are always verified, even when
 * NODE_TLS_REJECT_UNAUTHORIZED=0 would turn that off for the whole process; a private CA is added
 * through NODE_EXTRA_CA_CERTS, which node reads at start-up.
 *
 * The proxy is the runner's (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, as `@actions/http-client` reads
 * them for the rest of the toolkit). Its own client is not used: its proxy agent (`tunnel`) tunnels
 * plain HTTP through CONNECT (which proxies commonly allow to port 443 only), verifies TLS through a
 * proxy only as NODE_TLS_REJECT_UNAUTHORIZED says, reports every proxy failure as a reset (a write
 * refused by the proxy would seem perhaps applied), keeps no tunnel alive, and gives no hold on a
 * request to time out the whole answer.
 */
function createTransport({ timeoutMs, maxSockets }) {
    const routes = new Map();
    const routeFor = (url) => {
        const proxyUrl = (0,proxy/* getProxyUrl */.s)(url);
        const key = `${url.protocol} ${proxyUrl?.href ?? ''}`;
        let route = routes.get(key);
        if (!route) {
            const proxy = proxyUrl?.hostname ? proxyOf(proxyUrl, url) : undefined;
            const options = { keepAlive: true, maxSockets };
            route = {
                agent: url.protocol === 'https:'
                    ? proxy
                        ? new TunnelAgent(proxy, timeoutMs, { ...options, rejectUnauthorized: true })
                        : new external_node_https_namespaceObject.Agent({ ...options, rejectUnauthorized: true })
                    : proxy?.tls
                        ? new external_node_https_namespaceObject.Agent({ ...options, rejectUnauthorized: true })
                        : new external_node_http_.Agent(options),
                ...(proxy ? { proxy } : {})
            };
            routes.set(key, route);
        }
        return route;
    };
    return {
        send: async (request) => send(request, routeFor(request.url), timeoutMs),
        close: () => {
            for (const route of routes.values())
                route.agent.destroy();
        }
    };
}
function proxyOf(proxyUrl, target) {
    const variable = proxyVariable(target);
    if (proxyUrl.protocol !== 'http:' && proxyUrl.protocol !== 'https:') {
        throw new TransportError(`the proxy in ${variable} must be an http:// or https:// URL, not ${proxyUrl.protocol}`, 'EPROXYURL', { neverSent: true, permanent: true });
    }
    const tls = proxyUrl.protocol === 'https:';
    const credentials = proxyUrl.username || proxyUrl.password;
    return {
        name: `${proxyUrl.protocol}//${proxyUrl.host} (${variable})`,
        variable,
        hostname: proxyUrl.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: Number(proxyUrl.port) || (tls ? 443 : 80),
        tls,
        headers: credentials
            ? { 'Proxy-Authorization': `Basic ${basicToken(proxyUrl.username, proxyUrl.password)}` }
            : {}
    };
}
/** The variable `@actions/http-client` takes the proxy from: the lower-case one first. */
function proxyVariable(target) {
    const names = target.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
    return names.find(name => process.env[name]) ?? names[1];
}
function basicToken(username, password) {
    return Buffer.from(`${username}:${password}`).toString('base64');
}
/**
 * The proxy passwords of the runner's proxy variables (the user when there is no password: a token,
 * then), and the tokens made of them: they go out in `Proxy-Authorization`, and a proxy's error
 * page may echo them back.
 */
function proxySecrets(env = process.env) {
    return ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'].flatMap(name => {
        const value = env[name];
        if (!value)
            return [];
        let url;
        try {
            url = new URL(/^https?:\/\//i.test(value) ? value : `http://${value}`);
        }
        catch {
            return [];
        }
        const username = decodeURIComponent(url.username);
        const password = decodeURIComponent(url.password);
        const secret = password || username;
        return secret ? [secret, basicToken(username, password)] : [];
    });
}
/**
 * HTTPS through the proxy: each socket is a CONNECT tunnel to the server with TLS to the server
 * inside, verified as without a proxy; the agent keeps them alive and pools them as its own.
 */
class TunnelAgent extends external_node_https_namespaceObject.Agent {
    proxy;
    timeoutMs;
    /** CONNECT requests not answered yet, ended with the agent. */
    opening = new Set();
    constructor(proxy, timeoutMs, options) {
        super(options);
        this.proxy = proxy;
        this.timeoutMs = timeoutMs;
    }
    createConnection(options, callback) {
        const host = options.host ?? 'localhost';
        const target = `${(0,external_node_net_.isIPv6)(host) ? `[${host}]` : host}:${options.port ?? 443}`;
        const proxy = this.proxy;
        const connect = (proxy.tls ? external_node_https_namespaceObject : external_node_http_).request({
            host: proxy.hostname,
            port: proxy.port,
            method: 'CONNECT',
            path: target,
            headers: { Host: target, ...proxy.headers },
            agent: false,
            rejectUnauthorized: true
        });
        this.opening.add(connect);
        // The request waiting for this tunnel times out on its own; this ends the CONNECT with it.
        const timer = setTimeout(() => connect.destroy(noAnswer(this.timeoutMs)), this.timeoutMs);
        const done = (error, socket) => {
            clearTimeout(timer);
            this.opening.delete(connect);
            callback?.(error, socket);
        };
        connect.once('connect', (response, socket) => {
            if (response.statusCode !== 200) {
                socket.destroy();
                done(proxyRefusal(proxy, response.statusCode ?? 0, target));
                return;
            }
            done(null, external_node_tls_.connect({ ...options, socket, rejectUnauthorized: true }));
        });
        connect.once('error', (error) => done(error instanceof TransportError
            ? error
            : new TransportError(describeNetworkError(error, proxy), error.code)));
        connect.end();
        return undefined;
    }
    destroy() {
        const closed = new TransportError('the sync stopped before the proxy opened a tunnel', undefined);
        // With an error, each CONNECT ends through its error handler, which clears its timer.
        for (const connect of this.opening)
            connect.destroy(closed);
        this.opening.clear();
        super.destroy();
    }
}
/**
 * The proxy answered instead of the server: no request reached it. A refusal (407 and other 4xx)
 * stays; a proxy failing to reach the server (5xx) may pass.
 */
function proxyRefusal(proxy, status, target) {
    const kind = { neverSent: true, permanent: status < 500 };
    if (status === 407) {
        const advice = proxy.headers['Proxy-Authorization']
            ? `it refuses the user and password in ${proxy.variable}`
            : `it asks for a user and password: give them in ${proxy.variable} (http://user:password@host:port)`;
        return new TransportError(`the proxy ${proxy.name} answered 407 Proxy Authentication Required: ${advice}`, 'EPROXY407', kind);
    }
    const answer = [status, external_node_http_.STATUS_CODES[status]].filter(Boolean).join(' ');
    return new TransportError(`the proxy ${proxy.name} answered ${answer} to CONNECT ${target}: it does not let the runner reach the server`, `EPROXY${status}`, kind);
}
function noAnswer(timeoutMs) {
    return new TransportError(`no complete answer within ${timeoutMs / 1000} s`, 'ETIMEDOUT');
}
async function send(request, route, timeoutMs) {
    const isHttps = request.url.protocol === 'https:';
    const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
    const headers = { ...request.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) };
    // Plain HTTP goes to the proxy itself, which forwards it: the request line names the whole URL.
    const forwardedBy = isHttps ? undefined : route.proxy;
    return new Promise((resolve, reject) => {
        const onResponse = (res) => {
            if (forwardedBy && res.statusCode === 407) {
                res.resume();
                fail(proxyRefusal(forwardedBy, 407, request.url.host));
                return;
            }
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => {
                clearTimeout(timer);
                resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
            });
            res.on('error', error => fail(error));
        };
        const req = forwardedBy
            ? (forwardedBy.tls ? external_node_https_namespaceObject : external_node_http_).request({
                host: forwardedBy.hostname,
                port: forwardedBy.port,
                path: request.url.href,
                method: request.method,
                headers: { ...headers, Host: request.url.host, ...forwardedBy.headers },
                agent: route.agent
            }, onResponse)
            : (isHttps ? external_node_https_namespaceObject : external_node_http_).request(request.url, { method: request.method, headers, agent: route.agent }, onResponse);
        const timer = setTimeout(() => req.destroy(noAnswer(timeoutMs)), timeoutMs);
        const fail = (error) => {
            clearTimeout(timer);
            req.destroy();
            reject(error instanceof TransportError
                ? error
                : new TransportError(describeNetworkError(error, forwardedBy), error.code));
        };
        req.on('error', fail);
        req.end(body);
    });
}
/** `proxy`: the connection that failed was to this proxy, not to the server. */
function describeNetworkError(error, proxy) {
    const certificateProblem = CERTIFICATE_PROBLEMS[error.code ?? ''];
    if (certificateProblem) {
        const problem = `TLS certificate not trusted (${error.code}): ${certificateProblem}`;
        return proxy?.tls
            ? `the proxy ${proxy.name}: ${problem.replace(/server's/g, "proxy's")}`
            : problem;
    }
    switch (error.code) {
        case 'ECONNREFUSED':
            return proxy
                ? `the proxy ${proxy.name} refused the connection (is it running, and its address right?)`
                : 'connection refused (is the server running and the port right?)';
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return proxy ? `the proxy ${proxy.name}: host name not found` : 'host name not found';
        case 'ECONNRESET':
            return proxy
                ? `connection reset by the proxy ${proxy.name} or the server`
                : 'connection reset by the server or a proxy';
        default:
            return error.code ? `${error.code}: ${error.message}` : error.message;
    }
}


/***/ }),

/***/ 8823:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  J: () => (/* binding */ openConnection)
});

;// CONCATENATED MODULE: external "node:timers/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
// EXTERNAL MODULE: ./src/kestra/credentials.ts
var credentials = __nccwpck_require__(5468);
// EXTERNAL MODULE: ./src/kestra/api-error.ts
var api_error = __nccwpck_require__(1509);
// EXTERNAL MODULE: ./src/kestra/http-transport.ts + 1 modules
var http_transport = __nccwpck_require__(3);
;// CONCATENATED MODULE: ./src/kestra/retry-policy.ts
const DEFAULT_RETRY_POLICY = {
    attempts: 4,
    baseDelayMs: 500,
    maxDelayMs: 30_000
};
/** Answers that say "not now": rate limiting, a passing server error, a gateway without Kestra. */
const RETRYABLE_STATUSES = [429, 500, 502, 503, 504];
function isRetryableStatus(status) {
    return RETRYABLE_STATUSES.includes(status);
}
/** The wait before retry number `retry` (1 for the first retry). */
function backoffDelayMs(policy, retry, random = Math.random) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
/** `Retry-After` in milliseconds, from delay-seconds or an HTTP date; undefined when unreadable. */
function retryAfterMs(header, now = Date.now()) {
    const value = header?.trim();
    if (!value)
        return undefined;
    if (/^\d+$/.test(value))
        return Number(value) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

;// CONCATENATED MODULE: ./src/kestra/api-requester.ts





const VALIDATE_PATH = '/flows/validate';
const NAMESPACE_FILES_PATH = /^\/namespaces\/[^/]+\/files/;
function createRequester(options) {
    const transport = (0,http_transport/* createTransport */.oO)({
        timeoutMs: options.timeoutMs,
        maxSockets: options.concurrency
    });
    const authorization = (0,credentials/* authorizationHeader */.bc)(options.credentials);
    const policy = options.retry ?? DEFAULT_RETRY_POLICY;
    const tellRetry = options.onRetry ?? (() => undefined);
    // A sync that stopped (a failed batch, say) closes the client: the calls still waiting to be
    // retried end there, rather than go on after the run.
    const closing = new AbortController();
    /** One attempt: the 2xx answer, or the failure as a KestraApiError saying whether to retry. */
    const attempt = async (url, call) => {
        const describe = `${call.method} ${url.pathname}`;
        let response;
        try {
            response = await transport.send({
                method: call.method,
                url,
                headers: {
                    Accept: call.accept ?? 'application/json',
                    ...authorization,
                    ...(call.yaml === undefined ? {} : { 'Content-Type': 'application/x-yaml' }),
                    ...(call.body === undefined ? {} : { 'Content-Type': call.body.contentType })
                },
                body: call.body?.bytes ?? call.yaml
            });
        }
        catch (error) {
            if (error instanceof http_transport/* TransportError */.wX)
                return unanswered(error, url, describe, call);
            throw error;
        }
        if (response.status >= 200 && response.status < 300)
            return response;
        const serverMessage = (0,api_error/* serverErrorMessage */.l)(response.body, response.headers['content-type']);
        const advice = response.status >= 300 && response.status < 400
            ? redirectHint(response.headers.location)
            : hint(response.status, serverMessage, call, options);
        return new api_error/* KestraApiError */.R(`Kestra answered ${response.status} to ${describe}${serverMessage ? `: ${serverMessage}` : ''}. ${advice}`.trim(), response.status, isRetryableStatus(response.status)
            ? {
                neverApplied: response.status === 429,
                afterMs: retryAfterMs(firstHeader(response.headers['retry-after']))
            }
            : undefined);
    };
    /**
     * The wait before trying `failure`'s call again, or undefined when it is not to be retried: a
     * lasting failure, the last attempt, or a server asking for a longer wait than the policy allows.
     */
    const retryDelay = (failure, attemptsMade) => {
        if (!failure.retry || attemptsMade >= policy.attempts)
            return undefined;
        const wait = failure.retry.afterMs ?? backoffDelayMs(policy, attemptsMade);
        return wait <= policy.maxDelayMs ? wait : undefined;
    };
    const retryOrThrow = async (failure, attemptsMade) => {
        const wait = retryDelay(failure, attemptsMade);
        const asked = failure.retry?.afterMs;
        if (wait === undefined && attemptsMade < policy.attempts && asked !== undefined) {
            throw new api_error/* KestraApiError */.R(`${failure.message} It asks to retry after ${Math.ceil(asked / 1000)} s, longer than the action waits (${policy.maxDelayMs / 1000} s): run it again later.`, failure.status);
        }
        if (wait === undefined || closing.signal.aborted)
            throw afterAttempts(failure, attemptsMade);
        tellRetry(`${failure.message} Retry ${attemptsMade} of ${policy.attempts - 1} in ${(wait / 1000).toFixed(1)} s.`);
        try {
            await (0,promises_namespaceObject.setTimeout)(wait, undefined, { signal: closing.signal });
        }
        catch {
            throw afterAttempts(failure, attemptsMade);
        }
    };
    /**
     * Reads, validations, updates and deletions are sent again as they are: twice, they leave the
     * server as once (an update with the same source keeps its revision). After a lost answer,
     * `recover` may find the work done, and a create must find it not done before it is sent again.
     */
    const request = async (url, call) => {
        let answerLost = false;
        for (let attemptsMade = 1;; attemptsMade++) {
            if (closing.signal.aborted) {
                throw new api_error/* KestraApiError */.R(`The sync stopped before ${call.method} ${url.pathname}.`, 0);
            }
            const outcome = await attempt(url, call);
            if (!(outcome instanceof api_error/* KestraApiError */.R))
                return outcome;
            answerLost ||= outcome.retry !== undefined && !outcome.retry.neverApplied;
            const recovered = answerLost ? await call.recover?.(outcome) : undefined;
            if (recovered)
                return recovered;
            await retryOrThrow(outcome, attemptsMade);
        }
    };
    return {
        request,
        close: () => {
            closing.abort();
            transport.close();
        }
    };
}
/**
 * A request without an answer. A write may still have been applied (the answer was lost, not the
 * request), and the user must know it: a new run compares again and finishes the job.
 */
function unanswered(error, url, describe, call) {
    const retry = error.permanent ? undefined : { neverApplied: error.neverSent };
    const isRead = call.method === 'GET' || call.path === VALIDATE_PATH;
    if (isRead || error.neverSent) {
        return new api_error/* KestraApiError */.R(`Could not reach Kestra at ${url.origin} (${describe}): ${error.message}.`, 0, retry);
    }
    return new api_error/* KestraApiError */.R(`No answer from Kestra to ${describe} (${error.message}): the write may or may not have been applied; a new run compares again and finishes the sync.`, 0, retry);
}
/** The final failure of a call that was tried more than once says so. */
function afterAttempts(failure, attemptsMade) {
    if (attemptsMade === 1)
        return failure;
    return new api_error/* KestraApiError */.R(`${failure.message} Gave up after ${attemptsMade} attempts.`, failure.status);
}
function firstHeader(value) {
    return Array.isArray(value) ? value[0] : value;
}
/**
 * Writes are not replayed across a redirect, so the user is told where the server is: the API at
 * another address (http to https, say) can be used as is; anything else (a login page) cannot.
 */
function redirectHint(location) {
    const api = location?.match(/^(https?:\/\/[^?#]*?)\/api\/v1(\/|$)/);
    if (api)
        return `It redirects to ${api[1]}: use that address as 'kestra-url'.`;
    return `It redirects${location ? ` to ${location}` : ''}: check the input 'kestra-url'.`;
}
/** What to check, for the statuses a user can fix. */
function hint(status, serverMessage, call, options) {
    switch (status) {
        case 401:
            return options.credentials.kind === 'none'
                ? "The server requires authentication: set 'username' and 'password', or 'api-token'."
                : options.credentials.kind === 'basic'
                    ? "Check 'username' and 'password' (Kestra 0.24+ wants the email and password of a user)."
                    : "Check 'api-token': it may be wrong, expired or revoked.";
        case 403:
            return "The credentials are valid but not allowed to do this: check the user's or token's permissions on the tenant and namespace.";
        case 400:
        case 404:
            if (/tenant/i.test(serverMessage ?? '')) {
                return `Check the input 'tenant' (now '${options.tenant}'; Kestra OSS only has 'main').`;
            }
            if (status === 400)
                return '';
            return /^\/flows\/[^/]+\/[^/]+$/.test(call.path) && call.method !== 'GET'
                ? 'The flow is no longer on the server: it changed since the plan; a new run plans again.'
                : `Check 'kestra-url' (the server's base URL) and 'tenant' (now '${options.tenant}').`;
        case 409:
        case 422:
            return NAMESPACE_FILES_PATH.test(call.path)
                ? 'Check the namespace file: the server refuses its path or content.'
                : 'Check the flow: the server refuses it as it is.';
        default:
            return '';
    }
}

// EXTERNAL MODULE: ./src/kestra/api-call.ts
var api_call = __nccwpck_require__(5215);
// EXTERNAL MODULE: ./src/kestra/server-version.ts
var server_version = __nccwpck_require__(5890);
;// CONCATENATED MODULE: ./src/kestra/detect-server.ts



/**
 * The server's version and API shape, from `GET /api/v1/configs`. A server without that endpoint
 * (a gateway exposing only the flow API, say) is recognised by its flow search instead, with and
 * then without a tenant in the path; it is then taken for a current version.
 */
async function detectServer(get, apiRoot, tenant) {
    try {
        const configs = (0,api_call/* parseJson */.q)(await get(new URL(`${apiRoot}/configs`)), 'GET /api/v1/configs');
        return (0,server_version/* describeServer */.X8)(typeof configs === 'object' && configs !== null ? configs : {});
    }
    catch (error) {
        if (!(error instanceof api_error/* KestraApiError */.R) || error.status !== 404)
            throw error;
    }
    for (const tenantInPath of [true, false]) {
        const root = tenantInPath ? `${apiRoot}/${encodeURIComponent(tenant)}` : apiRoot;
        try {
            const search = (0,api_call/* parseJson */.q)(await get(new URL(`${root}/flows/search?size=1`)), 'GET flows/search');
            const results = typeof search === 'object' && search !== null && 'results' in search
                ? search.results
                : undefined;
            if (Array.isArray(results))
                return { ...(0,server_version/* describeServer */.X8)({}), tenantInPath };
        }
        catch (error) {
            if (!(error instanceof api_error/* KestraApiError */.R) || error.status !== 404)
                throw error;
        }
    }
    throw new api_error/* KestraApiError */.R(`No Kestra API at ${apiRoot.replace(/\/api\/v1$/, '/')} (GET /api/v1/configs answered 404): check the input 'kestra-url'.`, 404);
}

;// CONCATENATED MODULE: ./src/kestra/server-connection.ts


/**
 * Asks the server's version: the first request of a run, the paths and query syntax depend on it.
 * Kept apart from the client, which needs YAML and ZIP code, so that the action can send it before
 * the rest of itself is loaded. `abandon` ends it (its request, and any retry) and rejects.
 */
async function openConnection(options, abandon) {
    const requester = createRequester(options);
    abandon?.addEventListener('abort', () => requester.close(), { once: true });
    const apiRoot = `${options.kestraUrl.href.replace(/\/$/, '')}/api/v1`;
    try {
        const server = await detectServer(url => requester.request(url, { method: 'GET', path: url.pathname }), apiRoot, options.tenant);
        return { requester, server, apiRoot };
    }
    catch (error) {
        requester.close();
        throw error;
    }
}


/***/ }),

/***/ 5890:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   X8: () => (/* binding */ describeServer),
/* harmony export */   du: () => (/* binding */ isAtLeast),
/* harmony export */   ot: () => (/* binding */ parseVersion)
/* harmony export */ });
function parseVersion(version) {
    const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
    if (!match)
        return undefined;
    return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}
function isAtLeast(version, minimum) {
    for (let i = 0; i < 3; i++) {
        if (version[i] !== minimum[i])
            return version[i] > minimum[i];
    }
    return true;
}
/** Derives the API shape from the configs document; an unknown version is taken as current. */
function describeServer(configs) {
    const version = typeof configs.version === 'string' ? configs.version : 'unknown';
    const edition = configs.edition === 'EE' ? 'EE' : 'OSS';
    const tuple = parseVersion(version) ?? [99, 0, 0];
    return {
        version,
        edition,
        tenantInPath: isAtLeast(tuple, edition === 'EE' ? [0, 22, 0] : [0, 23, 0]),
        queryFilters: isAtLeast(tuple, [0, 21, 0]),
        reservedFlowIds: isAtLeast(tuple, [1, 0, 0]),
        flowDrafts: isAtLeast(tuple, [2, 0, 0])
    };
}


/***/ }),

/***/ 5399:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ toGitPath)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/** `absolutePath` relative to the workspace with `/` separators, as git and Kestra name files. */
function toGitPath(workspace, absolutePath) {
    return node_path__WEBPACK_IMPORTED_MODULE_0__.relative(workspace, absolutePath).split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
}


/***/ }),

/***/ 8708:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

;// CONCATENATED MODULE: ./src/github/action-inputs.ts
/**
 * The inputs as the runner passes them: `INPUT_<NAME>`, upper case, spaces as underscores, the
 * value untrimmed. That is what @actions/core's `getInput` reads; reading it here lets the action
 * ask the server's version before it loads @actions/core and the rest of itself.
 */
function inputsFrom(environment) {
    return name => environment[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
}

// EXTERNAL MODULE: ./src/kestra/server-connection.ts + 4 modules
var server_connection = __nccwpck_require__(8823);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/action-interface.ts
var action_interface = __nccwpck_require__(5647);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/flow/flow-identifiers.ts
var flow_identifiers = __nccwpck_require__(1547);
// EXTERNAL MODULE: ./src/local/git-path.ts
var git_path = __nccwpck_require__(5399);
// EXTERNAL MODULE: ./src/util/inside-folder.ts
var inside_folder = __nccwpck_require__(6987);
;// CONCATENATED MODULE: ./src/settings.ts






function readSettings({ readInput, workspace }) {
    const input = (name) => readInput(name).trim();
    const workspaceRoot = external_node_path_.resolve(workspace);
    return {
        kestraUrl: parseKestraUrl(input(action_interface/* Input */.pd.KestraUrl)),
        credentials: parseCredentials(input(action_interface/* Input */.pd.Username), readInput(action_interface/* Input */.pd.Password), input(action_interface/* Input */.pd.ApiToken)),
        tenant: parseTenant(input(action_interface/* Input */.pd.Tenant) || 'main'),
        environment: parseEnvironment(input(action_interface/* Input */.pd.Environment)),
        workspace: workspaceRoot,
        gitDirectory: folderInside(workspaceRoot, action_interface/* Input */.pd.GitDirectory, input(action_interface/* Input */.pd.GitDirectory) || '_flows'),
        filesDirectory: filesFolder(workspaceRoot, input),
        targetNamespace: parseTargetNamespace(input(action_interface/* Input */.pd.TargetNamespace)),
        includeChildNamespaces: parseBoolean(action_interface/* Input */.pd.IncludeChildNamespaces, input(action_interface/* Input */.pd.IncludeChildNamespaces), false),
        delete: parseBoolean(action_interface/* Input */.pd.Delete, input(action_interface/* Input */.pd.Delete), false),
        dryRun: parseBoolean(action_interface/* Input */.pd.DryRun, input(action_interface/* Input */.pd.DryRun), false),
        ignoreInvalidFlows: parseBoolean(action_interface/* Input */.pd.IgnoreInvalidFlows, input(action_interface/* Input */.pd.IgnoreInvalidFlows), false),
        failOnMissingDirectory: parseBoolean(action_interface/* Input */.pd.FailOnMissingDirectory, input(action_interface/* Input */.pd.FailOnMissingDirectory), true),
        protectedNamespaces: parseNamespaceList(action_interface/* Input */.pd.ProtectedNamespaces, input(action_interface/* Input */.pd.ProtectedNamespaces) || 'system'),
        maxDeletions: input(action_interface/* Input */.pd.MaxDeletions) === ''
            ? undefined
            : parseWholeNumber(action_interface/* Input */.pd.MaxDeletions, input(action_interface/* Input */.pd.MaxDeletions), 0, 0, 1_000_000),
        timeoutMs: parseWholeNumber(action_interface/* Input */.pd.TimeoutSeconds, input(action_interface/* Input */.pd.TimeoutSeconds), 30, 1, 3600) * 1000,
        concurrency: parseWholeNumber(action_interface/* Input */.pd.Concurrency, input(action_interface/* Input */.pd.Concurrency), 16, 1, 64),
        commentOnPr: parseBoolean(action_interface/* Input */.pd.CommentOnPr, input(action_interface/* Input */.pd.CommentOnPr), false),
        githubToken: input(action_interface/* Input */.pd.GithubToken),
        expectedPlanId: parsePlanId(input(action_interface/* Input */.pd.ExpectedPlanId)),
        failOnChanges: parseBoolean(action_interface/* Input */.pd.FailOnChanges, input(action_interface/* Input */.pd.FailOnChanges), false),
        onDrift: parsePolicy(action_interface/* Input */.pd.OnDrift, input(action_interface/* Input */.pd.OnDrift)),
        onBrokenCallers: parsePolicy(action_interface/* Input */.pd.OnBrokenCallers, input(action_interface/* Input */.pd.OnBrokenCallers)),
        kestraUiUrl: parseUiUrl(input(action_interface/* Input */.pd.KestraUiUrl))
    };
}
function parsePolicy(name, value) {
    if (value === '' || value === 'warn')
        return 'warn';
    if (value === 'fail')
        return 'fail';
    throw new errors/* InputError */.dz(`Input '${name}' must be 'warn' or 'fail', got '${value}'.`);
}
/** An http(s) address without credentials, query or fragment; empty gives none. */
function parseUiUrl(value) {
    if (value === '')
        return undefined;
    let url;
    try {
        url = new URL(value);
    }
    catch {
        url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.KestraUiUrl}' must be an http:// or https:// address, e.g. https://kestra.example.com; got '${redactUrl(value)}'.`);
    }
    if (url.username || url.password || url.search || url.hash) {
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.KestraUiUrl}' must be a plain address, without credentials, query or fragment: '${url.origin}${url.pathname}'.`);
    }
    url.pathname = url.pathname.replace(/\/+$/, '');
    return url;
}
/** A plan id is the 64 hex digits of a SHA-256; case does not matter. */
function parsePlanId(value) {
    if (value === '')
        return undefined;
    if (value === action_interface/* EXPECTED_FROM_PULL_REQUEST */.mH)
        return value;
    if (!/^[0-9a-f]{64}$/i.test(value)) {
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.ExpectedPlanId}' must be a plan id (the 64 hex digits of the '${action_interface/* Output */.k7.PlanId}' output of the reviewed run) or '${action_interface/* EXPECTED_FROM_PULL_REQUEST */.mH}'; got '${value}'.`);
    }
    return value.toLowerCase();
}
function parseKestraUrl(value) {
    if (!value)
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.KestraUrl}' is required, e.g. https://kestra.example.com`);
    const schemeError = new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.KestraUrl}' must start with http:// or https://, got '${redactUrl(value)}'. Expected e.g. https://kestra.example.com`);
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
        throw schemeError;
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.KestraUrl}' is not a valid URL: '${redactUrl(value)}'. Expected e.g. https://kestra.example.com`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw schemeError;
    if (url.username || url.password) {
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.KestraUrl}' must not contain credentials; pass them with '${action_interface/* Input */.pd.Username}'/'${action_interface/* Input */.pd.Password}' or '${action_interface/* Input */.pd.ApiToken}' from secrets.`);
    }
    if (url.search || url.hash) {
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.KestraUrl}' must not have a query or fragment: '${url.origin}${url.pathname}'.`);
    }
    const pathname = url.pathname.replace(/\/+$/, '');
    if (/\/api\/v1(\/|$)/.test(pathname)) {
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.KestraUrl}' must be the server's base URL without '/api/v1': use '${url.origin}${pathname.replace(/\/api\/v1.*$/, '')}'.`);
    }
    url.pathname = pathname;
    return url;
}
/**
 * A URL as text with everything up to its last `@` removed: an error never echoes a password,
 * even one holding `@` or `/` that the URL parser cannot place.
 */
function redactUrl(value) {
    return value.replace(/^([a-z][a-z0-9+.-]*:\/*)?.*@/is, (_, scheme) => `${scheme ?? ''}***@`);
}
function parseCredentials(username, password, token) {
    if (token && (username || password)) {
        throw new errors/* InputError */.dz(`Give either '${action_interface/* Input */.pd.ApiToken}' or '${action_interface/* Input */.pd.Username}'/'${action_interface/* Input */.pd.Password}', not both.`);
    }
    if (token)
        return { kind: 'bearer', token };
    if (username && !password) {
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.Username}' is set but '${action_interface/* Input */.pd.Password}' is empty.`);
    }
    if (password && !username) {
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.Password}' is set but '${action_interface/* Input */.pd.Username}' is empty.`);
    }
    if (username)
        return { kind: 'basic', username, password };
    return { kind: 'none' };
}
function parseTenant(value) {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/.test(value)) {
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.Tenant}' is not a valid tenant id: '${value}'.`);
    }
    return value;
}
function parseTargetNamespace(value) {
    if (!value)
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.TargetNamespace}' is required, e.g. company.team`);
    const problem = (0,flow_identifiers/* namespaceProblem */.bw)(value);
    if (problem)
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.TargetNamespace}' is not a valid namespace: ${problem}.`);
    return value;
}
/** Longer names would crowd the headline they are shown in. */
const MAX_ENVIRONMENT_LENGTH = 100;
/** Free text, shown in a headline: one line, no control characters. */
function parseEnvironment(value) {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(value)) {
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.Environment}' must be one line of text, without control characters.`);
    }
    if (value.length > MAX_ENVIRONMENT_LENGTH) {
        throw new errors/* InputError */.dz(`Input '${action_interface/* Input */.pd.Environment}' is ${value.length} characters long; give at most ${MAX_ENVIRONMENT_LENGTH}, such as 'production'.`);
    }
    return value;
}
/** Namespaces separated by commas or new lines, as a YAML block scalar gives them. */
function parseNamespaceList(name, value) {
    const namespaces = value
        .split(/[,\n]/)
        .map(namespace => namespace.trim())
        .filter(namespace => namespace !== '');
    for (const namespace of namespaces) {
        const problem = (0,flow_identifiers/* namespaceProblem */.bw)(namespace);
        if (problem)
            throw new errors/* InputError */.dz(`Input '${name}' has an invalid namespace: ${problem}`);
    }
    return namespaces;
}
/** A workspace-relative folder in its plain form; one that escapes the workspace is refused. */
function folderInside(workspace, name, relative) {
    const resolved = external_node_path_.resolve(workspace, relative);
    if (!(0,inside_folder/* isInsideFolder */.z)(workspace, resolved)) {
        throw new errors/* InputError */.dz(`Input '${name}' must be a folder inside the workspace (${workspace}); '${relative}' is outside it.`);
    }
    return (0,git_path/* toGitPath */.r)(workspace, resolved) || '.';
}
/**
 * The namespace files folder, or undefined when files are not synced. It cannot hold the flows
 * folder, nor be inside it when sub-folders are read as child namespaces: a file would be read
 * both as a flow and as a namespace file.
 */
function filesFolder(workspace, input) {
    const relative = input(action_interface/* Input */.pd.FilesDirectory);
    if (relative === '')
        return undefined;
    const folder = folderInside(workspace, action_interface/* Input */.pd.FilesDirectory, relative);
    const flowsRelative = input(action_interface/* Input */.pd.GitDirectory) || '_flows';
    const flows = external_node_path_.resolve(workspace, flowsRelative);
    const files = external_node_path_.resolve(workspace, folder);
    const readsSubfolders = input(action_interface/* Input */.pd.IncludeChildNamespaces).toLowerCase() === 'true';
    if ((0,inside_folder/* isInsideFolder */.z)(files, flows) || (readsSubfolders && (0,inside_folder/* isInsideFolder */.z)(flows, files))) {
        throw new errors/* InputError */.dz(`Inputs '${action_interface/* Input */.pd.FilesDirectory}' ('${relative}') and '${action_interface/* Input */.pd.GitDirectory}' ('${flowsRelative}') must be two separate folders, neither inside the other.`);
    }
    return folder;
}
/** The YAML 1.2 core booleans, as `core.getBooleanInput` accepts them. */
function parseBoolean(name, value, fallback) {
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new errors/* InputError */.dz(`Input '${name}' must be true or false, got '${value}'.`);
}
function parseWholeNumber(name, value, fallback, min, max) {
    if (value === '')
        return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(parsed >= min && parsed <= max)) {
        throw new errors/* InputError */.dz(`Input '${name}' must be a whole number from ${min} to ${max}, got '${value}'.`);
    }
    return parsed;
}

;// CONCATENATED MODULE: ./src/run-start.ts



/**
 * Reads the settings and, when they hold, sends the server its first request. Node takes some
 * 150 ms to load the rest of the action (@actions/core and its HTTP stack, YAML, reports): that
 * time now overlaps the request's round trip. Never throws: a problem is reported by the run.
 */
function startRun(environment, workspace) {
    let settings;
    try {
        settings = readSettings({ readInput: inputsFrom(environment), workspace });
    }
    catch (problem) {
        return { settings: undefined, problem };
    }
    const retries = laterLog();
    const abandon = new AbortController();
    const opened = (0,server_connection/* openConnection */.J)({
        kestraUrl: settings.kestraUrl,
        credentials: settings.credentials,
        tenant: settings.tenant,
        timeoutMs: settings.timeoutMs,
        concurrency: settings.concurrency,
        onRetry: retries.tell
    }, abandon.signal);
    // Awaited by the sync; a run that fails before that never reads it.
    opened.catch(() => undefined);
    return {
        settings,
        connection: {
            opened,
            tellRetriesTo: retries.attach,
            abandon: () => {
                abandon.abort();
                opened.then(({ requester }) => requester.close(), () => undefined);
            }
        }
    };
}
/** Messages told before there is a log are kept, and told to it once it is given. */
function laterLog() {
    let kept = [];
    let sink;
    return {
        tell: message => (sink ? sink(message) : kept.push(message)),
        attach: log => {
            sink = log;
            for (const message of kept)
                log(message);
            kept = [];
        }
    };
}

;// CONCATENATED MODULE: ./src/main.ts

/** The action: settings -> sync -> report. Never throws; every failure ends in `setFailed`. */
async function run() {
    const start = startRun(process.env, process.env.GITHUB_WORKSPACE || process.cwd());
    // One turn of the event loop, so that a connection that opens at once sends its request now:
    // on Node 22 and later, loading a module holds the loop until it is compiled.
    await new Promise(resolve => setImmediate(resolve));
    // Loaded while the server answers: the bundle keeps it in a file of its own.
    const { runAction } = await Promise.all(/* import() */[__nccwpck_require__.e(855), __nccwpck_require__.e(138)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5138));
    await runAction(start);
}


/***/ }),

/***/ 6987:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   z: () => (/* binding */ isInsideFolder)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Whether `candidate` is `root` or inside it; both absolute and resolved the same way. A name that
 * merely starts with two dots (`..flows`) is inside: only `..` itself, or `../` first, climbs out.
 */
function isInsideFolder(root, candidate) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_0__.relative(root, candidate);
    return relative !== '..' && !relative.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_0__.sep}`) && !node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute(relative);
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 3339:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("module");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 9783:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ getProxyUrl)
/* harmony export */ });
/* unused harmony export checkBypass */
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

//# sourceMappingURL=index.js.map