/** App API `/aweme/v1/music/detail/` → the sound with TikTok's count of videos using it (§4.5). */

import { field } from '../../contract/json-value.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { parseAwemeMusic } from './aweme-item.js'
import { CaptureBuilder } from './capture-builder.js'
import { countOf } from './counters.js'
import { finish, preflight } from './result.js'

/**
 * Parses `music_info{id_str, title, author, is_original, duration, user_count}`; the id comes
 * from `id_str` because the numeric `id` is already rounded (§6.1).
 */
export function parseAwemeMusicDetail(input: ParserInput): ParseResult {
  const kind = 'aweme_music_detail'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const info = field(checked.body, 'music_info')
  const out = new CaptureBuilder()
  out.addSound(parseAwemeMusic(info, countOf(field(info, 'user_count'))))
  return finish(kind, out, 'music_info has no id_str')
}
