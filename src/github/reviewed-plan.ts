import { EXPECTED_FROM_PULL_REQUEST, Input } from '../action-interface.js'
import { errorMessage, UserFacingError } from '../errors.js'
import type { ReviewedPlan } from '../plan/plan-id.js'
import type { GitHubPort } from './github-port.js'
import { findReviewedPlan, type PlanState } from './plan-comment.js'
import type { RunContext } from './run-context.js'

/** The plan the apply must match, and where to read what the reviewed plan held. */
export interface ExpectedPlan {
  /** The plan id to match; undefined when 'expected-plan-id' is not set. */
  planId: string | undefined
  /** The reviewed plan's flows, when the plan differs: to say what changed. */
  reviewedFlows(planId: string): Promise<ReviewedPlan | undefined>
}

/**
 * Resolves 'expected-plan-id'. For `pull-request`, the id is the one in the sync's plan comment
 * (`marker`) on the event's pull request, or on the pull request that merged the pushed commit;
 * without it, nothing may be written, so the run fails here.
 */
export async function expectedPlan(
  expected: string | undefined,
  github: GitHubPort | undefined,
  run: RunContext,
  marker: string,
  log: { info(message: string): void }
): Promise<ExpectedPlan> {
  const where = run.repository && { ...run, repository: run.repository }
  const reviewedFlows = async (planId: string): Promise<ReviewedPlan | undefined> => {
    if (!github || !where) return undefined
    try {
      return reviewedPlanOf((await findReviewedPlan(github, where, marker, planId))?.state)
    } catch (error) {
      log.info(`The reviewed plan could not be read from the pull request: ${errorMessage(error)}`)
      return undefined
    }
  }
  if (expected !== EXPECTED_FROM_PULL_REQUEST) return { planId: expected, reviewedFlows }

  const refuse = (why: string): never => {
    throw new UserFacingError(
      `'${Input.ExpectedPlanId}' is '${EXPECTED_FROM_PULL_REQUEST}', but ${why}. Nothing was written.`
    )
  }
  if (!github) return refuse(`'${Input.GithubToken}' is empty, so the plan comment cannot be read`)
  if (!where || (!run.pullRequest && !run.sha)) {
    return refuse('this run names no repository, pull request or commit to look the plan up by')
  }
  let found: Awaited<ReturnType<typeof findReviewedPlan>>
  try {
    found = await findReviewedPlan(github, where, marker)
  } catch (error) {
    return refuse(`the plan comment could not be read: ${errorMessage(error)}`)
  }
  if (!found) {
    return refuse(
      `no plan comment of this sync was found on ${run.pullRequest ? `pull request #${run.pullRequest.number}` : `a pull request of commit ${run.sha?.slice(0, 12)} (pushed without one?)`}; plan on the pull request with '${Input.CommentOnPr}: true' first`
    )
  }
  log.info(
    `Expected plan ${found.state.planId}, from the plan comment of pull request #${found.pullRequest}.`
  )
  const reviewed = reviewedPlanOf(found.state)
  return { planId: found.state.planId, reviewedFlows: async () => reviewed }
}

function reviewedPlanOf(state: PlanState | undefined): ReviewedPlan | undefined {
  return state?.flows && { flows: state.flows, withUnchanged: state.withUnchanged === true }
}
