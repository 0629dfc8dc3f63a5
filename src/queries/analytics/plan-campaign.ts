/** `GET /analytics/campaign-planner`: a campaign roster from the niche's creators (metrics.md §7). */
import {
  type CampaignExclusion,
  type CampaignQualification,
  qualifyCampaignMembers,
} from '../../domain/campaign-candidates.js'
import { unallocatedReason } from '../../domain/campaign-explanation.js'
import {
  CAMPAIGN_TIER_LABEL,
  type CampaignTier,
  campaignCost,
  planCampaign as planCampaignOf,
} from '../../domain/campaign-plan.js'
import { CAMPAIGN_BUDGET_SHARES } from '../../domain/metric-constants.js'
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
  /** The creator's own tier (as in `creators/{username}`): macro and mega share the macro group. */
  tier: string
  followers: number
  engagement_rate: number
  grade: string
  /** The creator's sponsored share (metrics.md §11); null when unknown. */
  sponsored_share: number | null
  cost: number
  estimated_reach: number
  estimated_engagements: number
  profile_url: string
  tiktok_url: string
}

export interface CampaignTierView {
  /** "macro (incl. mega)", "mid", "micro". */
  label: string
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
  /** Who qualified and who did not, and why budget is left (metrics.md §7.1). */
  explanation: {
    niche_members: number
    qualified: number
    excluded: Record<CampaignExclusion, number>
    qualified_cost: number
    unallocated_reason: string | null
  }
  /** When the candidates' metrics were read (a niche's member list is reused for 60 s). */
  data_as_of: string
}

/** The qualification of a (niche, min_engagement_rate, region), with what the views need. */
interface PlannerCandidates {
  qualification: CampaignQualification
  /** Display name, grade and tier of each candidate, by username. */
  details: Map<
    string,
    { nickname: string | null; grade: string; tier: string; sponsoredShare: number | null }
  >
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
    sizeOf: (c) => c.qualification.candidates.length,
    maxSize: 400_000,
  })
}

/**
 * Candidates: creators with a username in the niche (§4, read through the members cache, see
 * `nicheMembers`), qualified by domain/'s §7 rules (region — `regionCode`: upper-cased, UK read
 * as GB, blank is no filter — followers ≥ 10,000, a grade, engagement ≥ min) and sorted once per
 * (niche, minimum, region) and minute. A request then only runs domain/'s `planCampaign` for
 * the §7 allocation of its budget, and explains what it leaves unallocated.
 */
export async function planCampaign(
  ctx: QueryContext,
  p: CampaignQuery,
  caches: { members: NicheMembersCache; candidates: PlannerCandidatesCache },
): Promise<CampaignPlanView> {
  const region = p.region === undefined || p.region.trim() === '' ? null : regionCode(p.region)
  const rules = { minEngagementRate: p.min_engagement_rate, region }
  const key = [keywordsFor(p.niche).join(','), p.min_engagement_rate, region ?? ''].join('\n')
  const { qualification, details, readAt } = await caches.candidates.get(ctx, key, async () => {
    const members = await nicheMembers(ctx, p.niche, caches.members)
    const qualification = qualifyCampaignMembers(
      members.rows.map((r) => ({
        username: r.username,
        followers: r.followers,
        region: r.region,
        grade: r.grade,
        engagementRate: r.engagement_rate,
        medianViews: r.median_views,
        sponsorshipLow: r.sponsorship_low,
        sponsorshipHigh: r.sponsorship_high,
      })),
      rules,
    )
    const wanted = new Set(qualification.candidates.map((c) => c.username))
    const details = new Map(
      members.rows
        .filter((r) => wanted.has(r.username))
        .map((r) => [
          r.username,
          { nickname: r.nickname, grade: r.grade, tier: r.tier, sponsoredShare: r.sponsored_share },
        ]),
    )
    return { qualification, details, readAt: members.readAt }
  })

  const plan = planCampaignOf({
    budget: p.budget,
    minEngagementRate: p.min_engagement_rate,
    candidates: qualification.candidates,
  })
  const niche = normalizeNicheQuery(p.niche)
  const roster = {} as Record<CampaignTier, CampaignTierView>
  for (const tier of plan.tiers) {
    roster[tier.tier] = {
      label: CAMPAIGN_TIER_LABEL[tier.tier],
      budget_share: CAMPAIGN_BUDGET_SHARES.find((s) => s.tier === tier.tier)?.percent ?? 0,
      budget: tier.budget,
      spent: tier.spent,
      creators: tier.creators.map((c) => {
        const path = encodeURIComponent(c.username)
        const more = details.get(c.username)
        return {
          username: c.username,
          display_name: more?.nickname ?? null,
          tier: more?.tier ?? tier.tier,
          followers: c.followers,
          engagement_rate: c.engagementRate,
          grade: more?.grade ?? 'N/A',
          sponsored_share: more?.sponsoredShare ?? null,
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
      niche,
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
    explanation: {
      niche_members: qualification.members,
      qualified: qualification.candidates.length,
      excluded: { ...qualification.excluded },
      qualified_cost: qualification.candidates.reduce((sum, c) => sum + campaignCost(c), 0),
      unallocated_reason: unallocatedReason({ niche, rules, qualification, plan }),
    },
    data_as_of: isoTime(readAt),
  }
}
