/** Page `__UNIVERSAL_DATA_FOR_REHYDRATION__` JSON → profile creator and videos (§5.1). */
import { PAGE_SCOPES } from '../../contract/capture-routes.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { collectItems } from './item-outcome.js'
import { parseItemStruct } from './item-struct.js'
import { arrayAt, at, field, recordAt } from './json-value.js'
import { drop, finish, preflight } from './result.js'
import { tiktokStatusError } from './tiktok-status.js'
import { parseUserStruct } from './user-struct.js'

/**
 * The scopes that describe content (the extension sends only these). `webapp.app-context` is the
 * VIEWER and is never read.
 */
const USER_DETAIL = PAGE_SCOPES.userDetail
const VIDEO_DETAIL = PAGE_SCOPES.videoDetail
const UPDATED_ITEMS = PAGE_SCOPES.updatedItems

/**
 * Parses `__DEFAULT_SCOPE__`: `webapp.user-detail.userInfo` (a `profile` creator, plus its
 * usually empty `itemList`), `webapp.video-detail.itemInfo.itemStruct` (whose `createTime` and
 * `collectCount` are strings, §5.1) and the `webapp.updated-items` array. A scope with a
 * non-zero statusCode (10204/10216/10221/10222…) is skipped; if nothing else is left the capture
 * is a 'tiktok_error'. A shell page (captcha, client-rendered) has only `webapp.app-context`
 * and yields 'no_entities'.
 */
export function parseUniversalData(input: ParserInput): ParseResult {
  const kind = 'universal_data'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const scopes = recordAt(checked.body, '__DEFAULT_SCOPE__')
  if (scopes === null) return drop(kind, 'schema_mismatch', 'no __DEFAULT_SCOPE__ object')
  const out = new CaptureBuilder()
  const errors: string[] = []

  const userScope = field(scopes, USER_DETAIL)
  const userError = tiktokStatusError(userScope)
  if (userError !== null) errors.push(`${USER_DETAIL}: ${userError.detail}`)
  else if (userScope !== undefined) {
    const userInfo = field(userScope, 'userInfo')
    const user = field(userInfo, 'user')
    out.addCreator(
      parseUserStruct(user, field(userInfo, 'stats'), field(userInfo, 'statsV2'), 'profile'),
    )
    collectItems(out, arrayAt(userInfo, 'itemList'), (raw) => parseItemStruct(raw))
  }

  const videoScope = field(scopes, VIDEO_DETAIL)
  const videoError = tiktokStatusError(videoScope)
  if (videoError !== null) errors.push(`${VIDEO_DETAIL}: ${videoError.detail}`)
  else if (videoScope !== undefined) {
    collectItems(out, [at(videoScope, 'itemInfo', 'itemStruct')], (raw) => parseItemStruct(raw))
  }

  // Zeeschuimer reads this array when present; live cards in it are skipped like anywhere.
  collectItems(out, arrayAt(scopes, UPDATED_ITEMS), (raw) => parseItemStruct(raw))

  if (out.size() === 0 && errors.length > 0) return drop(kind, 'tiktok_error', errors.join('; '))
  return finish(
    kind,
    out,
    `no ${USER_DETAIL}, ${VIDEO_DETAIL} or ${UPDATED_ITEMS} data (shell page?)`,
  )
}
