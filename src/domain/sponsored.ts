/** Sponsored content (metrics.md §11): TikTok's commercial flags, disclosure hashtags, brands. */

import { round1, round2 } from './rounding.js'

/** A value of a video's `details` map (the stored shape of parsed.ts). */
export type DetailValue = string | number | boolean | null | readonly string[]

/**
 * The `details` keys (parsers/item-details.ts, aweme-details.ts) holding TikTok's own commercial
 * flags: `is_ad` (web `isAd`, app `is_ads`), `ad_authorization` (web `adAuthorization`, the
 * paid-partnership switch) and `branded_content_type` (app `commerce_info.branded_content_type`,
 * 0 = organic). `ad_label_version` is left out: a real organic search item carries 2.
 */
export const SPONSORED_FLAGS = ['is_ad', 'ad_authorization', 'branded_content_type'] as const

/**
 * Caption hashtags that disclose a paid post (lower-case, without `#`): the English marks the
 * FTC and ASA name, their German (Werbung, Anzeige), Spanish/Portuguese (publicidad, publi) and
 * French (pub, partenariat) counterparts. `#collab` and `#gifted` are out: creators use #collab
 * for unpaid creator-to-creator duets, and a gift is not a paid post.
 */
export const DISCLOSURE_TAGS: readonly string[] = [
  'ad',
  'ads',
  'advert',
  'advertisement',
  'sponsored',
  'sponsor',
  'sponsoredpost',
  'partner',
  'partnership',
  'paidpartnership',
  'paidpartner',
  'brandpartner',
  'werbung',
  'anzeige',
  'publicidad',
  'publi',
  'pub',
  'partenariat',
]

/** What the rule makes of one video. */
export interface VideoSponsorship {
  /** true: marked or disclosed; false: flags present, none set, no disclosure; null: unknown. */
  sponsored: boolean | null
  /** Why it is sponsored, e.g. ["tiktok:is_ad", "hashtag:#ad"]; empty unless sponsored. */
  evidence: string[]
}

/** Hashtags written in a caption, lower-cased, without `#`, in order, de-duplicated. */
export function captionHashtags(description: string): string[] {
  const out: string[] = []
  for (const m of description.matchAll(/#([\p{L}\p{N}_]+)/gu)) {
    const tag = (m[1] ?? '').toLowerCase()
    if (tag !== '' && !out.includes(tag)) out.push(tag)
  }
  return out
}

function flagSet(value: DetailValue | undefined): boolean | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value > 0
  return null
}

/**
 * A video is sponsored when one of TikTok's flags (SPONSORED_FLAGS) is set, or its caption
 * carries a DISCLOSURE_TAGS hashtag. It is not sponsored when at least one flag was sent and none
 * is set and nothing is disclosed; with no flag sent and no disclosure it is unknown (null),
 * because a payload without commercial fields says nothing either way.
 */
export function videoSponsorship(
  details: Readonly<Record<string, DetailValue>>,
  description: string,
): VideoSponsorship {
  const evidence: string[] = []
  let known = false
  for (const key of SPONSORED_FLAGS) {
    const set = flagSet(details[key])
    if (set === null) continue
    known = true
    if (set) evidence.push(`tiktok:${key}`)
  }
  for (const tag of captionHashtags(description)) {
    if (DISCLOSURE_TAGS.includes(tag)) evidence.push(`hashtag:#${tag}`)
  }
  if (evidence.length > 0) return { sponsored: true, evidence }
  return { sponsored: known ? false : null, evidence }
}

/**
 * The @handles a video names, lower-cased, in order, de-duplicated: TikTok's mention entities
 * (`details.mentioned_usernames`) first, then `@handle` written in the caption (the app format
 * gives mention ids only). A handle is letters, digits, `_` and `.`, without a trailing `.`.
 */
export function mentionedHandles(
  details: Readonly<Record<string, DetailValue>>,
  description: string,
): string[] {
  const out: string[] = []
  const add = (raw: string): void => {
    const handle = raw.toLowerCase().replace(/\.+$/, '')
    if (handle !== '' && !out.includes(handle)) out.push(handle)
  }
  const listed = details.mentioned_usernames
  if (Array.isArray(listed)) for (const name of listed) add(name)
  for (const m of description.matchAll(/(?:^|[^\p{L}\p{N}_.@])@([A-Za-z0-9_.]+)/gu)) add(m[1] ?? '')
  return out
}

/** One video of the creator sample S with its sponsorship (metrics.md §11). */
export interface SponsoredSampleVideo {
  sponsored: boolean | null
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  /** Handles the video mentions (mentionedHandles). */
  mentions: readonly string[]
}

export interface BrandCount {
  handle: string
  /** Sponsored videos of S that mention it. */
  videos: number
}

export interface CreatorSponsorship {
  /** round1(100 × sponsored / known) over S; null when no video of S is known. */
  share: number | null
  sponsoredEngagementRate: number | null
  organicEngagementRate: number | null
  /** Top 10 handles of sponsored videos by count, then handle; the creator left out. */
  brands: BrandCount[]
}

/** §2's engagement formula: round2(100 × Σ(likes + comments + shares) / Σ plays), null if Σ plays = 0. */
function engagement(videos: readonly SponsoredSampleVideo[]): number | null {
  let plays = 0
  let interactions = 0
  for (const v of videos) {
    plays += v.plays ?? 0
    interactions += (v.likes ?? 0) + (v.comments ?? 0) + (v.shares ?? 0)
  }
  return plays === 0 ? null : round2((100 * interactions) / plays)
}

/**
 * Over the creator sample S (metrics.md §2): `share = round1(100 × sponsored / known)` with
 * known = videos whose `sponsored` is not null; the §2 engagement rate over the sponsored and
 * over the not-sponsored (false) videos, null for an empty subset; brands = handles mentioned by
 * the sponsored videos, each counted once per video, excluding `creatorUsername`.
 */
export function creatorSponsorship(
  sample: readonly SponsoredSampleVideo[],
  creatorUsername: string | null,
): CreatorSponsorship {
  const sponsored = sample.filter((v) => v.sponsored === true)
  const organic = sample.filter((v) => v.sponsored === false)
  const known = sponsored.length + organic.length
  const self = creatorUsername?.toLowerCase() ?? null
  const counts = new Map<string, number>()
  for (const v of sponsored) {
    for (const handle of new Set(v.mentions)) {
      if (handle === self) continue
      counts.set(handle, (counts.get(handle) ?? 0) + 1)
    }
  }
  const brands = [...counts]
    .map(([handle, videos]) => ({ handle, videos }))
    .sort((a, b) => b.videos - a.videos || (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0))
    .slice(0, 10)
  return {
    share: known === 0 ? null : round1((100 * sponsored.length) / known),
    sponsoredEngagementRate: sponsored.length === 0 ? null : engagement(sponsored),
    organicEngagementRate: organic.length === 0 ? null : engagement(organic),
    brands,
  }
}
