/** App-format aweme (`aweme_list[]`, §7) → video, author, sound and hashtags. */

import {
  field,
  firstOf,
  flagOf,
  isRecord,
  recordAt,
  recordsAt,
  stringOf,
  textOf,
} from '../../contract/json-value.js'
import { normalizeHashtag, videoHashtags } from '../../domain/hashtags.js'
import type { ParsedHashtag, ParsedSound, ParsedVideo } from '../parsed.js'
import { awemeDetails } from './aweme-details.js'
import { countOf, durationSecondsOf, epochSecondsOf, idOf } from './counters.js'
import type { ItemOutcome } from './item-outcome.js'
import { parseSnakeUser } from './snake-user.js'

/**
 * A sound from an app `music` / `music_info` object. Its `id` is a JSON number > 2^53 that
 * JSON.parse already rounded (6767362751674189825 → …190000), so only `id_str` (or `mid`) is
 * used (§6.1). App music `duration` is in seconds (unlike the video's). `user_count` is passed
 * by music detail; inside aweme lists it is an unpopulated 0.
 */
export function parseAwemeMusic(music: unknown, userCount: number | null): ParsedSound | null {
  const id = firstOf(idOf, field(music, 'id_str'), field(music, 'mid'), field(music, 'id'))
  if (id === null) return null
  return {
    id,
    title: textOf(field(music, 'title')),
    authorName: textOf(field(music, 'author')) ?? textOf(field(music, 'owner_nickname')),
    original: flagOf(field(music, 'is_original')) ?? flagOf(field(music, 'is_original_sound')),
    durationSec: durationSecondsOf(field(music, 'duration'), 's'),
    album: textOf(field(music, 'album')),
    userCount,
  }
}

/**
 * Parses one aweme: `aweme_id`, `create_time`, `statistics.*_count`, `video.duration` in
 * MILLISECONDS (28652 → 29 s), `author.uid` (never the rounded numeric `author_user_id`),
 * `cha_list[].cha_name` + `text_extra[type 1].hashtag_name`, `is_top` → pinned, `region`.
 * The embedded author's counters are unpopulated 0s in lists and become null.
 * Slideshows carry `image_post_info` (the app's `imagePost`).
 */
export function parseAwemeItem(raw: unknown): ItemOutcome {
  if (!isRecord(raw)) return { ok: false, skip: 'not_an_object' }
  const aweme = raw
  const id = idOf(field(aweme, 'aweme_id'))
  if (id === null) return { ok: false, skip: 'no_id' }
  const video = recordAt(aweme, 'video')
  const images = recordAt(aweme, 'image_post_info')
  if (video === null && images === null) return { ok: false, skip: 'no_video' }

  const creator = parseSnakeUser(field(aweme, 'author'), 'embedded', true)
  const sound = parseAwemeMusic(field(aweme, 'music'), null)
  const challenges = recordsAt(aweme, 'cha_list')
  const textExtra = recordsAt(aweme, 'text_extra')
  const names = videoHashtags(
    challenges.map((challenge) => stringOf(field(challenge, 'cha_name')) ?? ''),
    textExtra
      .filter((entry) => field(entry, 'type') === 1)
      .map((entry) => stringOf(field(entry, 'hashtag_name')) ?? ''),
  )
  const hashtags: ParsedHashtag[] = []
  for (const name of names) {
    const challenge = challenges.find(
      (c) => normalizeHashtag(stringOf(field(c, 'cha_name')) ?? '') === name,
    )
    const entry = textExtra.find(
      (t) => normalizeHashtag(stringOf(field(t, 'hashtag_name')) ?? '') === name,
    )
    hashtags.push({
      name,
      id: firstOf(idOf, field(challenge, 'cid'), field(entry, 'hashtag_id')),
      description: textOf(field(challenge, 'desc')),
      videoCount: null,
      viewCount: null,
    })
  }

  const statistics = recordAt(aweme, 'statistics')
  const region = textOf(field(aweme, 'region'))
  const parsed: ParsedVideo = {
    id,
    creatorId: creator?.id ?? firstOf(idOf, field(aweme, 'author_user_id')),
    description: stringOf(field(aweme, 'desc')) ?? '',
    postedAt: epochSecondsOf(field(aweme, 'create_time')),
    durationSec:
      durationSecondsOf(field(video, 'duration'), 'ms') ??
      durationSecondsOf(field(aweme, 'duration'), 'ms'),
    contentType: images === null ? 'video' : 'slideshow',
    isPinned: flagOf(field(aweme, 'is_top')) === true,
    isAd: flagOf(field(aweme, 'is_ads')) === true,
    musicId: sound?.id ?? null,
    hashtags: names,
    plays: countOf(field(statistics, 'play_count')),
    likes: countOf(field(statistics, 'digg_count')),
    comments: countOf(field(statistics, 'comment_count')),
    shares: countOf(field(statistics, 'share_count')),
    saves: countOf(field(statistics, 'collect_count')),
    reposts: countOf(field(statistics, 'repost_count')),
    // The app sends one integer per counter; whether it is rounded is not documented.
    countsExact: null,
    region: region === null ? null : region.toUpperCase(),
    details: awemeDetails(aweme),
  }
  return { ok: true, item: { video: parsed, creator, sound, hashtags } }
}
