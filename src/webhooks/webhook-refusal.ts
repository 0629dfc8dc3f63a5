/** The webhook services' refusals (support/refusal.ts), worded once. */
import { invalid, notFound } from '../support/refusal.js'

export const webhookNotFound = (id: string) => notFound(`webhook ${id}`)
export const invalidField = (field: string, problem: string) =>
  invalid(`Invalid body field '${field}': ${problem}.`)
