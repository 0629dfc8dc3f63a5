/** The 2019–2020 web list (`/share/item/list`: `body.itemListData[]`) → videos, authors, sounds. */

import {
  arrayAt,
  booleanOf,
  field,
  firstOf,
  isRecord,
  recordAt,
  recordsAt,
  stringOf,
  textOf,
} from '../../contract/json-value.js'
import { normalizeHashtag, videoHashtags } from '../../domain/hashtags.js'
import type {
  ParsedCreator,
  ParsedHashtag,
  ParsedSound,
  ParseResult,
  ParserInput,
} from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { countOf, durationSecondsOf, epochSecondsOf, idOf } from './counters.js'
import { collectItems, describeSkipped, type ItemOutcome } from './item-outcome.js'
import { linkChallenge, linkMusic, queryParam } from './list-links.js'
import { describe as describeValue, drop, finish, preflight } from './result.js'
import { usernameOf } from './user-struct.js'

/** `"true"` / `"false"` (how these payloads wrote some flags), or a boolean; else null. */
function legacyFlag(value: unknown): boolean | null {
  if (value === 'true' || value === 'false') return value === 'true'
  return booleanOf(value)
}

/**
 * The author: `authorInfos.{userId, uniqueId, secUid, nickName, signature, verified,
 * coversMedium[]}` with `authorStats.{followerCount, followingCount, heartCount, videoCount}`.
 * These are the profile's own counters (the list is a creator's page), but in a list they are
 * an embedded author's.
 */
function legacyAuthor(entry: unknown): ParsedCreator | null {
  const info = field(entry, 'authorInfos')
  const stats = field(entry, 'authorStats')
  const id = idOf(field(info, 'userId'))
  if (id === null) return null
  return {
    id,
    username: usernameOf(field(info, 'uniqueId')),
    secUid: textOf(field(info, 'secUid')),
    nickname: textOf(field(info, 'nickName')),
    bio: stringOf(field(info, 'signature')),
    verified: legacyFlag(field(info, 'verified')),
    region: null,
    avatarUrl: firstOf(
      textOf,
      ...arrayAt(info, 'coversLarger'),
      ...arrayAt(info, 'coversMedium'),
      ...arrayAt(info, 'covers'),
    ),
    privateAccount: legacyFlag(field(info, 'isSecret')) ?? legacyFlag(field(info, 'secret')),
    source: 'embedded',
    followers: countOf(field(stats, 'followerCount')),
    following: countOf(field(stats, 'followingCount')),
    totalLikes: countOf(field(stats, 'heartCount')),
    videoCount: countOf(field(stats, 'videoCount')),
    // 2020 shapes have no statsV2 to compare with: whether TikTok rounded them is not known.
    countsExact: null,
  }
}

/** The sound: `musicInfos.{musicId, musicName, authorName, original}` (no duration then). */
function legacySound(entry: unknown, musicId: string | null): ParsedSound | null {
  const info = field(entry, 'musicInfos')
  const id = idOf(field(info, 'musicId')) ?? musicId
  if (id === null) return null
  return {
    id,
    title: textOf(field(info, 'musicName')),
    authorName: textOf(field(info, 'authorName')),
    original: legacyFlag(field(info, 'original')),
    durationSec: null,
    album: null,
    userCount: null,
  }
}

/**
 * One entry: `itemInfos.{id, text, createTime (string), authorId, musicId, playCount,
 * diggCount, commentCount, shareCount, video.videoMeta.duration (s)}`, hashtags from
 * `challengeInfoList[].challengeName` and the entry's `textExtra` entries of `Type` 1
 * (`HashtagName`; those years wrote the keys capitalised). There was no saves counter: saves
 * stay unknown.
 */
function parseLegacyEntry(entry: unknown): ItemOutcome {
  if (!isRecord(entry)) return { ok: false, skip: 'not_an_object' }
  const item = recordAt(entry, 'itemInfos')
  const id = idOf(field(item, 'id'))
  if (item === null || id === null) return { ok: false, skip: 'no_id' }
  const postedAt = epochSecondsOf(field(item, 'createTime'))
  if (postedAt === null) return { ok: false, skip: 'no_create_time' }

  const creator = legacyAuthor(entry)
  const sound = legacySound(entry, idOf(field(item, 'musicId')))
  const challenges = recordsAt(entry, 'challengeInfoList')
  // The 2020 answer put `textExtra` beside `itemInfos` (legacy2020_share_item_list.sample1);
  // read it inside as well, where later item structs keep it.
  const textExtra = [...recordsAt(entry, 'textExtra'), ...recordsAt(item, 'textExtra')].filter(
    (t) => (field(t, 'Type') ?? field(t, 'type')) === 1,
  )
  const tagOf = (t: unknown) => stringOf(field(t, 'HashtagName') ?? field(t, 'hashtagName'))
  const names = videoHashtags(
    challenges.map((c) => stringOf(field(c, 'challengeName')) ?? ''),
    textExtra.map((t) => tagOf(t) ?? ''),
  )
  const hashtags: ParsedHashtag[] = names.map((name) => {
    const challenge = challenges.find(
      (c) => normalizeHashtag(stringOf(field(c, 'challengeName')) ?? '') === name,
    )
    const extra = textExtra.find((t) => normalizeHashtag(tagOf(t) ?? '') === name)
    return {
      name,
      id: firstOf(
        idOf,
        field(challenge, 'challengeId'),
        field(extra, 'HashtagId'),
        field(extra, 'hashtagId'),
      ),
      description: textOf(field(challenge, 'text')),
      videoCount: null,
      viewCount: null,
    }
  })
  return {
    ok: true,
    item: {
      video: {
        id,
        creatorId: creator?.id ?? idOf(field(item, 'authorId')),
        description: stringOf(field(item, 'text')) ?? '',
        postedAt,
        durationSec: durationSecondsOf(
          field(recordAt(item, 'video', 'videoMeta'), 'duration'),
          's',
        ),
        contentType: 'video',
        isPinned: false,
        isAd: false,
        musicId: sound?.id ?? null,
        hashtags: names,
        plays: countOf(field(item, 'playCount')),
        likes: countOf(field(item, 'diggCount')),
        comments: countOf(field(item, 'commentCount')),
        shares: countOf(field(item, 'shareCount')),
        saves: null,
        reposts: null,
        countsExact: null,
        region: null,
        details: {},
      },
      creator,
      sound,
      hashtags,
    },
  }
}

/**
 * Parses `body.itemListData[]` (or a saved `body`, or `itemListData` at the top). Like today's
 * lists, the body does not say whose list it is: only query parameters that name what they are
 * (`challengeID`, `musicID`) link the videos; the era's generic `id` + `type` pair is not read,
 * because no public source documents its types.
 */
export function parseLegacyItemList(input: ParserInput): ParseResult {
  const kind = 'legacy_item_list'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const holder = recordAt(checked.body, 'body') ?? checked.body
  const list = field(holder, 'itemListData')
  if (list !== undefined && list !== null && !Array.isArray(list)) {
    return drop(
      kind,
      'schema_mismatch',
      `itemListData is ${describeValue(list)}, expected an array`,
    )
  }
  const out = new CaptureBuilder()
  const skipped = collectItems(out, Array.isArray(list) ? list : [], parseLegacyEntry)
  const videos = out.videos()
  linkChallenge(videos, out.hashtags(), queryParam(input.url, 'challengeID'))
  linkMusic(videos, queryParam(input.url, 'musicID'))
  return finish(kind, out, `itemListData has no usable entry ${describeSkipped(skipped)}`.trim())
}
