/** Zeeschuimer's NDJSON export (the researchers' collector): its TikTok records as captures. */
import { z } from 'zod'
import { apiRouteKind, isTikTokHost } from '../contract/capture-routes.js'
import { isItemStruct, SHAPE_URLS } from '../contract/capture-shape.js'

/**
 * One line of the export, as github.com/digitalmethodsinitiative/zeeschuimer writes it
 * (commit ffa27814846eeb8db3502edad05a592440527302): `js/zs-background.js` stores
 * `{nav_index, item_id, timestamp_collected, last_updated, source_platform, source_platform_url,
 * source_url, user_agent, data}` per item (`data` is one item as the module returned it), and
 * `popup/interface.js` (`get_ndjson_blob`) exports each stored row as `JSON.stringify(row)`
 * plus a newline, with Dexie's own `id` too. `source_platform` is the module id: the domain
 * (`tiktok.com` for `modules/tiktok.js`, whose `data` is a web item struct from `itemList`,
 * `item_list`, search `data[].item`, SIGI `ItemModule` or `webapp.updated-items`) unless the
 * module names another (`tiktok-comments`). Times are epoch milliseconds. Only the fields read
 * here are required; exports from before August 2022 have no `timestamp_collected`.
 */
const ZeeschuimerRecordSchema = z.object({
  source_platform: z.string(),
  data: z.unknown(),
  timestamp_collected: z.number().int().positive().optional(),
  source_url: z.string().optional(),
})

/** The module id of Zeeschuimer's TikTok posts module (its `DOMAIN`, having no `MODULE_ID`). */
const TIKTOK_POSTS = 'tiktok.com'
const TIKTOK_COMMENTS = 'tiktok-comments'

/** A line that Zeeschuimer wrote: it has the two fields every record has. */
export function isZeeschuimerRecord(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && 'source_platform' in value && 'data' in value
  )
}

export type ZeeschuimerResult =
  | { ok: true; capture: { url: string; observed_at: number; body: unknown } }
  | { ok: false; skip: string }

/**
 * The capture of one record: its item as a one-item `itemList` (what `/api/<feed>/item_list/`
 * answers, so the item-list parser reads it) observed at `timestamp_collected`. The URL is the
 * record's own `source_url` when that was an item list request (the pipeline keeps only its
 * whitelisted query, so `?challengeID=` still tags the hashtag it listed), else the canonical
 * item-list URL. Records of other platforms and of comments are skipped with the reason.
 */
export function captureOfZeeschuimer(value: unknown): ZeeschuimerResult {
  const parsed = ZeeschuimerRecordSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      ok: false,
      skip: `not a Zeeschuimer record (${issue?.path.join('.')}: ${issue?.message})`,
    }
  }
  const record = parsed.data
  if (record.source_platform === TIKTOK_COMMENTS) {
    return { ok: false, skip: 'TikTok comments (Toklytics stores no comments)' }
  }
  if (record.source_platform !== TIKTOK_POSTS) {
    return { ok: false, skip: `not TikTok (${record.source_platform.slice(0, 40)})` }
  }
  if (record.timestamp_collected === undefined) {
    return { ok: false, skip: 'no timestamp_collected (when it was seen is unknown)' }
  }
  if (!isItemStruct(record.data)) return { ok: false, skip: 'data is not a TikTok item' }
  return {
    ok: true,
    capture: {
      url: itemListUrl(record.source_url),
      observed_at: record.timestamp_collected,
      body: { itemList: [record.data] },
    },
  }
}

function itemListUrl(sourceUrl: string | undefined): string {
  if (sourceUrl === undefined) return SHAPE_URLS.item_list
  try {
    const url = new URL(sourceUrl)
    const isList =
      url.protocol === 'https:' && isTikTokHost(url) && apiRouteKind(url.pathname) === 'item_list'
    return isList ? sourceUrl : SHAPE_URLS.item_list
  } catch {
    return SHAPE_URLS.item_list
  }
}
