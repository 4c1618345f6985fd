/** A problem tied to a file of the workspace; becomes an annotation on that file. */
export interface FileProblem {
  /** The file, relative to the workspace; absent for a flow that has no file (a deletion). */
  gitPath?: string
  /** 1-based line, when known. */
  line?: number
  message: string
}

/**
 * An error written for the user, who can act on it: its message is complete and safe to show as is
 * (no stack trace, no secret), and the file problems behind it become annotations.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly problems: FileProblem[] = []
  ) {
    super(message)
    this.name = 'UserFacingError'
  }
}

/** An input of the action that cannot be used as given: the message names the input. */
export class InputError extends UserFacingError {
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

/** The message of anything thrown, for the one place that reports failures. */
export function errorMessage(error: unknown): string {
  if (error instanceof UserFacingError) return error.message
  if (error instanceof Error) return `Unexpected error: ${error.message}`
  return `Unexpected error: ${String(error)}`
}

/** A heading followed by one `  - file:line: message` line per problem. */
export function describeProblems(heading: string, problems: readonly FileProblem[]): string {
  const lines = problems.map(problem => {
    const place = problemPlace(problem)
    return `  - ${place ? `${place}: ` : ''}${problem.message}`
  })
  return [heading, ...lines].join('\n')
}

/** `file:line` for a problem in a file; undefined for one that has no file. */
export function problemPlace(problem: FileProblem): string | undefined {
  if (!problem.gitPath) return undefined
  return `${problem.gitPath}${problem.line ? `:${problem.line}` : ''}`
}
