/** The sounds operations of the spec: src/operations/sound-operations. */
import type { ApiRoutes } from '../api-routes.js'

export function registerSoundsRoutes(api: ApiRoutes): void {
  api.serve('searchTikTokSounds')
  api.serve('getTrendingTikTokSounds')
  api.serve('getTikTokSoundDetails')
}
