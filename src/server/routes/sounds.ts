/** The sounds operations of the spec: thin adapters over queries/sounds/. */
import { getSoundDetails } from '../../queries/sounds/get-sound-details.js'
import { type SoundSearch, searchSounds } from '../../queries/sounds/search-sounds.js'
import { type TrendingSoundsQuery, trendingSounds } from '../../queries/sounds/trending-sounds.js'
import { type ApiRoutes, paged, paramsOf, queryOf, single } from '../api-routes.js'
import { ApiError } from '../reply-envelope.js'

export function registerSoundsRoutes(api: ApiRoutes): void {
  api.operation('searchTikTokSounds', async (req) =>
    paged(req, await searchSounds(api.ctx, queryOf<SoundSearch>(req))),
  )
  api.operation('getTrendingTikTokSounds', async (req) =>
    single(req, await trendingSounds(api.ctx, queryOf<TrendingSoundsQuery>(req))),
  )
  api.operation('getTikTokSoundDetails', async (req) => {
    const { musicId } = paramsOf<{ musicId: string }>(req)
    const details = await getSoundDetails(api.ctx, musicId)
    if (!details) throw new ApiError('not_found', `No sound ${musicId} is tracked yet.`)
    return single(req, details)
  })
}
