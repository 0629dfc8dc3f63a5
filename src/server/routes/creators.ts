/** The creator operations (the spec's and the history addition), adapters over queries/creators. */
import { getCreatorAnalytics } from '../../queries/creators/get-creator-analytics.js'
import { getCreatorHistory } from '../../queries/creators/get-creator-history.js'
import { getCreatorTopContent } from '../../queries/creators/get-creator-top-content.js'
import {
  type CreatorVideosQuery,
  getCreatorVideos,
} from '../../queries/creators/get-creator-videos.js'
import { type CreatorSearch, searchCreators } from '../../queries/creators/search-creators.js'
import { type ApiRoutes, paged, paramsOf, queryOf, single } from '../api-routes.js'
import { ApiError } from '../reply-envelope.js'

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

export function registerCreatorsRoutes(api: ApiRoutes): void {
  api.operation('searchTikTokCreators', async (req) => {
    const q = queryOf<CreatorSearch>(req)
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
    return paged(req, await searchCreators(api.ctx, q))
  })

  api.operation('getTikTokCreatorAnalytics', async (req) => {
    const { username } = paramsOf<UsernameParams>(req)
    return single(req, found(await getCreatorAnalytics(api.ctx, { username }), username))
  })

  api.operation('getTikTokCreatorVideos', async (req) => {
    const { username } = paramsOf<UsernameParams>(req)
    const q = queryOf<Omit<CreatorVideosQuery, 'username'>>(req)
    return paged(req, found(await getCreatorVideos(api.ctx, { ...q, username }), username))
  })

  api.operation('getTikTokCreatorTopContent', async (req) => {
    const { username } = paramsOf<UsernameParams>(req)
    return single(req, found(await getCreatorTopContent(api.ctx, { username }), username))
  })

  api.operation('getTikTokCreatorHistory', async (req) => {
    const { username } = paramsOf<UsernameParams>(req)
    const q = queryOf<{ since?: string; until?: string }>(req)
    const since = epochSeconds('since', q.since)
    const until = epochSeconds('until', q.until)
    if (since !== undefined && until !== undefined && since > until) {
      throw new ApiError(
        'invalid_request',
        `Invalid query parameters 'since' (${q.since}) and 'until' (${q.until}): since must not ` +
          'be later than until.',
      )
    }
    return single(
      req,
      found(await getCreatorHistory(api.ctx, { username, since, until }), username),
    )
  })
}
