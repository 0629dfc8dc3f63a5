/**
 * How a watchlist reads on the page and in its CSV: changes, rules, sparkline geometry (no DOM
 * here, so it is unit-tested in Node). Unknown stays unknown: a null change is a dash, never 0.
 */
import type { AlertRule, WatchChange, WatchItemKind, Watchlist } from './api-types.js'
import { toCsv } from './csv.js'
import { count, DASH } from './format.js'

/** Which way a change went: the colour of its cell. */
export type Direction = 'up' | 'down' | 'flat' | 'unknown'

const MINUS = '\u2212'

/** `+27,682`, `−1,200`, `0`: the sign always written, so a fall cannot read as a rise. */
export function signed(n: number): string {
  if (n > 0) return `+${count(n)}`
  if (n < 0) return `${MINUS}${count(-n)}`
  return '0'
}

/**
 * A change as its cell shows it: `+27,682 (+6.92 %)`; without a percentage (the start was 0)
 * only the amount; no change known (nothing observed that long ago) a dash.
 */
export function changeText(change: WatchChange | null): { text: string; direction: Direction } {
  if (change === null) return { text: DASH, direction: 'unknown' }
  const pct = change.change_percent
  const percentPart =
    pct === null ? '' : ` (${pct > 0 ? '+' : pct < 0 ? MINUS : ''}${Math.abs(pct)} %)`
  const direction = change.change > 0 ? 'up' : change.change < 0 ? 'down' : 'flat'
  return { text: `${signed(change.change)}${percentPart}`, direction }
}

/** `1 item`, `3 items`. */
export function counted(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`
}

/** How an alert names its item: `@user`, `#tag`, `video 749…`, `sound 68…`. */
export function itemName(item: { kind: WatchItemKind; ref: string }): string {
  switch (item.kind) {
    case 'creator':
      return `@${item.ref}`
    case 'hashtag':
      return `#${item.ref}`
    default:
      return `${item.kind} ${item.ref}`
  }
}

/** A rule in a few words, with its settings (the API's defaults where it stored none). */
export function ruleText(rule: Pick<AlertRule, 'kind' | 'settings'>): string {
  const s = rule.settings
  switch (rule.kind) {
    case 'new_post':
      return 'New post'
    case 'viral_video':
      return 'Viral video'
    case 'follower_milestone':
      return 'Follower milestone'
    case 'growth':
      return `Growth of ${s.percent ?? DASH} % or more over ${s.window_days ?? 7} d`
    case 'drop':
      return `Drop of ${s.percent ?? DASH} % or more over ${s.window_days ?? 7} d`
    case 'rising':
      return `Rising: top ${s.top ?? 20} of the ${s.period ?? '7d'} list`
  }
}

/**
 * Where each value of a sparkline goes in a `width` × `height` box with `pad` around: oldest
 * left, newest right, the largest value at the top. One value sits in the middle, and equal
 * values draw a level line at half height (no scale to read from a single number).
 */
export function sparklinePoints(
  values: readonly number[],
  width: number,
  height: number,
  pad: number,
): Array<[number, number]> {
  if (values.length === 0) return []
  const round = (n: number) => Math.round(n * 10) / 10
  if (values.length === 1) return [[round(width / 2), round(height / 2)]]
  const low = Math.min(...values)
  const high = Math.max(...values)
  const step = (width - 2 * pad) / (values.length - 1)
  return values.map((v, i) => [
    round(pad + i * step),
    round(high === low ? height / 2 : pad + ((high - v) / (high - low)) * (height - 2 * pad)),
  ])
}

const CSV_HEADER = [
  'kind',
  'ref',
  'label',
  'tracked',
  'metric',
  'value',
  'observed_at',
  'change_1d',
  'change_1d_percent',
  'change_7d',
  'change_7d_percent',
  'change_30d',
  'change_30d_percent',
  'tiktok_url',
]

/** The list's items as CSV, in the table's order; unknown values are empty cells, never 0. */
export function watchlistCsv(list: Pick<Watchlist, 'items'>): string {
  return toCsv(
    CSV_HEADER,
    list.items.map((i) => [
      i.kind,
      i.ref,
      i.label,
      i.tracked,
      i.metric,
      i.value,
      i.observed_at,
      i.change_1d?.change,
      i.change_1d?.change_percent,
      i.change_7d?.change,
      i.change_7d?.change_percent,
      i.change_30d?.change,
      i.change_30d?.change_percent,
      i.url,
    ]),
  )
}

/** A file name for the list's CSV: its name with anything unusual made `_`. */
export function watchlistCsvName(name: string): string {
  return `toklytics-watchlist-${name.replace(/[^\w-]+/g, '_')}.csv`
}
