/** How numbers, money and times read on the pages: one locale (en-US) whatever the browser's. */

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const compactFormat = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumFractionDigits: 1,
})
const axisFormat = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumSignificantDigits: 3,
})
// Always cents, as budgets and invoices read: $9,770.50, never $9,770.5 next to $1,125.
const money = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 2,
  minimumFractionDigits: 2,
})

export const DASH = '—'

/** `1,158,538`; a dash when unknown. */
export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? DASH : whole.format(n)
}

/** `1.2M`; a dash when unknown. */
export function compact(n: number | null | undefined): string {
  return n === null || n === undefined ? DASH : compactFormat.format(n)
}

/** Chart axis ticks: `1.16M`, close ticks stay apart. */
export function axis(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : axisFormat.format(n)
}

/** `4.55 %` (the API's percentages are already rounded). */
export function percent(n: number | null | undefined): string {
  return n === null || n === undefined ? DASH : `${n} %`
}

/** `$1,125.00`, `$0.20`; a dash when unknown. */
export function usd(n: number | null | undefined): string {
  return n === null || n === undefined ? DASH : money.format(n)
}

/** `$1,200.00 – $2,400.00` (a sponsorship range); a dash when either end is unknown. */
export function usdRange(low: number | null | undefined, high: number | null | undefined): string {
  return low === null || low === undefined || high === null || high === undefined
    ? DASH
    : `${money.format(low)} – ${money.format(high)}`
}

/** `3.5` as the API rounded it (posts a week); a dash when unknown. */
export function decimal(n: number | null | undefined): string {
  return n === null || n === undefined ? DASH : String(n)
}

/** Why a metric shows a dash: the API had no evidence for it (metrics v2), not a measured 0. */
export function notEnoughData(sampleSize: number): string {
  return `not enough data — ${sampleSize} sample video${sampleSize === 1 ? '' : 's'}`
}

/** `2026-11-24` from an ISO time. */
export function day(iso: string | null | undefined): string {
  return iso === null || iso === undefined ? DASH : iso.slice(0, 10)
}

/** `2026-11-24 20:05 UTC`. */
export function moment(iso: string | null | undefined): string {
  return iso === null || iso === undefined ? DASH : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

/** `0:27` from seconds. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return DASH
  const s = Math.round(seconds)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/** `×2.8`: how a value compares with an average. */
export function ratio(n: number | null | undefined): string {
  return n === null || n === undefined ? DASH : `×${n}`
}

/** Epoch seconds of an ISO time (chart x values). */
export function epochSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000)
}
