/** The analytics operations of the spec: thin adapters over queries/analytics/. */
import { normalizeNicheQuery } from '../../domain/niches.js'
import {
  COMPARISON_MAX_CREATORS,
  COMPARISON_MIN_CREATORS,
  compareCreators,
  parseUsernames,
} from '../../queries/analytics/compare-creators.js'
import {
  type NicheReportQuery,
  nicheBenchmarks,
  nicheReportCache,
} from '../../queries/analytics/niche-benchmarks.js'
import { nicheMembersCache } from '../../queries/analytics/niche-members.js'
import {
  type CampaignQuery,
  planCampaign,
  plannerCandidatesCache,
} from '../../queries/analytics/plan-campaign.js'
import { getPlatformStats, platformStatsCache } from '../../queries/analytics/platform-stats.js'
import { type ApiRoutes, queryOf, single } from '../api-routes.js'
import { ApiError } from '../reply-envelope.js'

/** A niche must keep a word once `#` and spaces are stripped. */
function requireNiche(niche: string): void {
  if (normalizeNicheQuery(niche) === '') {
    throw new ApiError(
      'invalid_request',
      "Invalid query parameter 'niche': give a niche or keyword, e.g. fitness or #gymtok.",
    )
  }
}

export function registerAnalyticsRoutes(api: ApiRoutes): void {
  // The app's own caches (per database inside), never module-level (DESIGN.md rule 8).
  const statsCache = platformStatsCache()
  const members = nicheMembersCache()
  const reports = nicheReportCache()
  const candidates = plannerCandidatesCache()
  api.operation('getToklyticsStats', async (req) =>
    single(req, await getPlatformStats(api.ctx, statsCache)),
  )

  api.operation('compareTikTokCreators', async (req) => {
    const usernames = parseUsernames(queryOf<{ usernames: string }>(req).usernames)
    if (usernames.length < COMPARISON_MIN_CREATORS || usernames.length > COMPARISON_MAX_CREATORS) {
      throw new ApiError(
        'invalid_request',
        `Invalid query parameter 'usernames': list ${COMPARISON_MIN_CREATORS} to ` +
          `${COMPARISON_MAX_CREATORS} different usernames separated by commas (got ${usernames.length}).`,
      )
    }
    return single(req, await compareCreators(api.ctx, usernames))
  })

  api.operation('getTikTokNicheBenchmarks', async (req) => {
    const q = queryOf<NicheReportQuery>(req)
    requireNiche(q.niche)
    if (q.max_followers !== undefined && q.max_followers < q.min_followers) {
      throw new ApiError(
        'invalid_request',
        `Invalid query parameters 'min_followers' and 'max_followers': min_followers ` +
          `(${q.min_followers}) must not be greater than max_followers (${q.max_followers}).`,
      )
    }
    const report = await nicheBenchmarks(api.ctx, q, { members, reports })
    if (report === undefined) {
      const range =
        q.max_followers === undefined
          ? `at least ${q.min_followers} followers`
          : `${q.min_followers}–${q.max_followers} followers`
      throw new ApiError(
        'not_found',
        `No tracked creator with videos matches niche '${normalizeNicheQuery(q.niche)}' with ` +
          `${range}; try a broader niche or a lower min_followers.`,
      )
    }
    return single(req, report)
  })

  api.operation('planTikTokInfluencerCampaign', async (req) => {
    const q = queryOf<CampaignQuery>(req)
    // The schema says minimum 0 (OpenAPI 3.0 has no numeric exclusiveMinimum); 0 is refused here.
    if (!(q.budget > 0)) {
      throw new ApiError(
        'invalid_request',
        "Invalid query parameter 'budget': must be greater than 0 (USD).",
      )
    }
    requireNiche(q.niche)
    return single(req, await planCampaign(api.ctx, q, { members, candidates }))
  })
}
