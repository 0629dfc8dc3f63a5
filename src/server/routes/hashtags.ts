/** The hashtags operations of the spec: src/operations/hashtag-operations. */
import type { ApiRoutes } from '../api-routes.js'

export function registerHashtagsRoutes(api: ApiRoutes): void {
  api.serve('searchTikTokHashtags')
  api.serve('getTrendingTikTokHashtags')
  api.serve('getTikTokHashtagDetails')
}
