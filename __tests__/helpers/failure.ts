import { KestraApiError } from '../../src/kestra/api-error.js'

/** The KestraApiError a call fails with; anything else (or a success) fails the test. */
export async function apiFailure(promise: Promise<unknown>): Promise<KestraApiError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof KestraApiError) return error
    throw error
  }
  throw new Error('expected a KestraApiError')
}
