/** `/api/search/general/full/` → videos (type 1) and user cards (type 4) (§4.10). */
import type { ParseResult, ParserInput } from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { epochSecondsOf } from './counters.js'
import type { ItemOutcome } from './item-outcome.js'
import { collectItems, describeSkipped } from './item-outcome.js'
import { parseItemStruct } from './item-struct.js'
import { field, recordsAt } from './json-value.js'
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
 * Parses `data[]`: `type: 1` entries carry an item struct in `item`; `type: 4` entries carry
 * snake_case user cards in `user_list[].user_info`, which become `profile` creators with only
 * the counters the card has (follower_count, total_favorited). Other types are ignored.
 */
export function parseSearchGeneral(input: ParserInput): ParseResult {
  const kind = 'search_general'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const out = new CaptureBuilder()
  const entries = recordsAt(checked.body, 'data')
  const items = entries.filter((entry) => field(entry, 'type') === 1).map((e) => field(e, 'item'))
  const skipped = collectItems(out, items, parseSearchItem)
  for (const entry of entries) {
    if (field(entry, 'type') !== 4) continue
    for (const card of recordsAt(entry, 'user_list')) {
      out.addCreator(parseSnakeUser(field(card, 'user_info'), 'profile', false))
    }
  }
  return finish(kind, out, `no video or user in data[] ${describeSkipped(skipped)}`.trim())
}
