/** Video operations of the spec plus video history: thin adapters over queries/videos/. */
import { searchVideos, type VideoSearch } from '../../queries/videos/search-videos.js'
import { type TrendingVideosQuery, trendingVideos } from '../../queries/videos/trending-videos.js'
import { videoDetails } from '../../queries/videos/video-details.js'
import { videoHistory } from '../../queries/videos/video-history.js'
import { type ApiRoutes, paged, paramsOf, queryOf, single } from '../api-routes.js'
import { ApiError } from '../reply-envelope.js'

const notFound = (videoId: string) =>
  new ApiError('not_found', `No video ${videoId} is tracked yet.`)

export function registerVideosRoutes(api: ApiRoutes): void {
  api.operation('searchTikTokVideos', async (req) =>
    paged(req, await searchVideos(api.ctx, queryOf<VideoSearch>(req))),
  )
  api.operation('getTrendingTikTokVideos', async (req) =>
    single(req, await trendingVideos(api.ctx, queryOf<TrendingVideosQuery>(req))),
  )
  api.operation('getTikTokVideoDetails', async (req) => {
    const { videoId } = paramsOf<{ videoId: string }>(req)
    const video = await videoDetails(api.ctx, videoId)
    if (!video) throw notFound(videoId)
    return single(req, video)
  })
  api.operation('getTikTokVideoHistory', async (req) => {
    const { videoId } = paramsOf<{ videoId: string }>(req)
    const history = await videoHistory(api.ctx, videoId)
    if (!history) throw notFound(videoId)
    return single(req, history)
  })
}
