/** The campaign planner of metrics.md §7: budget split by tier and a creator roster per tier. */

import {
  type CampaignCandidate,
  campaignExclusion,
  compareCampaignCandidates,
} from './campaign-candidates.js'
import {
  CAMPAIGN_BUDGET_SHARES,
  CAMPAIGN_MIN_FOLLOWERS,
  MACRO_MIN_FOLLOWERS,
  MID_MIN_FOLLOWERS,
  PAID_CPM,
} from './metric-constants.js'
import { round0, round2, snapFloat } from './rounding.js'

/** Campaign tiers; mega creators are planned as macro. */
export type CampaignTier = 'macro' | 'mid' | 'micro'

/** How a campaign tier is named where creators' own tiers are shown too. */
export const CAMPAIGN_TIER_LABEL: Readonly<Record<CampaignTier, string>> = {
  macro: 'macro (incl. mega)',
  mid: 'mid',
  micro: 'micro',
}

export interface CampaignCreator {
  username: string
  followers: number
  engagementRate: number
  /** USD, midpoint of the sponsorship range (may end in .5). */
  cost: number
  /** = median_views. */
  estimatedReach: number
  /** `round(reach × engagement_rate / 100)`. */
  estimatedEngagements: number
}

export interface CampaignTierPlan {
  tier: CampaignTier
  /** USD available to the tier: its share plus what earlier tiers left, round2. */
  budget: number
  /** USD spent on the tier's creators. */
  spent: number
  creators: CampaignCreator[]
}

export interface CampaignTotals {
  cost: number
  reach: number
  engagements: number
  cpm: number
  costPerEngagement: number
  estimatedMediaValue: number
  roi: number
}

export interface CampaignPlan {
  /** Always the three tiers, in allocation order macro, mid, micro. */
  tiers: CampaignTierPlan[]
  totals: CampaignTotals
  /** USD left after micro, round2. */
  unallocated: number
  /** Candidates that passed the planner's own filters (grade, engagement, followers). */
  candidatesConsidered: number
}

/**
 * Campaign tier by followers: macro ≥ 500k (mega included), mid 100k–500k, micro 10k–100k;
 * null below 10k (never a candidate).
 */
export function campaignTierOf(followers: number): CampaignTier | null {
  if (followers >= MACRO_MIN_FOLLOWERS) return 'macro'
  if (followers >= MID_MIN_FOLLOWERS) return 'mid'
  if (followers >= CAMPAIGN_MIN_FOLLOWERS) return 'micro'
  return null
}

/** Cost of a creator: the midpoint of its sponsorship range, `(low + high) / 2`, kept exact. */
export function campaignCost(c: { sponsorshipLow: number; sponsorshipHigh: number }): number {
  return (c.sponsorshipLow + c.sponsorshipHigh) / 2
}

/**
 * Plans a campaign (§7).
 *
 * Candidates: grade ≠ 'N/A', `engagementRate ≥ minEngagementRate` and followers ≥ 10,000 (niche
 * and region are the caller's filters). Tiers are filled in the order macro, mid, micro; each
 * tier is offered `budget × share` (40 / 35 / 25 %, in unrounded dollars, computed as
 * `budget × cumulative percent / 100 − spent so far` so no cent is lost to repeated
 * subtraction) plus whatever the earlier tiers left. Within a tier, candidates are taken by
 * `compareCampaignCandidates` while the next one's cost fits the remaining budget; one that
 * doesn't fit is skipped and the next ones are still tried. Micro's remainder is `unallocated`
 * (round2); the reported tier budgets are round2 too.
 *
 * Per creator: cost = midpoint of the sponsorship range, reach = median_views,
 * engagements = `round(reach × engagement_rate / 100)`.
 * Totals: `cpm = round2(cost / reach × 1000)`, `costPerEngagement = round2(cost / engagements)`,
 * `estimatedMediaValue = round2(reach / 1000 × 10)` (paid CPM $10),
 * `roi = round2((estimatedMediaValue − cost) / cost)`; each is 0 when its divisor is 0.
 */
export function planCampaign(input: {
  budget: number
  minEngagementRate: number
  candidates: readonly CampaignCandidate[]
}): CampaignPlan {
  const rules = { minEngagementRate: input.minEngagementRate, region: null }
  const eligible = input.candidates
    .filter((c) => campaignExclusion({ ...c, region: null }, rules) === null)
    .sort(compareCampaignCandidates)

  const tiers: CampaignTierPlan[] = []
  let cumulativePercent = 0
  // Costs are halves of whole dollars, so these sums are exact.
  let spentTotal = 0
  let reachTotal = 0
  let engagementsTotal = 0
  for (const share of CAMPAIGN_BUDGET_SHARES) {
    cumulativePercent += share.percent
    const cumulativeBudget = (input.budget * cumulativePercent) / 100
    const available = cumulativeBudget - spentTotal
    const creators: CampaignCreator[] = []
    let spent = 0
    for (const c of eligible) {
      if (campaignTierOf(c.followers) !== share.tier) continue
      const cost = campaignCost(c)
      // Same test as cost ≤ remaining, without the rounding error of a running remainder.
      if (spentTotal + cost > cumulativeBudget) continue
      const estimatedReach = c.medianViews
      const estimatedEngagements = round0(snapFloat((estimatedReach * c.engagementRate) / 100))
      creators.push({
        username: c.username,
        followers: c.followers,
        engagementRate: c.engagementRate,
        cost,
        estimatedReach,
        estimatedEngagements,
      })
      spent += cost
      spentTotal += cost
      reachTotal += estimatedReach
      engagementsTotal += estimatedEngagements
    }
    tiers.push({ tier: share.tier, budget: round2(available), spent, creators })
  }

  const estimatedMediaValue = round2((reachTotal * PAID_CPM) / 1000)
  return {
    tiers,
    totals: {
      cost: spentTotal,
      reach: reachTotal,
      engagements: engagementsTotal,
      cpm: reachTotal === 0 ? 0 : round2((spentTotal * 1000) / reachTotal),
      costPerEngagement: engagementsTotal === 0 ? 0 : round2(spentTotal / engagementsTotal),
      estimatedMediaValue,
      roi:
        spentTotal === 0 ? 0 : round2(snapFloat((estimatedMediaValue - spentTotal) / spentTotal)),
    },
    unallocated: round2(input.budget - spentTotal),
    candidatesConsidered: eligible.length,
  }
}
