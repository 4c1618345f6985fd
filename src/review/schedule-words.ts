import cronstrue from 'cronstrue'
import { textOf, type YamlMapping } from './flow-document.js'

/** Trigger types that run a flow on a cron, current names and the aliases before 0.17. */
const SCHEDULE_TYPES = new Set([
  'io.kestra.plugin.core.trigger.Schedule',
  'io.kestra.core.models.triggers.types.Schedule'
])

export function isSchedule(trigger: YamlMapping): boolean {
  return SCHEDULE_TYPES.has(textOf(trigger.type) ?? '')
}

/**
 * A Schedule trigger's cron in words, with its timezone: "at 09:00, Monday through Friday
 * (Europe/Paris)". Kestra's crons are those of cron-utils: five fields, or six with `withSeconds`
 * (seconds first, as cronstrue reads six). A cron it cannot read is shown as written.
 */
export function scheduleInWords(trigger: YamlMapping): string {
  const cron = textOf(trigger.cron)
  if (cron === undefined) return 'a cron that is not set'
  const timezone = textOf(trigger.timezone)
  const where = timezone ? ` (${timezone})` : " (the server's timezone)"
  try {
    const words = cronstrue.toString(cron, {
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true
    })
    return `${words.charAt(0).toLowerCase()}${words.slice(1)}${where}`
  } catch {
    return `the cron \`${cron}\`, which cannot be read${where}`
  }
}
