/** How the action authenticates to Kestra: the kinds of credentials its inputs can give. */
export type Credentials =
  | { kind: 'none' }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string }

/** The token of an `Authorization: Basic` header: sent to the server, and masked in the logs. */
export function basicAuthToken({
  username,
  password
}: {
  username: string
  password: string
}): string {
  return Buffer.from(`${username}:${password}`).toString('base64')
}

export function authorizationHeader(credentials: Credentials): Record<string, string> {
  switch (credentials.kind) {
    case 'basic':
      return { Authorization: `Basic ${basicAuthToken(credentials)}` }
    case 'bearer':
      return { Authorization: `Bearer ${credentials.token}` }
    case 'none':
      return {}
  }
}

/** Every form in which the credentials could be seen: what the runner masks. */
export function credentialSecrets(credentials: Credentials): string[] {
  switch (credentials.kind) {
    case 'basic':
      return [credentials.password, basicAuthToken(credentials)]
    case 'bearer':
      return [credentials.token]
    case 'none':
      return []
  }
}
