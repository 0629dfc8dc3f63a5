/** The creator operations (the spec's and the history addition) over queries/creators. */
import { getCreatorAnalytics } from '../queries/creators/get-creator-analytics.js'
import { getCreatorHistory } from '../queries/creators/get-creator-history.js'
import { getCreatorTopContent } from '../queries/creators/get-creator-top-content.js'
import {
  type CreatorVideosQuery,
  getCreatorVideos,
} from '../queries/creators/get-creator-videos.js'
import {
  type CreatorSearch,
  searchCreators,
  searchTotalsCache,
} from '../queries/creators/search-creators.js'
import type { QueryContext } from '../queries/query-context.js'
import { ApiError } from './api-error.js'
import { paged, single } from './operation-answer.js'

interface UsernameParams {
  username: string
}

/** An ISO 8601 date-time (already checked by the schema) as epoch seconds. */
function epochSeconds(name: string, iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined
  const ms = Date.parse(iso)
  // RFC 3339 allows what Date cannot read (a leap second): say so rather than guess.
  if (!Number.isFinite(ms)) {
    throw new ApiError(
      'invalid_request',
      `Invalid query parameter '${name}': not a readable date-time.`,
    )
  }
  return Math.floor(ms / 1000)
}

function notTracked(username: string): never {
  throw new ApiError('not_found', `No creator @${username.replace(/^@/, '')} is tracked yet.`)
}

/** The found value, or the 404 of an unknown creator. */
function found<T>(value: T | undefined, username: string): T {
  return value === undefined ? notTracked(username) : value
}

/** The app's own caches are made here, once per app (DESIGN.md rule 8). */
export function creatorOperations(ctx: QueryContext) {
  const totals = searchTotalsCache()
  return {
    async searchTikTokCreators(q: CreatorSearch) {
      if (
        q.min_followers !== undefined &&
        q.max_followers !== undefined &&
        q.min_followers > q.max_followers
      ) {
        throw new ApiError(
          'invalid_request',
          `Invalid query parameters 'min_followers' (${q.min_followers}) and 'max_followers' ` +
            `(${q.max_followers}): min_followers must not be greater than max_followers.`,
        )
      }
      return paged(await searchCreators(ctx, q, totals))
    },

    async getTikTokCreatorAnalytics({ username }: UsernameParams) {
      return single(found(await getCreatorAnalytics(ctx, { username }), username))
    },

    async getTikTokCreatorVideos(q: CreatorVideosQuery) {
      return paged(found(await getCreatorVideos(ctx, q), q.username))
    },

    async getTikTokCreatorTopContent({ username }: UsernameParams) {
      return single(found(await getCreatorTopContent(ctx, { username }), username))
    },

    async getTikTokCreatorHistory(q: UsernameParams & { since?: string; until?: string }) {
      const since = epochSeconds('since', q.since)
      const until = epochSeconds('until', q.until)
      if (since !== undefined && until !== undefined && since > until) {
        throw new ApiError(
          'invalid_request',
          `Invalid query parameters 'since' (${q.since}) and 'until' (${q.until}): since must ` +
            'not be later than until.',
        )
      }
      const { username } = q
      return single(found(await getCreatorHistory(ctx, { username, since, until }), username))
    },
  }
}
