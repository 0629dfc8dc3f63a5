/** `/api/music/detail/` → the sound with TikTok's count of videos using it (§4.5). */

import { field, isRecord, recordAt, textOf } from '../../contract/json-value.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { statsCount } from './counters.js'
import { parseMusicStruct } from './music-struct.js'
import { finish, preflight } from './result.js'
import { parseUserStruct, usernameOf } from './user-struct.js'

/**
 * Adds what a `musicInfo.{music, author, stats, statsV2}` says (the API answer's or the sound
 * page's `webapp.music-detail` scope's): `stats.videoCount` (statsV2 preferred) is the sound's
 * `userCount`. `musicInfo.author` is a user object OR a plain string (§6.7): an object also
 * yields an embedded creator; either names the author when `music.authorName` is missing.
 */
export function addMusicInfo(out: CaptureBuilder, info: unknown): void {
  const userCount = statsCount(field(info, 'statsV2'), field(info, 'stats'), 'videoCount')
  const sound = parseMusicStruct(field(info, 'music'), userCount)
  const author = field(info, 'author')
  if (isRecord(author)) out.addCreator(parseUserStruct(author, null, null, 'embedded'))
  if (sound !== null && sound.authorName === null) {
    sound.authorName = isRecord(author)
      ? (textOf(field(author, 'nickname')) ?? usernameOf(field(author, 'uniqueId')))
      : textOf(author)
  }
  out.addSound(sound)
}

/** Parses `/api/music/detail/`. */
export function parseMusicDetail(input: ParserInput): ParseResult {
  const kind = 'music_detail'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const out = new CaptureBuilder()
  addMusicInfo(out, recordAt(checked.body, 'musicInfo'))
  return finish(kind, out, 'musicInfo.music has no id')
}
