/** App API `/aweme/v1/music/search/` → sounds with TikTok's count of videos using each (§4.5). */

import { field, recordsAt } from '../../contract/json-value.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { parseAwemeMusic } from './aweme-item.js'
import { CaptureBuilder } from './capture-builder.js'
import { countOf } from './counters.js'
import { finish, preflight } from './result.js'

/**
 * Parses `music[]`: each result is an app music object (`id_str`/`mid`, `title`, `author`,
 * `duration` in seconds, `is_original`) whose `user_count` is the sound's own total, populated
 * in search results (unlike the unpopulated 0 inside aweme lists).
 */
export function parseAwemeMusicSearch(input: ParserInput): ParseResult {
  const kind = 'aweme_music_search'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const out = new CaptureBuilder()
  for (const music of recordsAt(checked.body, 'music')) {
    out.addSound(parseAwemeMusic(music, countOf(field(music, 'user_count'))))
  }
  return finish(kind, out, 'music[] has no sound with an id_str or mid')
}
