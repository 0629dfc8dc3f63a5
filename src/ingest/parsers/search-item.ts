/** `/api/search/item/full/` → videos from `item_list[]` item structs (§4.10). */

import { arrayAt } from '../../contract/json-value.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { collectItems, describeSkipped } from './item-outcome.js'
import { parseItemStruct } from './item-struct.js'
import { finish, preflight } from './result.js'

/** Parses the video search results: `item_list[]` of web item structs (snake_case key only). */
export function parseSearchItem(input: ParserInput): ParseResult {
  const kind = 'search_item'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const out = new CaptureBuilder()
  const skipped = collectItems(out, arrayAt(checked.body, 'item_list'), (raw) =>
    parseItemStruct(raw),
  )
  return finish(kind, out, `item_list has no usable item ${describeSkipped(skipped)}`.trim())
}
