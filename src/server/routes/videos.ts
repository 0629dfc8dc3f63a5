/** Video operations of the spec plus video history: src/operations/video-operations. */
import type { ApiRoutes } from '../api-routes.js'

export function registerVideosRoutes(api: ApiRoutes): void {
  api.serve('searchTikTokVideos')
  api.serve('getTrendingTikTokVideos')
  api.serve('getTikTokVideoDetails')
  api.serve('getTikTokVideoHistory')
}
