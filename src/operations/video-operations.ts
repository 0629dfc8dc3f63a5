/** The video operations of the spec plus video history over queries/videos. */
import type { QueryContext } from '../queries/query-context.js'
import { searchVideos, type VideoSearch } from '../queries/videos/search-videos.js'
import { type TrendingVideosQuery, trendingVideos } from '../queries/videos/trending-videos.js'
import { videoDetails } from '../queries/videos/video-details.js'
import { videoHistory } from '../queries/videos/video-history.js'
import { ApiError } from './api-error.js'
import { paged, single } from './operation-answer.js'

interface VideoIdParams {
  videoId: string
}

const notFound = (videoId: string) =>
  new ApiError('not_found', `No video ${videoId} is tracked yet.`)

export function videoOperations(ctx: QueryContext) {
  return {
    async searchTikTokVideos(q: VideoSearch) {
      return paged(await searchVideos(ctx, q))
    },

    async getTrendingTikTokVideos(q: TrendingVideosQuery) {
      return single(await trendingVideos(ctx, q))
    },

    async getTikTokVideoDetails({ videoId }: VideoIdParams) {
      const video = await videoDetails(ctx, videoId)
      if (!video) throw notFound(videoId)
      return single(video)
    },

    async getTikTokVideoHistory({ videoId }: VideoIdParams) {
      const history = await videoHistory(ctx, videoId)
      if (!history) throw notFound(videoId)
      return single(history)
    },
  }
}
