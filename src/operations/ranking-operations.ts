/** The rising lists and rank tables of the spec (metrics.md §8) over queries/rankings. */

import type { QueryContext } from '../queries/query-context.js'
import { type CreatorRankingQuery, creatorRankings } from '../queries/rankings/creator-rankings.js'
import { risingCreators } from '../queries/rankings/rising-creators.js'
import { risingHashtags } from '../queries/rankings/rising-hashtags.js'
import type { RisingQuery } from '../queries/rankings/rising-ranking.js'
import { risingSounds } from '../queries/rankings/rising-sounds.js'
import { single } from './operation-answer.js'

export function rankingOperations(ctx: QueryContext) {
  return {
    async getRisingTikTokHashtags(q: RisingQuery) {
      return single(await risingHashtags(ctx, q))
    },

    async getRisingTikTokSounds(q: RisingQuery) {
      return single(await risingSounds(ctx, q))
    },

    async getRisingTikTokCreators(q: RisingQuery) {
      return single(await risingCreators(ctx, q))
    },

    async getTikTokCreatorRankings(q: CreatorRankingQuery) {
      return single(await creatorRankings(ctx, q))
    },
  }
}
