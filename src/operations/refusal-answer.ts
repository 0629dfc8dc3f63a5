/** A service's refusals (support/refusal.ts) as the API's errors: 400 for bad input, 404 for none. */
import { Refusal } from '../support/refusal.js'
import { ApiError } from './api-error.js'

export async function answering<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (err instanceof Refusal) {
      throw new ApiError(err.kind === 'invalid' ? 'invalid_request' : 'not_found', err.message)
    }
    throw err
  }
}
