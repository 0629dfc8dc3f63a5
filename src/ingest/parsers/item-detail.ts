/** `/api/item/detail/` → one video with its author, sound and hashtags (§4.12). */

import { at } from '../../contract/json-value.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { collectItems, describeSkipped } from './item-outcome.js'
import { parseItemStruct } from './item-struct.js'
import { finish, preflight } from './result.js'

/** Parses `itemInfo.itemStruct`. Unavailable/private items come as statusCode 10204/10216. */
export function parseItemDetail(input: ParserInput): ParseResult {
  const kind = 'item_detail'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const out = new CaptureBuilder()
  const skipped = collectItems(out, [at(checked.body, 'itemInfo', 'itemStruct')], (raw) =>
    parseItemStruct(raw),
  )
  return finish(
    kind,
    out,
    `itemInfo.itemStruct is not a usable item ${describeSkipped(skipped)}`.trim(),
  )
}
