/** The hashtag operations of the spec over queries/hashtags. */
import { getHashtagDetails } from '../queries/hashtags/get-hashtag-details.js'
import { type HashtagSearch, searchHashtags } from '../queries/hashtags/search-hashtags.js'
import {
  type TrendingHashtagsQuery,
  trendingHashtags,
} from '../queries/hashtags/trending-hashtags.js'
import type { QueryContext } from '../queries/query-context.js'
import { ApiError } from './api-error.js'
import { paged, single } from './operation-answer.js'

export function hashtagOperations(ctx: QueryContext) {
  return {
    async searchTikTokHashtags(q: HashtagSearch) {
      return paged(await searchHashtags(ctx, q))
    },

    async getTrendingTikTokHashtags(q: TrendingHashtagsQuery) {
      return single(await trendingHashtags(ctx, q))
    },

    async getTikTokHashtagDetails({ tag }: { tag: string }) {
      const details = await getHashtagDetails(ctx, tag)
      if (!details) {
        throw new ApiError('not_found', `No hashtag #${tag.replace(/^#+/, '')} is tracked yet.`)
      }
      return single(details)
    },
  }
}
