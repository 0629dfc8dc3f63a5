/** The analytics operations of the spec: src/operations/analytics-operations. */
import type { ApiRoutes } from '../api-routes.js'

export function registerAnalyticsRoutes(api: ApiRoutes): void {
  api.serve('getToklyticsStats')
  api.serve('compareTikTokCreators')
  api.serve('getTikTokNicheBenchmarks')
  api.serve('planTikTokInfluencerCampaign')
}
