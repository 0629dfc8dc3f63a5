/**
 * Why a service refused a request — bad input or nothing found — for the adapters to answer as
 * 400 or 404 (operations/refusal-answer.ts) or print (the CLI).
 */

export class Refusal extends Error {
  constructor(
    readonly kind: 'invalid' | 'not_found',
    message: string,
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new Refusal('not_found', `No ${what}.`)
export const invalid = (message: string) => new Refusal('invalid', message)
