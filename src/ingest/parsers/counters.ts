/** Counters, ids and times as TikTok sends them: statsV2 strings over rounded ints (§6.1–6.3). */

import { field } from '../../contract/json-value.js'
import type { Count } from '../parsed.js'

/**
 * One counter value: a number, or a numeric string (statsV2, SSR `collectCount`). Absent and
 * non-numeric values ("1.2M") are unknown → null, never 0 (metrics.md §1). Numbers no counter
 * can have (negative, fractional, huge) are passed on as sent, so that the plausibility rules
 * (ingest/plausibility.ts) reject the entity and say why instead of quietly ignoring the field.
 * Digit strings beyond 2^53 (hashtag view counts) become the nearest double.
 */
export function countOf(value: unknown): Count {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim())
  return null
}

/**
 * A counter from the `statsV2` (exact strings) and `stats` (rounded ints) blocks: each counter is
 * taken from statsV2 when it is there, else from stats (metrics.md §1). `keys` are synonyms in
 * order of preference (`heartCount`, `heart`); all of statsV2 is tried before stats.
 */
export function statsCount(statsV2: unknown, stats: unknown, ...keys: readonly string[]): Count {
  for (const block of [statsV2, stats]) {
    for (const key of keys) {
      const count = countOf(field(block, key))
      if (count !== null) return count
    }
  }
  return null
}

/**
 * Where `statsCount` with the same arguments finds its value (metrics.md §1.2): true from statsV2
 * (TikTok's exact strings), false from stats (integers TikTok rounds once large), null when
 * neither block has it.
 */
export function statsExact(
  statsV2: unknown,
  stats: unknown,
  ...keys: readonly string[]
): boolean | null {
  for (const [block, exact] of [
    [statsV2, true],
    [stats, false],
  ] as const) {
    for (const key of keys) if (countOf(field(block, key)) !== null) return exact
  }
  return null
}

/**
 * An id as a string (§6.1: 19-digit ids exceed 2^53). Strings are kept as sent; a JSON number is
 * accepted only while it is a safe integer, because a bigger one was already rounded by
 * JSON.parse (app `author_user_id`, `music.id`). Empty and "0" mean "no id".
 */
export function idOf(value: unknown): string | null {
  if (typeof value === 'string') {
    const id = value.trim()
    return id === '' || id === '0' ? null : id
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value)
  return null
}

/** Epoch seconds from an int or a numeric string (§6.2: SSR/SIGI `createTime`); 0 → null. */
export function epochSecondsOf(value: unknown): number | null {
  const seconds =
    typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds <= 0) return null
  return seconds
}

/**
 * A duration in whole seconds. Web sends seconds, the app sends milliseconds (§7), hence `unit`.
 * 0 (audio-only slideshows, §3.5) and invalid values → null.
 */
export function durationSecondsOf(value: unknown, unit: 's' | 'ms'): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null
  return Math.round(unit === 'ms' ? value / 1000 : value)
}
