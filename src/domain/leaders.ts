/** The leader of a side-by-side comparison: who has the best value of a metric. */

/** The best value of a metric and every username that has it. */
export interface Leader {
  value: number
  /** All usernames with the best value, in code-unit (binary) order: ties are never hidden. */
  usernames: string[]
}

/**
 * The highest `value` among `entries` (every compared metric is "higher is better") and all
 * usernames that share it, sorted in code-unit order. Entries whose value is null (unknown, or
 * not comparable) are ignored; null when no entry has a value.
 */
export function leaderOf(
  entries: readonly { username: string; value: number | null }[],
): Leader | null {
  let best: number | null = null
  for (const e of entries) {
    if (e.value !== null && Number.isFinite(e.value) && (best === null || e.value > best)) {
      best = e.value
    }
  }
  if (best === null) return null
  const usernames = entries
    .filter((e) => e.value === best)
    .map((e) => e.username)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return { value: best, usernames }
}
