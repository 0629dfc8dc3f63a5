/**
 * The rising lists and rank tables: src/operations/ranking-operations. The fixed paths
 * /hashtags/rising and /sounds/rising take precedence over /hashtags/{tag} and /sounds/{musicId}
 * (the router matches a static segment before a parameter, whatever the registration order).
 */
import type { ApiRoutes } from '../api-routes.js'

export function registerRankingRoutes(api: ApiRoutes): void {
  api.serve('getRisingTikTokHashtags')
  api.serve('getRisingTikTokSounds')
  api.serve('getRisingTikTokCreators')
  api.serve('getTikTokCreatorRankings')
}
