/** The creator operations (the spec's and the history addition): src/operations/creator-operations. */
import type { ApiRoutes } from '../api-routes.js'

export function registerCreatorsRoutes(api: ApiRoutes): void {
  api.serve('searchTikTokCreators')
  api.serve('getTikTokCreatorAnalytics')
  api.serve('getTikTokCreatorVideos')
  api.serve('getTikTokCreatorTopContent')
  api.serve('getTikTokCreatorHistory')
}
