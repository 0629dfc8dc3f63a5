/** The rules of the niche benchmark report: tier distribution, top-creator order, its bounds. */

import type { Tier } from './metric-constants.js'
import { round1 } from './rounding.js'

/** How many creators the report lists as top creators. */
export const NICHE_TOP_CREATORS = 10

/**
 * How many of the niche's creators (the most recently posting ones) have their recent videos
 * read for the content-format insights and trending hashtags; bounds the work per request.
 */
export const NICHE_CONTENT_CREATORS = 50

/** How many trending hashtags the report lists. */
export const NICHE_TRENDING_TAGS = 10

export const TIERS: readonly Tier[] = ['nano', 'micro', 'mid', 'macro', 'mega']

/** Creators of one tier and their percent of the report's creators (round1). */
export interface TierShare {
  creators: number
  share: number
}

/** Count and share of each tier (every tier present, in order nano … mega). */
export function tierDistribution(tiers: readonly Tier[]): Record<Tier, TierShare> {
  const counts = new Map<Tier, number>()
  for (const t of tiers) counts.set(t, (counts.get(t) ?? 0) + 1)
  const out = {} as Record<Tier, TierShare>
  for (const t of TIERS) {
    const creators = counts.get(t) ?? 0
    out[t] = { creators, share: tiers.length === 0 ? 0 : round1((100 * creators) / tiers.length) }
  }
  return out
}

/** What the top-creator order reads. */
export interface RankedCreator {
  id: string
  score: number | null
  /** Null without evidence; ranks below every known rate. */
  engagementRate: number | null
  followers: number
}

/**
 * Top creators of a niche: creator score desc (creators without a score, i.e. grade 'N/A',
 * last), then engagement_rate desc (unknown last), then followers desc, then id asc (code-unit
 * order).
 * The score rather than the raw engagement rate, so that a tiny sample with one lucky post does
 * not top the list: the score also weighs reach, virality and consistency (§2.1).
 */
export function compareTopCreators(a: RankedCreator, b: RankedCreator): number {
  if (a.score !== b.score) {
    if (a.score === null) return 1
    if (b.score === null) return -1
    return b.score - a.score
  }
  if (a.engagementRate !== b.engagementRate) {
    if (a.engagementRate === null) return 1
    if (b.engagementRate === null) return -1
    return b.engagementRate - a.engagementRate
  }
  if (a.followers !== b.followers) return b.followers - a.followers
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
