/**
 * The video links of a TikTok "Download your data" JSON export (user_data.json,
 * user_data_tiktok.json): watch history, like list and favorite videos, in each shape TikTok has
 * used (test/fixtures/donation/README.md names the public sources).
 */
import { readFile } from 'node:fs/promises'

export const DONATION_LISTS = ['watch', 'likes', 'favorites'] as const
export type DonationList = (typeof DONATION_LISTS)[number]

/** One video link of a list, with its date as the file writes it. */
export interface DonationEntry {
  list: DonationList
  /** As in the file (`2024-08-20 13:22:36`); '' when the entry has none. */
  date: string
  link: string
}

/**
 * Where each list lives: section name → array name. Older exports call the watch history
 * "Video Browsing History"; the sections sit under `Activity` (older), `Your Activity` or, for
 * likes and favorites since 2025, `Likes and Favorites` — so every top-level object is searched.
 */
const SECTIONS: Readonly<Record<DonationList, readonly (readonly [string, string])[]>> = {
  watch: [
    ['Watch History', 'VideoList'],
    ['Video Browsing History', 'VideoList'],
  ],
  likes: [['Like List', 'ItemFavoriteList']],
  favorites: [['Favorite Videos', 'FavoriteVideoList']],
}

type JsonObject = Record<string, unknown>
const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The first string among `keys` (entries are `Date`/`Link` in older lists, `date`/`link` later). */
function text(entry: JsonObject, keys: readonly string[]): string | null {
  for (const k of keys) if (typeof entry[k] === 'string') return entry[k] as string
  return null
}

/**
 * Every entry with a link of the chosen lists, in list order (watch, likes, favorites) and file
 * order within each. Throws when the file holds none of the three lists at all.
 */
export function donationEntries(
  file: unknown,
  lists: readonly DonationList[] = DONATION_LISTS,
): DonationEntry[] {
  if (!isObject(file)) throw new Error('not a TikTok data export: the file is not a JSON object')
  const containers = [file, ...Object.values(file).filter(isObject)]
  const entries: DonationEntry[] = []
  let sectionsSeen = 0
  for (const list of lists) {
    const seen = new Set<unknown>()
    for (const container of containers) {
      for (const [section, array] of SECTIONS[list]) {
        const items = isObject(container[section]) ? container[section][array] : undefined
        if (items === undefined || seen.has(items)) continue
        seen.add(items)
        sectionsSeen++
        // TikTok writes `null` for an empty list in some exports.
        if (!Array.isArray(items)) continue
        for (const item of items) {
          if (!isObject(item)) continue
          const link = text(item, ['Link', 'link', 'VideoLink'])
          if (link === null || link.trim() === '') continue
          entries.push({ list, date: text(item, ['Date', 'date']) ?? '', link })
        }
      }
    }
  }
  if (sectionsSeen === 0) {
    throw new Error(
      `not a TikTok data export: no ${lists.map(listTitle).join(', ')} found (expected user_data_tiktok.json in JSON format)`,
    )
  }
  return entries
}

function listTitle(list: DonationList): string {
  return { watch: 'Watch History', likes: 'Like List', favorites: 'Favorite Videos' }[list]
}

/**
 * The export's date as ISO 8601: `2024-08-20 13:22:36` → `2024-08-20T13:22:36` (no zone: the
 * export writes none and TikTok does not document one); epoch seconds → UTC; else ''.
 */
export function donationIsoDate(date: string): string {
  const d = date.trim()
  const plain = d.match(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/)
  if (plain) return `${plain[1]}T${plain[2]}`
  if (/^\d{9,10}$/.test(d)) return new Date(Number(d) * 1000).toISOString().replace('.000Z', 'Z')
  return ''
}

/** Reads and parses a donation file, naming the file in every error. */
export async function readDonationFile(path: string): Promise<unknown> {
  const raw = await readFile(path, 'utf8')
  try {
    return JSON.parse(raw.replace(/^\uFEFF/, ''))
  } catch (err) {
    throw new Error(`${path} is not JSON: ${err instanceof Error ? err.message : String(err)}`)
  }
}
