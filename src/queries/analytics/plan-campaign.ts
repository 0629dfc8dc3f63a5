/** `GET /analytics/campaign-planner`: a campaign roster from the niche's creators (metrics.md §7). */
import {
  type CampaignCandidate,
  type CampaignTier,
  compareCampaignCandidates,
  planCampaign as planCampaignOf,
} from '../../domain/campaign-plan.js'
import {
  CAMPAIGN_BUDGET_SHARES,
  CAMPAIGN_MIN_FOLLOWERS,
  type Grade,
} from '../../domain/metric-constants.js'
import { keywordsFor, normalizeNicheQuery } from '../../domain/niches.js'
import { regionCode } from '../creators/creator-filters.js'
import { isoTime } from '../iso-time.js'
import { type QueryCache, queryCache } from '../query-cache.js'
import type { QueryContext } from '../query-context.js'
import { type NicheMembersCache, nicheMembers } from './niche-members.js'

export interface CampaignQuery {
  budget: number
  niche: string
  min_engagement_rate: number
  region?: string
}

export interface CampaignRosterCreator {
  username: string
  display_name: string | null
  followers: number
  engagement_rate: number
  grade: string
  cost: number
  estimated_reach: number
  estimated_engagements: number
  profile_url: string
  tiktok_url: string
}

export interface CampaignTierView {
  /** Percent of the total budget this tier is offered (before what earlier tiers left). */
  budget_share: number
  budget: number
  spent: number
  creators: CampaignRosterCreator[]
}

export interface CampaignPlanView {
  inputs: {
    budget: number
    niche: string
    keywords: string[]
    min_engagement_rate: number
    region: string | null
  }
  roster: Record<CampaignTier, CampaignTierView>
  totals: {
    creators: number
    cost: number
    reach: number
    engagements: number
    cpm: number
    cost_per_engagement: number
    estimated_media_value: number
    roi: number
  }
  unallocated: number
  candidates_considered: number
  /** When the candidates' metrics were read (a niche's member list is reused for 60 s). */
  data_as_of: string
}

/** The eligible creators of a (niche, min_engagement_rate, region), in §7 order. */
interface PlannerCandidates {
  candidates: CampaignCandidate[]
  /** Display name and grade of each candidate, by username. */
  details: Map<string, { nickname: string | null; grade: string }>
  /** When the niche's members were read (epoch seconds). */
  readAt: number
}

export type PlannerCandidatesCache = QueryCache<PlannerCandidates>

/** How long a sorted candidate list is reused (it is derived from the cached member list). */
export const PLANNER_CANDIDATES_TTL_SECONDS = 60

export function plannerCandidatesCache(): PlannerCandidatesCache {
  return queryCache({
    ttlSeconds: PLANNER_CANDIDATES_TTL_SECONDS,
    max: 256,
    sizeOf: (c) => c.candidates.length,
    maxSize: 400_000,
  })
}

/**
 * Candidates: creators with a username in the niche (§4, read through the members cache, see
 * `nicheMembers`) whose region equals the given one (`regionCode`: upper-cased, UK read as GB;
 * a blank region is no filter), filtered on the planner's own rules (grade ≠ N/A,
 * engagement ≥ min, followers ≥ 10,000) and sorted in §7 order once per (niche, minimum,
 * region) and minute. A request then only runs domain/'s `planCampaign` (which applies the
 * same rules again) for the §7 allocation of its budget.
 */
export async function planCampaign(
  ctx: QueryContext,
  p: CampaignQuery,
  caches: { members: NicheMembersCache; candidates: PlannerCandidatesCache },
): Promise<CampaignPlanView> {
  const region = p.region === undefined || p.region.trim() === '' ? null : regionCode(p.region)
  const key = [keywordsFor(p.niche).join(','), p.min_engagement_rate, region ?? ''].join('\n')
  const { candidates, details, readAt } = await caches.candidates.get(ctx, key, async () => {
    const members = await nicheMembers(ctx, p.niche, caches.members)
    const eligible: CampaignCandidate[] = []
    const details = new Map<string, { nickname: string | null; grade: string }>()
    for (const r of members.rows) {
      if (
        r.followers === null ||
        r.followers < CAMPAIGN_MIN_FOLLOWERS ||
        r.grade === 'N/A' ||
        r.engagement_rate < p.min_engagement_rate ||
        (region !== null && r.region !== region)
      ) {
        continue
      }
      eligible.push({
        username: r.username,
        followers: r.followers,
        engagementRate: r.engagement_rate,
        medianViews: r.median_views,
        grade: r.grade as Grade,
        sponsorshipLow: r.sponsorship_low,
        sponsorshipHigh: r.sponsorship_high,
      })
      details.set(r.username, { nickname: r.nickname, grade: r.grade })
    }
    return {
      candidates: eligible.sort(compareCampaignCandidates),
      details,
      readAt: members.readAt,
    }
  })

  const plan = planCampaignOf({
    budget: p.budget,
    minEngagementRate: p.min_engagement_rate,
    candidates,
  })
  const roster = {} as Record<CampaignTier, CampaignTierView>
  for (const tier of plan.tiers) {
    roster[tier.tier] = {
      budget_share: CAMPAIGN_BUDGET_SHARES.find((s) => s.tier === tier.tier)?.percent ?? 0,
      budget: tier.budget,
      spent: tier.spent,
      creators: tier.creators.map((c) => {
        const path = encodeURIComponent(c.username)
        const more = details.get(c.username)
        return {
          username: c.username,
          display_name: more?.nickname ?? null,
          followers: c.followers,
          engagement_rate: c.engagementRate,
          grade: more?.grade ?? 'N/A',
          cost: c.cost,
          estimated_reach: c.estimatedReach,
          estimated_engagements: c.estimatedEngagements,
          profile_url: `${ctx.publicBaseUrl}/creators/${path}`,
          tiktok_url: `https://www.tiktok.com/@${path}`,
        }
      }),
    }
  }
  return {
    inputs: {
      budget: p.budget,
      niche: normalizeNicheQuery(p.niche),
      keywords: keywordsFor(p.niche),
      min_engagement_rate: p.min_engagement_rate,
      region,
    },
    roster,
    totals: {
      creators: plan.tiers.reduce((n, t) => n + t.creators.length, 0),
      cost: plan.totals.cost,
      reach: plan.totals.reach,
      engagements: plan.totals.engagements,
      cpm: plan.totals.cpm,
      cost_per_engagement: plan.totals.costPerEngagement,
      estimated_media_value: plan.totals.estimatedMediaValue,
      roi: plan.totals.roi,
    },
    unallocated: plan.unallocated,
    candidates_considered: plan.candidatesConsidered,
    data_as_of: isoTime(readAt),
  }
}
