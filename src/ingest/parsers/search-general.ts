/** General search (web `/api/search/general/full/`, the app's) → videos and user cards (§4.10). */

import { field, recordsAt } from '../../contract/json-value.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { parseAwemeItem } from './aweme-item.js'
import { CaptureBuilder } from './capture-builder.js'
import { epochSecondsOf } from './counters.js'
import type { ItemOutcome } from './item-outcome.js'
import { collectItems, describeSkipped } from './item-outcome.js'
import { parseItemStruct } from './item-struct.js'
import { finish, preflight } from './result.js'
import { parseSnakeUser } from './snake-user.js'

/**
 * A search video entry is kept only with an id and a createTime and without `liveRoomInfo`
 * (Zeeschuimer's rule: other result types reuse `item` for live rooms and the like).
 */
function parseSearchItem(raw: unknown): ItemOutcome {
  if (epochSecondsOf(field(raw, 'createTime')) === null)
    return { ok: false, skip: 'no_create_time' }
  return parseItemStruct(raw)
}

/**
 * Parses `data[]`: `type: 1` entries carry a video — a web item struct in `item`, or an app aweme
 * in `aweme_info` (the app's general search, whose counters are as fresh as any) — and entries
 * with `user_list[].user_info` (web type 4, and the app's user cards) carry snake_case cards,
 * which become `profile` creators with only the counters the card has (follower_count,
 * total_favorited). Other types (live rooms, music, suggestions) are ignored.
 */
export function parseSearchGeneral(input: ParserInput): ParseResult {
  const kind = 'search_general'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const out = new CaptureBuilder()
  const entries = recordsAt(checked.body, 'data')
  const videos = entries.filter((entry) => field(entry, 'type') === 1)
  const skipped = collectItems(out, videos, (entry) =>
    field(entry, 'item') !== undefined
      ? parseSearchItem(field(entry, 'item'))
      : parseAwemeItem(field(entry, 'aweme_info')),
  )
  for (const entry of entries) {
    for (const card of recordsAt(entry, 'user_list')) {
      out.addCreator(parseSnakeUser(field(card, 'user_info'), 'profile', false))
    }
  }
  return finish(kind, out, `no video or user in data[] ${describeSkipped(skipped)}`.trim())
}
