/** Who may be in a campaign (metrics.md §7): the candidate rules, their order and exclusions. */

import { CAMPAIGN_MIN_FOLLOWERS, type Grade } from './metric-constants.js'

/** A creator the caller already filtered by niche and region, with its published metrics. */
export interface CampaignCandidate {
  username: string
  followers: number
  /** Views-based engagement rate, percent. */
  engagementRate: number
  medianViews: number
  grade: Grade
  /** Sponsorship range (USD per post) of §2.2. */
  sponsorshipLow: number
  sponsorshipHigh: number
}

/**
 * Candidate order within a tier: engagement_rate desc, then followers desc, then username asc
 * (code-unit order, independent of locale).
 */
export function compareCampaignCandidates(
  a: { username: string; followers: number; engagementRate: number },
  b: { username: string; followers: number; engagementRate: number },
): number {
  if (a.engagementRate !== b.engagementRate) return b.engagementRate - a.engagementRate
  if (a.followers !== b.followers) return b.followers - a.followers
  return a.username < b.username ? -1 : a.username > b.username ? 1 : 0
}

/** Why a niche member is not a candidate, in the order the rules are checked. */
export type CampaignExclusion =
  | 'other_region'
  | 'below_min_followers'
  | 'not_graded'
  | 'below_min_engagement_rate'

export const CAMPAIGN_EXCLUSIONS: readonly CampaignExclusion[] = [
  'other_region',
  'below_min_followers',
  'not_graded',
  'below_min_engagement_rate',
]

/** A niche member as stored: every metric may be null without evidence (metrics.md §2). */
export interface CampaignMember {
  username: string
  followers: number | null
  region: string | null
  grade: string
  engagementRate: number | null
  medianViews: number | null
  sponsorshipLow: number | null
  sponsorshipHigh: number | null
}

export interface CampaignRules {
  minEngagementRate: number
  /** Upper-case region code, or null for any region. */
  region: string | null
}

/**
 * The first §7 rule a member fails, or null for a candidate: region (when asked), followers ≥
 * 10,000 (unknown fails), a grade (N/A means fewer than 3 sample videos, so no price either),
 * `engagement_rate ≥ min_engagement_rate`.
 */
export function campaignExclusion(
  m: CampaignMember,
  rules: CampaignRules,
): CampaignExclusion | null {
  if (rules.region !== null && m.region !== rules.region) return 'other_region'
  if (m.followers === null || m.followers < CAMPAIGN_MIN_FOLLOWERS) return 'below_min_followers'
  if (
    m.grade === 'N/A' ||
    m.medianViews === null ||
    m.sponsorshipLow === null ||
    m.sponsorshipHigh === null
  ) {
    return 'not_graded'
  }
  if (m.engagementRate === null || m.engagementRate < rules.minEngagementRate) {
    return 'below_min_engagement_rate'
  }
  return null
}

/** The members sorted into candidates (in §7 order) and counts of the excluded by reason. */
export interface CampaignQualification {
  members: number
  candidates: CampaignCandidate[]
  excluded: Record<CampaignExclusion, number>
}

export function qualifyCampaignMembers(
  members: readonly CampaignMember[],
  rules: CampaignRules,
): CampaignQualification {
  const excluded = Object.fromEntries(CAMPAIGN_EXCLUSIONS.map((e) => [e, 0])) as Record<
    CampaignExclusion,
    number
  >
  const candidates: CampaignCandidate[] = []
  for (const m of members) {
    const reason = campaignExclusion(m, rules)
    if (reason !== null) {
      excluded[reason] += 1
      continue
    }
    candidates.push({
      username: m.username,
      // campaignExclusion has checked every one of these.
      followers: m.followers ?? 0,
      engagementRate: m.engagementRate ?? 0,
      medianViews: m.medianViews ?? 0,
      grade: m.grade as Grade,
      sponsorshipLow: m.sponsorshipLow ?? 0,
      sponsorshipHigh: m.sponsorshipHigh ?? 0,
    })
  }
  return {
    members: members.length,
    candidates: candidates.sort(compareCampaignCandidates),
    excluded,
  }
}
