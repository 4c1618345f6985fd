/** Replaces secrets in a text the action is about to write. */
export type Redact = (text: string) => string

/** The shortest piece of a secret worth hiding where a message was cut. */
const MIN_CUT_PREFIX = 4

/**
 * A server or a proxy can echo the credentials in an error body, a page title or a redirect, and
 * the runner masks them in the log only (a masked value even makes it drop an output). So every
 * text the action writes goes through this: each secret becomes `***`, as written, URL-encoded or
 * JSON-escaped, and so does the start of one where a long message was cut (`…`).
 */
export function secretRedactor(secrets: readonly string[]): Redact {
  const forms = [
    ...new Set(
      secrets
        .filter(secret => secret !== '')
        .flatMap(secret => [
          secret,
          encodeURIComponent(secret),
          JSON.stringify(secret).slice(1, -1)
        ])
    )
  ].sort((a, b) => b.length - a.length)
  if (forms.length === 0) return text => text
  const prefixes = forms.flatMap(form =>
    Array.from({ length: form.length - MIN_CUT_PREFIX }, (_, index) =>
      form.slice(0, form.length - 1 - index)
    )
  )
  const whole = new RegExp(forms.map(escapeRegExp).join('|'), 'g')
  const cut =
    prefixes.length > 0
      ? new RegExp(
          `(?:${prefixes
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|')})(?=…)`,
          'g'
        )
      : undefined
  return text => {
    const redacted = text.replace(whole, '***')
    return cut ? redacted.replace(cut, '***') : redacted
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
