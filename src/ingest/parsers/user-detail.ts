/** `/api/user/detail/` → the profile creator, with statsV2's exact counters (§4.2). */

import { arrayAt, field } from '../../contract/json-value.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { collectItems } from './item-outcome.js'
import { parseItemStruct } from './item-struct.js'
import { finish, preflight } from './result.js'
import { parseUserStruct } from './user-struct.js'

/**
 * Parses `userInfo.{user, stats, statsV2}` into a `profile` creator (followers 427682 from
 * statsV2, not the rounded 427700 of stats). "User not found" comes as statusCode 10221 with
 * `userInfo: {}` and is dropped by the status check. A non-empty `userInfo.itemList` is parsed too.
 */
export function parseUserDetail(input: ParserInput): ParseResult {
  const kind = 'user_detail'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const userInfo = field(checked.body, 'userInfo')
  const out = new CaptureBuilder()
  out.addCreator(
    parseUserStruct(
      field(userInfo, 'user'),
      field(userInfo, 'stats'),
      field(userInfo, 'statsV2'),
      'profile',
    ),
  )
  collectItems(out, arrayAt(userInfo, 'itemList'), (raw) => parseItemStruct(raw))
  return finish(kind, out, 'userInfo.user has no id')
}
