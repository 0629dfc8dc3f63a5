/** Web item struct (`itemList[]`, `itemStruct`, SIGI `ItemModule`) → video, author, sound, tags. */

import {
  booleanOf,
  field,
  isRecord,
  type JsonRecord,
  recordAt,
  recordsAt,
  stringOf,
  textOf,
} from '../../contract/json-value.js'
import { normalizeHashtag, videoHashtags } from '../../domain/hashtags.js'
import type { ParsedCreator, ParsedHashtag, ParsedVideo } from '../parsed.js'
import { parseChallengeStruct } from './challenge-struct.js'
import { durationSecondsOf, epochSecondsOf, idOf, statsCount, statsExact } from './counters.js'
import { webItemDetails } from './item-details.js'
import type { ItemOutcome } from './item-outcome.js'
import { parseMusicStruct } from './music-struct.js'
import { parseUserStruct } from './user-struct.js'

/**
 * The textExtra entries that are hashtags: `type: 1` (type 0/5 are @mentions, §6.14). The
 * projected SSR sample keeps only `hashtagName`, so an entry without `type` counts when it has
 * a name (mentions always carry `hashtagName: ""`).
 */
function hashtagNames(entries: readonly JsonRecord[]): string[] {
  const names: string[] = []
  for (const entry of entries) {
    const type = field(entry, 'type')
    const name = textOf(field(entry, 'hashtagName'))
    if (name !== null && (type === 1 || type === undefined)) names.push(name)
  }
  return names
}

/**
 * The caption entities: top-level `textExtra`, or, when that key is absent (§6.6; projected
 * SSR), the `textExtra` of the caption segments in `contents[]`.
 */
function textExtraOf(item: JsonRecord): JsonRecord[] {
  if (Array.isArray(field(item, 'textExtra'))) return recordsAt(item, 'textExtra')
  return recordsAt(item, 'contents').flatMap((segment) => recordsAt(segment, 'textExtra'))
}

/**
 * The author: an object in XHR/SSR items, a uniqueId STRING in SIGI `ItemModule` items with
 * `authorId`, `authorSecId`, `nickname`, `avatarThumb`, `authorPrivate` flattened onto the item
 * (§6.7). Its counters (`authorStats`/`authorStatsV2`) are rounded, hence `embedded`.
 */
function authorOf(item: JsonRecord): ParsedCreator | null {
  const author = field(item, 'author')
  const stats = field(item, 'authorStats')
  const statsV2 = field(item, 'authorStatsV2')
  if (isRecord(author)) return parseUserStruct(author, stats, statsV2, 'embedded')
  const flat = {
    id: field(item, 'authorId'),
    uniqueId: author,
    secUid: field(item, 'authorSecId'),
    nickname: field(item, 'nickname'),
    avatarThumb: field(item, 'avatarThumb'),
    privateAccount: field(item, 'authorPrivate'),
  }
  return parseUserStruct(flat, stats, statsV2, 'embedded')
}

/**
 * Parses one web item struct. Skipped: live cards (`liveRoomInfo`, §3.6), items without a
 * `video` that are not slideshows (content-classified, §6.11) and items without an id.
 * `fallbackId` is the SIGI `ItemModule` map key, which TikTok does not always repeat inside.
 * Ads are kept with `isAd: true`. Hashtags: metrics.md §3 (challenges, then textExtra type 1).
 */
export function parseItemStruct(raw: unknown, fallbackId: string | null = null): ItemOutcome {
  if (!isRecord(raw)) return { ok: false, skip: 'not_an_object' }
  const item = raw
  const id = idOf(field(item, 'id')) ?? fallbackId
  if (id === null) return { ok: false, skip: 'no_id' }
  const live = field(item, 'liveRoomInfo')
  if (live !== undefined && live !== null) return { ok: false, skip: 'live_card' }
  const video = recordAt(item, 'video')
  const imagePost = recordAt(item, 'imagePost')
  if (video === null && imagePost === null) return { ok: false, skip: 'no_video' }

  const creator = authorOf(item)
  const sound = parseMusicStruct(field(item, 'music'))
  const challenges = recordsAt(item, 'challenges')
  const hashtags: ParsedHashtag[] = []
  for (const challenge of challenges) {
    const hashtag = parseChallengeStruct(challenge)
    if (hashtag !== null) hashtags.push(hashtag)
  }
  const textExtra = textExtraOf(item)
  const names = videoHashtags(
    challenges.map((challenge) => stringOf(field(challenge, 'title')) ?? ''),
    hashtagNames(textExtra),
  )
  // Tags only in the caption still get an entity (with TikTok's hashtagId when sent), so
  // every name in `video.hashtags` has a ParsedHashtag.
  for (const name of names) {
    if (hashtags.some((hashtag) => hashtag.name === name)) continue
    const entry = textExtra.find(
      (t) => normalizeHashtag(stringOf(field(t, 'hashtagName')) ?? '') === name,
    )
    const hashtagId = idOf(field(entry, 'hashtagId'))
    hashtags.push({ name, id: hashtagId, description: null, videoCount: null, viewCount: null })
  }

  const stats = field(item, 'stats')
  const statsV2 = field(item, 'statsV2')
  const region = textOf(field(item, 'locationCreated'))
  const parsed: ParsedVideo = {
    id,
    creatorId: creator?.id ?? null,
    description: stringOf(field(item, 'desc')) ?? '',
    postedAt: epochSecondsOf(field(item, 'createTime')),
    durationSec: durationSecondsOf(field(video, 'duration'), 's'),
    // metrics.md §3: `imagePost` makes it a slideshow.
    contentType: imagePost === null ? 'video' : 'slideshow',
    isPinned: booleanOf(field(item, 'isPinnedItem')) === true,
    isAd: booleanOf(field(item, 'isAd')) === true,
    musicId: sound?.id ?? null,
    hashtags: names,
    plays: statsCount(statsV2, stats, 'playCount'),
    likes: statsCount(statsV2, stats, 'diggCount'),
    comments: statsCount(statsV2, stats, 'commentCount'),
    shares: statsCount(statsV2, stats, 'shareCount'),
    saves: statsCount(statsV2, stats, 'collectCount'),
    reposts: statsCount(statsV2, stats, 'repostCount'),
    countsExact: statsExact(statsV2, stats, 'playCount'),
    region: region === null ? null : region.toUpperCase(),
    details: webItemDetails(item),
  }
  return { ok: true, item: { video: parsed, creator, sound, hashtags } }
}
