// @ts-check
// Walking js-yaml's event list, for the rules that need where a node is written, not only its value.
import { EVENT_ID } from 'js-yaml'

/**
 * The index just after the node that starts at `index`, its children included.
 * @param {import('js-yaml').Event[]} events
 * @param {number} index
 */
export function nodeEnd(events, index) {
  let depth = 0
  let next = index
  do {
    const type = events[next]?.type
    if (type === EVENT_ID.MAPPING || type === EVENT_ID.SEQUENCE) depth++
    else if (type === EVENT_ID.POP) depth--
    next++
  } while (depth > 0 && next < events.length)
  return next
}
