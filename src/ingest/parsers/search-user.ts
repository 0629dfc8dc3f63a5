/** `/api/search/user/full/` → profile creators from `user_list[].user_info` (§4.10). */

import { field, recordsAt } from '../../contract/json-value.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { finish, preflight } from './result.js'
import { parseSnakeUser } from './snake-user.js'

/**
 * Parses the user search results. The cards are snake_case (`uid`, `unique_id`, `sec_uid`,
 * `follower_count`…); a counter the card does not carry stays null. Login problems come as
 * `status_code: 2483`.
 */
export function parseSearchUser(input: ParserInput): ParseResult {
  const kind = 'search_user'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const out = new CaptureBuilder()
  for (const card of recordsAt(checked.body, 'user_list')) {
    out.addCreator(parseSnakeUser(field(card, 'user_info'), 'profile', false))
  }
  return finish(kind, out, 'user_list has no user with an id')
}
