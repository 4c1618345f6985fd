/** A workflow command the action printed, such as `::error file=a.yml,line=3::message`. */
export interface RunnerCommand {
  name: string
  properties: Record<string, string>
  /** The message, unescaped. */
  message: string
}

/** The workflow commands of an action's stdout, unescaped as the runner reads them. */
export function runnerCommands(stdout: string): RunnerCommand[] {
  return stdout.split(/\r?\n/).flatMap(line => {
    const match = /^::([\w-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!match) return []
    const [, name = '', properties = '', message = ''] = match
    return [
      {
        name,
        properties: Object.fromEntries(
          properties
            .split(',')
            .filter(Boolean)
            .map(pair => {
              const [key = '', ...value] = pair.split('=')
              return [key, unescape(value.join('='))]
            })
        ),
        message: unescape(message)
      }
    ]
  })
}

/** Undoes @actions/core's escaping of command data and properties. */
function unescape(text: string): string {
  return text.replace(/%(0D|0A|3A|2C|25)/g, (_, code: string) =>
    String.fromCharCode(parseInt(code, 16))
  )
}
