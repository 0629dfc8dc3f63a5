/**
 * A stored video as a Zeeschuimer record (the researchers' collector, which 4CAT imports): the
 * record envelope of Zeeschuimer's `js/zs-background.js` and, as `data`, a TikTok web item
 * struct rebuilt from what we store. Unknown values are left out, never written as 0.
 *
 * 4CAT reads these records with `datasources/tiktok/search_tiktok.py` `map_item`
 * (github.com/digitalmethodsinitiative/4cat @ 17db903548bde702cc10a6ece558131e21a1ff62): it
 * requires `id`, `desc`, `createTime`, `video`, `music.id`, `music.title` and
 * `stats.{diggCount,commentCount,shareCount,playCount}`, and reads `author.{uniqueId,nickname}`,
 * `authorStats.{followerCount,videoCount}`, `challenges[].title`, `textExtra[].hashtagName`,
 * `diversificationLabels`, `isAd`, `adAuthorization`, `maskType`, `duetInfo.duetFromId`,
 * `stickersOnItem[].stickerText`, `effectStickers[].name`, `warnInfo[].text` and
 * `locationCreated`. A video whose counters or sound we do not know therefore lacks those keys,
 * and 4CAT imports it with a "could not be mapped" warning rather than with invented zeros.
 */
import type { DetailValue } from '../../db/schema.js'
import { tiktokVideoUrl, type VideoRecord } from '../video-view.js'
import { detailsOf } from '../videos/video-details.js'

/** Zeeschuimer's module id of TikTok posts (its `source_platform`). */
export const ZEESCHUIMER_PLATFORM = 'tiktok.com'
export const ZEESCHUIMER_USER_AGENT = 'Toklytics export'
/**
 * Zeeschuimer's `nav_index` names the browser tab and navigation an item was seen in
 * (`tab:window:navigation`); an export comes from no tab, so every record says `0:0:0`.
 */
export const ZEESCHUIMER_NAV_INDEX = '0:0:0'

/** The author as stored (the video's creator row). */
export interface ZeeschuimerAuthor {
  id: string
  username: string | null
  nickname: string | null
  verified: number | null
  sec_uid: string | null
  followers: number | null
  following: number | null
  total_likes: number | null
  video_count: number | null
}

/** The video's sound as stored. */
export interface ZeeschuimerSound {
  id: string
  title: string | null
  author_name: string | null
  original: number | null
  duration: number | null
  album: string | null
}

export interface ZeeschuimerSource {
  video: VideoRecord
  /** Null when the video names no creator; a creator not stored is `{id}` only. */
  author: ZeeschuimerAuthor | null
  sound: ZeeschuimerSound | null
  /** The video's hashtags in stored order, with TikTok's id of each when known. */
  hashtags: readonly { name: string; tiktokId: string | null }[]
}

type JsonRecord = Record<string, unknown>

/** The entries of `fields` whose value is known (not null). */
function known(fields: JsonRecord): JsonRecord {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined))
}

const flag = (value: number | null) => (value === null ? null : value === 1)

const listOf = (value: DetailValue | undefined): string[] | null =>
  Array.isArray(value) && value.length > 0 ? value : null
const numberOf = (value: DetailValue | undefined) => (typeof value === 'number' ? value : null)
const textOf = (value: DetailValue | undefined) => (typeof value === 'string' ? value : null)
const boolOf = (value: DetailValue | undefined) => (typeof value === 'boolean' ? value : null)

/** The counters TikTok sends in `stats` (ints) and `statsV2` (exact decimal strings). */
function statsBlocks(v: VideoRecord): JsonRecord {
  const counters = known({
    diggCount: v.likes,
    shareCount: v.shares,
    commentCount: v.comments,
    playCount: v.plays,
    collectCount: v.saves,
    repostCount: v.reposts,
  })
  // statsV2 means "exact" to every reader (metrics.md §1.2): written only when the stored
  // counters came from TikTok's exact figures, so that a re-import keeps their provenance.
  const exact = v.counts_exact === 1
  return {
    stats: counters,
    ...(exact
      ? {
          statsV2: Object.fromEntries(Object.entries(counters).map(([k, n]) => [k, String(n)])),
        }
      : {}),
  }
}

/** The item struct of one video (what TikTok's web app lists in `itemList`). */
export function zeeschuimerItem(s: ZeeschuimerSource): JsonRecord {
  const { video: v, author: a, sound } = s
  const d = detailsOf(v.details)
  const diversification = listOf(d.diversification_labels)
  const duetFromId = textOf(d.duet_from_id) ?? (boolOf(d.is_duet) === false ? '0' : null)
  const stickers = listOf(d.sticker_texts)
  const effects = listOf(d.effect_names)
  const warnings = listOf(d.warn_texts)
  const imageTitle = textOf(d.image_post_title)
  return known({
    id: v.id,
    desc: v.description,
    // TikTok's own "no time" value; the importer reads 0 as unknown (ingest/parsers/counters.ts).
    createTime: v.posted_at ?? 0,
    author:
      a === null
        ? null
        : known({
            id: a.id,
            uniqueId: a.username,
            nickname: a.nickname,
            verified: flag(a.verified),
            secUid: a.sec_uid,
          }),
    authorStats:
      a === null
        ? null
        : ((stats) => (Object.keys(stats).length === 0 ? null : stats))(
            known({
              followerCount: a.followers,
              followingCount: a.following,
              heartCount: a.total_likes,
              videoCount: a.video_count,
            }),
          ),
    music:
      sound === null
        ? null
        : known({
            id: sound.id,
            title: sound.title,
            authorName: sound.author_name,
            original: flag(sound.original),
            duration: sound.duration,
            album: sound.album,
          }),
    ...statsBlocks(v),
    video: known({ duration: v.duration }),
    // metrics.md §3: a slideshow is an item with `imagePost` (its image URLs expire; not kept).
    imagePost: v.content_type === 'slideshow' ? known({ title: imageTitle }) : null,
    challenges: s.hashtags.map((h) => known({ id: h.tiktokId, title: h.name })),
    textExtra: s.hashtags.map((h) =>
      known({ hashtagName: h.name, hashtagId: h.tiktokId, type: 1 }),
    ),
    isAd: v.is_ad === 1,
    isPinnedItem: v.is_pinned === 1,
    locationCreated: v.region,
    textLanguage: textOf(d.text_language),
    diversificationLabels: diversification,
    adAuthorization: boolOf(d.ad_authorization),
    maskType: numberOf(d.mask_type),
    duetInfo: duetFromId === null ? null : { duetFromId },
    stickersOnItem: stickers === null ? null : [{ stickerText: stickers }],
    effectStickers: effects === null ? null : effects.map((name) => ({ name })),
    warnInfo: warnings === null ? null : warnings.map((text) => ({ text })),
  })
}

/** The Zeeschuimer record of one video; `n` is its line number (Zeeschuimer's row id). */
export function zeeschuimerRecord(n: number, s: ZeeschuimerSource) {
  const url = tiktokVideoUrl(s.video, s.author?.username ?? null)
  const collected = s.video.observed_at * 1000
  return {
    id: n,
    nav_index: ZEESCHUIMER_NAV_INDEX,
    item_id: s.video.id,
    timestamp_collected: collected,
    last_updated: collected,
    source_platform: ZEESCHUIMER_PLATFORM,
    source_platform_url: url,
    source_url: url,
    user_agent: ZEESCHUIMER_USER_AGENT,
    data: zeeschuimerItem(s),
  }
}
