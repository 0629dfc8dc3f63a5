/** `/api/music/detail/` → the sound with TikTok's count of videos using it (§4.5). */
import type { ParseResult, ParserInput } from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { statsCount } from './counters.js'
import { field, isRecord, recordAt, textOf } from './json-value.js'
import { parseMusicStruct } from './music-struct.js'
import { finish, preflight } from './result.js'
import { parseUserStruct, usernameOf } from './user-struct.js'

/**
 * Parses `musicInfo.{music, author, stats, statsV2}`: `stats.videoCount` (statsV2 preferred)
 * is the sound's `userCount`. `musicInfo.author` is a user object OR a plain string (§6.7): an
 * object also yields an embedded creator; either names the author when `music.authorName` is
 * missing.
 */
export function parseMusicDetail(input: ParserInput): ParseResult {
  const kind = 'music_detail'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const info = recordAt(checked.body, 'musicInfo')
  const userCount = statsCount(field(info, 'statsV2'), field(info, 'stats'), 'videoCount')
  const sound = parseMusicStruct(field(info, 'music'), userCount)
  const author = field(info, 'author')
  const out = new CaptureBuilder()
  if (isRecord(author)) out.addCreator(parseUserStruct(author, null, null, 'embedded'))
  if (sound !== null && sound.authorName === null) {
    sound.authorName = isRecord(author)
      ? (textOf(field(author, 'nickname')) ?? usernameOf(field(author, 'uniqueId')))
      : textOf(author)
  }
  out.addSound(sound)
  return finish(kind, out, 'musicInfo.music has no id')
}
