/**
 * Stands in for `undici` in the bundle (tsconfig.json `paths`). Only `@actions/core`'s OIDC client
 * reaches it, through `@actions/http-client`'s proxy support, and the action never asks for an
 * OIDC token; bundling the real one would cost every run some 60 ms of start-up (a third of it)
 * to load 900 kB of code. Its requests go through node:http (src/kestra/http-transport.ts).
 */
export class ProxyAgent {
  constructor() {
    throw new Error('undici is not bundled: the action makes no OIDC or proxied toolkit request.')
  }
}
