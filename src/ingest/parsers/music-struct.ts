/** Web `music` object → ParsedSound (items' `music`, `/api/music/detail/` `musicInfo.music`). */

import { booleanOf, field, textOf } from '../../contract/json-value.js'
import type { Count, ParsedSound } from '../parsed.js'
import { durationSecondsOf, idOf } from './counters.js'

/**
 * A sound from a web music object; `userCount` is only known from music detail payloads.
 * Web `music.duration` is in seconds. Returns null without an id.
 */
export function parseMusicStruct(music: unknown, userCount: Count = null): ParsedSound | null {
  const id = idOf(field(music, 'id'))
  if (id === null) return null
  return {
    id,
    title: textOf(field(music, 'title')),
    authorName: textOf(field(music, 'authorName')),
    original: booleanOf(field(music, 'original')),
    durationSec: durationSecondsOf(field(music, 'duration'), 's'),
    // `album: ""` means "no album" (§3.4).
    album: textOf(field(music, 'album')),
    userCount,
  }
}
