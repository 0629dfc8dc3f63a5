/** Legacy page `SIGI_STATE` JSON → videos (`ItemModule`) and profiles (`UserModule`) (§5.2). */
import { SIGI_PAGE_MODULES } from '../../contract/capture-routes.js'
import { field, recordAt } from '../../contract/json-value.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { idOf } from './counters.js'
import { collectItems } from './item-outcome.js'
import { parseItemStruct } from './item-struct.js'
import { drop, finish, preflight } from './result.js'
import { tiktokStatusError } from './tiktok-status.js'
import { parseUserStruct } from './user-struct.js'

/** The page modules whose statusCode says why a page has no content. */
const PAGE_MODULES = SIGI_PAGE_MODULES

/**
 * Parses `ItemModule{<id>: item}` (items whose `author` is a uniqueId STRING with the author's
 * fields flattened onto the item, and whose `createTime` is a string; the map key stands in for
 * a missing `id`) and `UserModule{users{<uniqueId>: user}, stats{<uniqueId>: stats}}` (profile
 * creators). With no content and a non-zero `UserPage`/`VideoPage` statusCode → 'tiktok_error'.
 */
export function parseSigiState(input: ParserInput): ParseResult {
  const kind = 'sigi_state'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const out = new CaptureBuilder()

  const items = recordAt(checked.body, 'ItemModule')
  for (const [key, item] of Object.entries(items ?? {})) {
    collectItems(out, [item], (raw) => parseItemStruct(raw, idOf(key)))
  }

  const users = recordAt(checked.body, 'UserModule', 'users')
  const stats = recordAt(checked.body, 'UserModule', 'stats')
  for (const [handle, user] of Object.entries(users ?? {})) {
    out.addCreator(parseUserStruct(user, field(stats, handle), null, 'profile'))
  }

  if (out.size() === 0) {
    for (const module of PAGE_MODULES) {
      const status = tiktokStatusError(field(checked.body, module))
      if (status !== null) return drop(kind, 'tiktok_error', `${module}: ${status.detail}`)
    }
  }
  return finish(kind, out, 'no item in ItemModule and no user in UserModule')
}
