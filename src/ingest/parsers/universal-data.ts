/** Page `__UNIVERSAL_DATA_FOR_REHYDRATION__` JSON → creators, videos, hashtags, sounds (§5.1). */
import { PAGE_SCOPES } from '../../contract/capture-routes.js'
import { arrayAt, at, field, recordAt } from '../../contract/json-value.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { hashtagOfChallengeInfo } from './challenge-detail.js'
import { collectItems } from './item-outcome.js'
import { parseItemStruct } from './item-struct.js'
import { addMusicInfo } from './music-detail.js'
import { drop, finish, preflight } from './result.js'
import { tiktokStatusError } from './tiktok-status.js'
import { parseUserStruct } from './user-struct.js'

/** What each content scope holds, read into the capture (the scope passed its status check). */
const SCOPE_READERS: ReadonlyArray<
  readonly [string, (out: CaptureBuilder, scope: unknown) => void]
> = [
  [
    PAGE_SCOPES.userDetail,
    (out, scope) => {
      const userInfo = field(scope, 'userInfo')
      const user = field(userInfo, 'user')
      out.addCreator(
        parseUserStruct(user, field(userInfo, 'stats'), field(userInfo, 'statsV2'), 'profile'),
      )
      collectItems(out, arrayAt(userInfo, 'itemList'), (raw) => parseItemStruct(raw))
    },
  ],
  [
    PAGE_SCOPES.videoDetail,
    (out, scope) =>
      collectItems(out, [at(scope, 'itemInfo', 'itemStruct')], (raw) => parseItemStruct(raw)),
  ],
  [
    PAGE_SCOPES.reflowVideoDetail,
    (out, scope) =>
      collectItems(out, [at(scope, 'itemInfo', 'itemStruct')], (raw) => parseItemStruct(raw)),
  ],
  [
    PAGE_SCOPES.challengeDetail,
    (out, scope) => out.addHashtag(hashtagOfChallengeInfo(field(scope, 'challengeInfo'))),
  ],
  [PAGE_SCOPES.musicDetail, (out, scope) => addMusicInfo(out, field(scope, 'musicInfo'))],
]

/**
 * Parses `__DEFAULT_SCOPE__`: the profile's `webapp.user-detail.userInfo` (a `profile` creator,
 * plus its usually empty `itemList`), a video page's `itemInfo.itemStruct` (desktop
 * `webapp.video-detail` or mobile `webapp.reflow.video.detail`; `createTime` and `collectCount`
 * are strings there, §5.1), a hashtag page's `webapp.challenge-detail.challengeInfo`, a sound
 * page's `webapp.music-detail.musicInfo`, and the `webapp.updated-items` array. A scope with a
 * non-zero statusCode (10204/10216/10221/10222…) is skipped; if nothing else is left the capture
 * is a 'tiktok_error'. A shell page (captcha, client-rendered) has only `webapp.app-context`
 * and yields 'no_entities'. `webapp.app-context` is the VIEWER and is never read.
 */
export function parseUniversalData(input: ParserInput): ParseResult {
  const kind = 'universal_data'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const scopes = recordAt(checked.body, '__DEFAULT_SCOPE__')
  if (scopes === null) return drop(kind, 'schema_mismatch', 'no __DEFAULT_SCOPE__ object')
  const out = new CaptureBuilder()
  const errors: string[] = []

  for (const [name, read] of SCOPE_READERS) {
    const scope = field(scopes, name)
    if (scope === undefined) continue
    const error = tiktokStatusError(scope)
    if (error !== null) errors.push(`${name}: ${error.detail}`)
    else read(out, scope)
  }
  // Zeeschuimer reads this array when present; live cards in it are skipped like anywhere.
  collectItems(out, arrayAt(scopes, PAGE_SCOPES.updatedItems), (raw) => parseItemStruct(raw))

  if (out.size() === 0 && errors.length > 0) return drop(kind, 'tiktok_error', errors.join('; '))
  return finish(
    kind,
    out,
    `no content scope (${Object.values(PAGE_SCOPES).join(', ')}): shell page?`,
  )
}
