/** Zeeschuimer NDJSON export lines, in the record format its extension really writes. */

/**
 * The record Zeeschuimer stores per captured item and exports as one NDJSON line
 * (github.com/digitalmethodsinitiative/zeeschuimer @ ffa27814846eeb8db3502edad05a592440527302:
 * `js/zs-background.js`, the `db.items.add({...})` of `parse_request`, and `popup/interface.js`,
 * `get_ndjson_blob`, which writes `JSON.stringify(item) + "\n"` of each stored row, Dexie's
 * auto-increment `id` included). Key order is the insert's, after `id`.
 */
export interface ZeeschuimerRecord {
  id: number
  nav_index: string
  item_id: string
  timestamp_collected: number
  last_updated: number
  source_platform: string
  source_platform_url: string
  source_url: string
  user_agent: string
  data: unknown
}

const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'

/**
 * A record of `data` (one item as the module returned it) collected at `collectedMs`.
 * `item_id` is `data.id`, as Zeeschuimer takes it. `sourceUrl` is the XHR the item came from,
 * with the request-signing parameters TikTok's web app adds (they must never be stored).
 */
export function zeeschuimerRecord(
  n: number,
  data: { id: string } | Record<string, unknown>,
  collectedMs: number,
  options: { platform?: string; pageUrl?: string; sourceUrl?: string } = {},
): ZeeschuimerRecord {
  const platform = options.platform ?? 'tiktok.com'
  const pageUrl = options.pageUrl ?? 'https://www.tiktok.com/@zg.520'
  return {
    id: n,
    nav_index: `4:12:${n % 3}`,
    item_id: String(data.id),
    timestamp_collected: collectedMs,
    last_updated: collectedMs,
    source_platform: platform,
    source_platform_url: pageUrl,
    source_url:
      options.sourceUrl ??
      'https://www.tiktok.com/api/post/item_list/?WebIdLastTime=1760939000&aid=1988&count=35&cursor=0&secUid=MS4wLjABAAAA_example&msToken=SECRET_TOKEN&X-Bogus=DFSzswVSECRET&X-Gnarly=SECRET',
    user_agent: USER_AGENT,
    data,
  }
}

/** The export file's text: one record per line, each line ending in a newline. */
export function zeeschuimerNdjson(records: readonly ZeeschuimerRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('')
}
