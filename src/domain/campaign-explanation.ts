/** Why a campaign plan leaves budget unallocated (metrics.md §7.1): who qualified, who did not. */

import type { CampaignQualification, CampaignRules } from './campaign-candidates.js'
import {
  type CampaignPlan,
  type CampaignTier,
  campaignCost,
  campaignTierOf,
} from './campaign-plan.js'
import { CAMPAIGN_MIN_FOLLOWERS } from './metric-constants.js'
import { formatThousands } from './sponsorship.js'

/** USD with thousands separators and two decimals: 9770.5 → "$9,770.50". */
export function formatUsd(amount: number): string {
  const cents = Math.round(Math.abs(amount) * 100)
  const whole = formatThousands(Math.floor(cents / 100))
  const sign = amount < 0 && cents > 0 ? '-' : ''
  return `${sign}$${whole}.${String(cents % 100).padStart(2, '0')}`
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatThousands(n)} ${n === 1 ? one : many}`

/**
 * One sentence saying why `plan.unallocated` is left, with numbers; null when nothing is.
 * Three cases: no member qualifies (say which rules excluded them); every candidate is in the
 * plan (the niche at this minimum costs less than the budget); or the candidates left out cost
 * more than their tier had left (name the cheapest of them).
 */
export function unallocatedReason(input: {
  niche: string
  rules: CampaignRules
  qualification: CampaignQualification
  plan: CampaignPlan
}): string | null {
  const { niche, rules, qualification: q, plan } = input
  if (!(plan.unallocated >= 0.005)) return null
  const where = `in ${niche}${rules.region === null ? '' : ` (region ${rules.region})`}`
  const min = `${rules.minEngagementRate} %`
  if (q.candidates.length === 0) {
    if (q.members === 0) {
      return `No tracked creator is ${where}: widen the niche (another keyword) or track more of it.`
    }
    const why = [
      [q.excluded.below_min_engagement_rate, `below ${min} engagement`],
      [q.excluded.not_graded, 'without a grade (fewer than 3 sample videos)'],
      [
        q.excluded.below_min_followers,
        `below ${formatThousands(CAMPAIGN_MIN_FOLLOWERS)} followers`,
      ],
      [q.excluded.other_region, `outside region ${rules.region ?? ''}`],
    ]
      .filter(([n]) => (n as number) > 0)
      .map(([n, text]) => `${formatThousands(n as number)} ${text}`)
      .join(', ')
    return (
      `No creator qualifies ${where} at ≥ ${min} engagement: of ${plural(q.members, 'creator')}, ` +
      `${why}. Lower min_engagement_rate or widen the niche.`
    )
  }
  const chosen = plan.tiers.reduce((n, t) => n + t.creators.length, 0)
  const qualifyText = `${plural(q.candidates.length, 'creator')} ${q.candidates.length === 1 ? 'qualifies' : 'qualify'} ${where} at ≥ ${min} engagement`
  if (chosen === q.candidates.length) {
    const cost = q.candidates.reduce((sum, c) => sum + campaignCost(c), 0)
    const all = q.candidates.length === 1 ? 'it costs' : `all ${q.candidates.length} together cost`
    return (
      `${qualifyText}; ${all} ${formatUsd(cost)}. ` +
      'Lower min_engagement_rate or widen the niche to spend more.'
    )
  }
  const inPlan = new Set(plan.tiers.flatMap((t) => t.creators.map((c) => c.username)))
  let cheapest: { cost: number; tier: CampaignTier } | null = null
  for (const c of q.candidates) {
    const tier = campaignTierOf(c.followers)
    if (inPlan.has(c.username) || tier === null) continue
    const cost = campaignCost(c)
    if (cheapest === null || cost < cheapest.cost) cheapest = { cost, tier }
  }
  const left = q.candidates.length - chosen
  const tierPlan = plan.tiers.find((t) => t.tier === cheapest?.tier)
  const tierLeft = tierPlan === undefined ? 0 : tierPlan.budget - tierPlan.spent
  return (
    `${qualifyText}; ${chosen} fit the tier budgets, the other ${left} cost more than their tier ` +
    `had left (the cheapest, ${formatUsd(cheapest?.cost ?? 0)} in ${cheapest?.tier ?? 'micro'}, ` +
    `against ${formatUsd(tierLeft)} left there). Raise the budget, or lower min_engagement_rate ` +
    'or widen the niche for more creators.'
  )
}
