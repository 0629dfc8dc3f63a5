/** The analytics operations of the spec over queries/analytics. */
import { normalizeNicheQuery } from '../domain/niches.js'
import {
  COMPARISON_MAX_CREATORS,
  COMPARISON_MIN_CREATORS,
  compareCreators,
  parseUsernames,
} from '../queries/analytics/compare-creators.js'
import {
  type NicheReportQuery,
  nicheBenchmarks,
  nicheReportCache,
} from '../queries/analytics/niche-benchmarks.js'
import { nicheMembersCache } from '../queries/analytics/niche-members.js'
import {
  type CampaignQuery,
  planCampaign,
  plannerCandidatesCache,
} from '../queries/analytics/plan-campaign.js'
import { getPlatformStats, platformStatsCache } from '../queries/analytics/platform-stats.js'
import type { QueryContext } from '../queries/query-context.js'
import { ApiError } from './api-error.js'
import { single } from './operation-answer.js'

/** A niche must keep a word once `#` and spaces are stripped. */
function requireNiche(niche: string): void {
  if (normalizeNicheQuery(niche) === '') {
    throw new ApiError(
      'invalid_request',
      "Invalid query parameter 'niche': give a niche or keyword, e.g. fitness or #gymtok.",
    )
  }
}

/** The app's own caches are made here, once per app (DESIGN.md rule 8). */
export function analyticsOperations(ctx: QueryContext) {
  const statsCache = platformStatsCache()
  const members = nicheMembersCache()
  const reports = nicheReportCache()
  const candidates = plannerCandidatesCache()
  return {
    // The spec's operation takes no parameters; adapters still pass their (empty) object.
    async getToklyticsStats(_params: Record<string, never>) {
      return single(await getPlatformStats(ctx, statsCache))
    },

    async compareTikTokCreators(q: { usernames: string }) {
      const usernames = parseUsernames(q.usernames)
      if (
        usernames.length < COMPARISON_MIN_CREATORS ||
        usernames.length > COMPARISON_MAX_CREATORS
      ) {
        throw new ApiError(
          'invalid_request',
          `Invalid query parameter 'usernames': list ${COMPARISON_MIN_CREATORS} to ` +
            `${COMPARISON_MAX_CREATORS} different usernames separated by commas (got ${usernames.length}).`,
        )
      }
      return single(await compareCreators(ctx, usernames))
    },

    async getTikTokNicheBenchmarks(q: NicheReportQuery) {
      requireNiche(q.niche)
      if (q.max_followers !== undefined && q.max_followers < q.min_followers) {
        throw new ApiError(
          'invalid_request',
          `Invalid query parameters 'min_followers' and 'max_followers': min_followers ` +
            `(${q.min_followers}) must not be greater than max_followers (${q.max_followers}).`,
        )
      }
      const report = await nicheBenchmarks(ctx, q, { members, reports })
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
      return single(report)
    },

    async planTikTokInfluencerCampaign(q: CampaignQuery) {
      // The schema says minimum 0 (OpenAPI 3.0 has no numeric exclusiveMinimum); 0 is refused here.
      if (!(q.budget > 0)) {
        throw new ApiError(
          'invalid_request',
          "Invalid query parameter 'budget': must be greater than 0 (USD).",
        )
      }
      requireNiche(q.niche)
      return single(await planCampaign(ctx, q, { members, candidates }))
    },
  }
}
