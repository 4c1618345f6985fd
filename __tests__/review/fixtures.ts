// The flows of the review's tests: a team's repository at its base commit (what the server was
// last synced from) and at the head of a pull request.

export const NS = 'company.team'

export const HELLO = (message: string): string =>
  `id: hello\nnamespace: ${NS}\ntasks:\n  - id: say\n    type: io.kestra.plugin.core.log.Log\n    message: ${message}\n`

export const LOAD = `id: load
namespace: ${NS}
tasks:
  - id: copy
    type: io.kestra.plugin.core.log.Log
    message: loading
triggers:
  - id: weekdays
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "0 9 * * 1-5"
    timezone: Europe/Paris
  - id: hook
    type: io.kestra.plugin.core.trigger.Webhook
    key: abc
`

export const ORCHESTRATOR = `id: orchestrator
namespace: ${NS}
tasks:
  - id: both
    type: io.kestra.plugin.core.flow.Parallel
    tasks:
      - id: run_load
        type: io.kestra.plugin.core.flow.Subflow
        namespace: ${NS}
        flowId: load
      - id: by_name
        type: io.kestra.plugin.core.flow.Subflow
        namespace: ${NS}
        flowId: "{{ inputs.which }}"
`

export const DOWNSTREAM = `id: downstream
namespace: ${NS}
tasks:
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: after load
triggers:
  - id: on_load
    type: io.kestra.plugin.core.trigger.Flow
    preconditions:
      id: upstream
      flows:
        - namespace: ${NS}
          flowId: load
          states: [SUCCESS]
`

/** A flow only on the server, in a protected child namespace: the sync keeps it. */
export const WATCHER = `id: watcher
namespace: ${NS}.keep
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEachItem
    items: "{{ outputs.x.uri }}"
    namespace: ${NS}
    flowId: load
`

export const REPORT_BEFORE = `id: report
namespace: ${NS}
labels:
  team: data
inputs:
  - id: day
    type: STRING
    required: false
tasks:
  - id: fetch
    type: io.kestra.plugin.core.log.Log
    message: fetch
triggers:
  - id: nightly
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "0 2 * * *"
`

export const REPORT_AFTER = `id: report
namespace: ${NS}
labels:
  team: analytics
concurrency:
  limit: 1
inputs:
  - id: day
    type: DATE
  - id: region
    type: STRING
tasks:
  - id: fetch
    type: io.kestra.plugin.core.log.Log
    message: fetch all
  - id: checks
    type: io.kestra.plugin.core.flow.Sequential
    tasks:
      - id: verify
        type: io.kestra.plugin.core.log.Log
        message: verify
triggers:
  - id: nightly
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "0 9 * * 1-5"
    timezone: Europe/Paris
  - id: manual
    type: io.kestra.plugin.core.trigger.Webhook
    key: xyz
    disabled: true
`

export const NOTES = `id: notes
namespace: ${NS}
tasks:
  - id: note
    type: io.kestra.plugin.core.log.Log
    message: same
`

export const NOTES_REFORMATTED = `# Only a comment and the quoting change.
id: notes
namespace: ${NS}
tasks:
  - {id: note, type: "io.kestra.plugin.core.log.Log", message: "same"}
`
