/**
 * The inputs as the runner passes them: `INPUT_<NAME>`, upper case, spaces as underscores, the
 * value untrimmed. That is what @actions/core's `getInput` reads; reading it here lets the action
 * ask the server's version before it loads @actions/core and the rest of itself.
 */
export function inputsFrom(environment: NodeJS.ProcessEnv): (name: string) => string {
  return name => environment[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
}
