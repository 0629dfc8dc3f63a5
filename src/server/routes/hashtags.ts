/** The hashtags operations of the spec: thin adapters over queries/hashtags/. */
import { getHashtagDetails } from '../../queries/hashtags/get-hashtag-details.js'
import { type HashtagSearch, searchHashtags } from '../../queries/hashtags/search-hashtags.js'
import {
  type TrendingHashtagsQuery,
  trendingHashtags,
} from '../../queries/hashtags/trending-hashtags.js'
import { type ApiRoutes, paged, paramsOf, queryOf, single } from '../api-routes.js'
import { ApiError } from '../reply-envelope.js'

export function registerHashtagsRoutes(api: ApiRoutes): void {
  api.operation('searchTikTokHashtags', async (req) =>
    paged(req, await searchHashtags(api.ctx, queryOf<HashtagSearch>(req))),
  )
  api.operation('getTrendingTikTokHashtags', async (req) =>
    single(req, await trendingHashtags(api.ctx, queryOf<TrendingHashtagsQuery>(req))),
  )
  api.operation('getTikTokHashtagDetails', async (req) => {
    const { tag } = paramsOf<{ tag: string }>(req)
    const details = await getHashtagDetails(api.ctx, tag)
    if (!details)
      throw new ApiError('not_found', `No hashtag #${tag.replace(/^#+/, '')} is tracked yet.`)
    return single(req, details)
  })
}
