/** Hashtags of the demo: item `challenges[]` entries and TikTok's own totals per tag. */

import { NICHE_TAXONOMY } from '../domain/niche-taxonomy.js'
import { demoChallengeId } from './demo-ids.js'
import { GENERIC_TAGS } from './demo-vocabulary.js'
import { hashString, Random } from './random.js'

/** One `challenges[]` entry of an item, keyed as in the real samples (images empty, as there). */
export interface TikTokChallengeRef {
  coverLarger: string
  coverMedium: string
  coverThumb: string
  desc: string
  id: string
  profileLarger: string
  profileMedium: string
  profileThumb: string
  title: string
}

const GENERIC = new Set(GENERIC_TAGS)
const NICHE_NAME_SET = new Set(Object.keys(NICHE_TAXONOMY))

/** The hashtag page's description: niche names get a prompt, most other tags have none. */
export function challengeDescription(tag: string): string {
  if (NICHE_NAME_SET.has(tag)) return `Share your best #${tag} moments and discover new creators.`
  if (GENERIC.has(tag)) return ''
  return hashString(tag, 7) % 3 === 0 ? `Everything #${tag}.` : ''
}

/**
 * Refs are shared by every item carrying the tag (the vocabulary is bounded, so is this cache);
 * callers must treat them as read-only.
 */
const refCache = new Map<string, TikTokChallengeRef>()

/** The `challenges[]` entry for a lower-cased tag; the same tag always gets the same id. */
export function challengeRef(tag: string): TikTokChallengeRef {
  let ref = refCache.get(tag)
  if (ref === undefined) {
    ref = {
      coverLarger: '',
      coverMedium: '',
      coverThumb: '',
      desc: challengeDescription(tag),
      id: demoChallengeId(tag),
      profileLarger: '',
      profileMedium: '',
      profileThumb: '',
      title: tag,
    }
    refCache.set(tag, ref)
  }
  return ref
}

/** TikTok's totals for a hashtag page (`challengeInfo.stats` / `statsV2`). */
export interface ChallengeTotals {
  videoCount: number
  viewCount: number
  /**
   * TikTok often sends `stats.videoCount: 0` for huge tags (fyp: 0 videos, 5.3e12 views in the
   * 2020 sample) while statsV2 holds the real figure; generic tags reproduce that quirk.
   */
  zeroVideoCountInStats: boolean
}

/**
 * TikTok-wide totals of a tag: a pure function of the tag, orders of magnitude above the demo's
 * own tracked videos (generic ≫ niche name ≫ other keywords), views below 2^53.
 */
export function challengeTotals(tag: string): ChallengeTotals {
  const random = new Random(hashString(tag, 0x7a3))
  let videoCount: number
  let viewsPerVideo: number
  if (GENERIC.has(tag)) {
    videoCount = random.truncatedPareto(200_000_000, 3_000_000_000, 0.8)
    viewsPerVideo = random.uniform(8_000, 20_000)
  } else if (NICHE_NAME_SET.has(tag)) {
    videoCount = random.truncatedPareto(5_000_000, 80_000_000, 0.9)
    viewsPerVideo = random.uniform(20_000, 80_000)
  } else {
    videoCount = random.truncatedPareto(200_000, 20_000_000, 0.7)
    viewsPerVideo = random.uniform(20_000, 120_000)
  }
  return {
    videoCount: Math.round(videoCount),
    viewCount: Math.round(videoCount * viewsPerVideo),
    zeroVideoCountInStats: GENERIC.has(tag),
  }
}
