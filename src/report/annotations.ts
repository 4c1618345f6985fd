import { problemPlace, type FileProblem } from '../errors.js'

export type AnnotationLevel = 'error' | 'warning'

/** Where annotations go: `@actions/core` in the action. */
export interface AnnotationSink {
  annotate(
    level: AnnotationLevel,
    message: string,
    place?: { file: string; startLine?: number }
  ): void
  /** A plain log line, for what is not annotated. */
  info(message: string): void
}

/** "GitHub Actions are limited to 10 warning annotations and 10 error annotations per step." */
export const MAX_ANNOTATIONS_PER_LEVEL = 10

interface Annotation {
  level: AnnotationLevel
  message: string
  problem?: FileProblem
  /** Lower first; equal ranks keep their order. */
  rank: number
}

/**
 * Collects the run's annotations, then gives GitHub the ones it shows: per level, at most ten,
 * the lowest rank first, the tenth saying how many more the log holds. The others are still
 * written to the log, as plain lines.
 */
export class Annotations {
  private readonly items: Annotation[] = []

  add(level: AnnotationLevel, message: string, problem?: FileProblem, rank = 0): void {
    this.items.push({ level, message, ...(problem ? { problem } : {}), rank })
  }

  /** `reserved`: annotations of a level made elsewhere (`setFailed` makes one error). */
  flush(sink: AnnotationSink, reserved: Partial<Record<AnnotationLevel, number>> = {}): void {
    for (const level of ['error', 'warning'] satisfies AnnotationLevel[]) {
      const items = this.items
        .map((item, index) => ({ item, index }))
        .filter(({ item }) => item.level === level)
        .sort((a, b) => a.item.rank - b.item.rank || a.index - b.index)
        .map(({ item }) => item)
      const room = Math.max(0, MAX_ANNOTATIONS_PER_LEVEL - (reserved[level] ?? 0))
      const shown = items.length <= room ? items : items.slice(0, Math.max(0, room - 1))
      for (const item of shown) {
        sink.annotate(level, item.message, place(item.problem))
      }
      const rest = items.slice(shown.length)
      if (rest.length === 0) continue
      if (room > 0) {
        sink.annotate(
          level,
          `${rest.length} more ${level}(s), not shown as annotations (GitHub shows ${MAX_ANNOTATIONS_PER_LEVEL} per step): see the log of this step.`
        )
      }
      for (const item of rest) {
        const at = item.problem && problemPlace(item.problem)
        sink.info(`${level}: ${at ? `${at}: ` : ''}${item.message}`)
      }
    }
    this.items.length = 0
  }
}

function place(problem: FileProblem | undefined): { file: string; startLine?: number } | undefined {
  if (!problem?.gitPath) return undefined
  return { file: problem.gitPath, ...(problem.line ? { startLine: problem.line } : {}) }
}
