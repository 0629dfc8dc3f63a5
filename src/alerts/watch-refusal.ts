/** Why a watchlist request was refused, for the adapters to answer as 400 or 404. */

export class WatchRefusal extends Error {
  constructor(
    readonly kind: 'invalid' | 'not_found',
    message: string,
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new WatchRefusal('not_found', `No ${what}.`)
export const invalid = (message: string) => new WatchRefusal('invalid', message)
