/**
 * How a watchlist reads on the page: changes, rules, sparkline geometry (no DOM here, so it is
 * unit-tested in Node). Unknown stays unknown: a null change is a dash, never 0. Its CSV is the
 * API's export (components/export-links.tsx), which holds every column the page shows.
 */
import type { AlertRule, WatchChange, WatchItemKind } from './api-types.js'
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
