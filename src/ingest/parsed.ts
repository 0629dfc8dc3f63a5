/** What a parser makes of one capture: entities and their observed values, before any storage. */
import type { PayloadKind } from '../contract/capture-routes.js'
import type { DetailValue } from '../db/schema.js'

export type { DetailValue, PayloadKind }

/** A counter as TikTok reported it; `null` means TikTok did not send it (unknown, never 0). */
export type Count = number | null

export interface ParsedCreator {
  /** TikTok's numeric user id, as a string. */
  id: string
  /** The @handle (`uniqueId`), without `@`. */
  username: string | null
  secUid: string | null
  nickname: string | null
  bio: string | null
  verified: boolean | null
  /** ISO-2 region of the creator when TikTok states it (`user.region`); never the viewer's region. */
  region: string | null
  avatarUrl: string | null
  privateAccount: boolean | null
  /**
   * `profile`: a profile payload (user detail, SSR user-detail, search user card) whose counters
   * describe the creator. `embedded`: the author block of a video, whose counters TikTok rounds
   * (427700 for 427682), so they only fill counters that are still unknown.
   */
  source: 'profile' | 'embedded'
  followers: Count
  following: Count
  totalLikes: Count
  videoCount: Count
  /**
   * metrics.md §1.2: true when `followers` was read from statsV2 (exact), false from the rounded
   * stats ints, null when followers is unknown or the payload shape says nothing about rounding
   * (app API, 2020–2021 web shapes).
   */
  countsExact: boolean | null
}

export interface ParsedVideo {
  /** Item id (19 digits), as a string. */
  id: string
  creatorId: string | null
  description: string
  /** Upload time, epoch seconds (UTC). */
  postedAt: number | null
  /** Seconds (app payloads send milliseconds; parsers convert). */
  durationSec: number | null
  contentType: 'video' | 'slideshow'
  isPinned: boolean
  isAd: boolean
  musicId: string | null
  /** metrics.md §3: lower-cased, without `#`, de-duplicated, first-seen order. */
  hashtags: string[]
  plays: Count
  likes: Count
  comments: Count
  shares: Count
  saves: Count
  reposts: Count
  /** metrics.md §1.2: as `ParsedCreator.countsExact`, for `plays`. */
  countsExact: boolean | null
  /** ISO-2 country where the video was posted (`locationCreated`). */
  region: string | null
  /** Further public data points (video tech, labels, poi, settings); never viewer-relative fields. */
  details: Record<string, DetailValue>
}

export interface ParsedHashtag {
  /** Lower-cased tag without `#`: the key. */
  name: string
  /** TikTok's challenge id, when known. */
  id: string | null
  description: string | null
  /** TikTok's own totals (challenge detail payloads only); null when not sent. */
  videoCount: Count
  viewCount: Count
}

export interface ParsedSound {
  id: string
  title: string | null
  authorName: string | null
  original: boolean | null
  durationSec: number | null
  album: string | null
  /** Videos using the sound, TikTok's own figure (music detail payloads only). */
  userCount: Count
}

/** Everything one capture says. `observedAt` comes from the envelope, not from the parser. */
export interface ParsedCapture {
  creators: ParsedCreator[]
  videos: ParsedVideo[]
  hashtags: ParsedHashtag[]
  sounds: ParsedSound[]
}

/** Why a capture adds nothing. Dropped captures are reported, never errors. */
export type DropReason =
  | 'unsupported_kind'
  | 'empty_body'
  | 'invalid_json'
  | 'invalid_url'
  | 'invalid_observed_at'
  | 'tiktok_error'
  | 'no_entities'
  | 'schema_mismatch'
  | 'too_deep'

export type ParseResult =
  | { ok: true; kind: PayloadKind; data: ParsedCapture }
  | { ok: false; kind: PayloadKind | null; reason: DropReason; detail: string }

/** Input of every parser: the (already sanitised) capture URL and the JSON body. */
export interface ParserInput {
  url: URL
  body: unknown
}
