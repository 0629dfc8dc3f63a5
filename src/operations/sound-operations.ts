/** The sound operations of the spec over queries/sounds. */
import type { QueryContext } from '../queries/query-context.js'
import { getSoundDetails } from '../queries/sounds/get-sound-details.js'
import { type SoundSearch, searchSounds } from '../queries/sounds/search-sounds.js'
import { type TrendingSoundsQuery, trendingSounds } from '../queries/sounds/trending-sounds.js'
import { ApiError } from './api-error.js'
import { paged, single } from './operation-answer.js'

export function soundOperations(ctx: QueryContext) {
  return {
    async searchTikTokSounds(q: SoundSearch) {
      return paged(await searchSounds(ctx, q))
    },

    async getTrendingTikTokSounds(q: TrendingSoundsQuery) {
      return single(await trendingSounds(ctx, q))
    },

    async getTikTokSoundDetails({ musicId }: { musicId: string }) {
      const details = await getSoundDetails(ctx, musicId)
      if (!details) throw new ApiError('not_found', `No sound ${musicId} is tracked yet.`)
      return single(details)
    },
  }
}
