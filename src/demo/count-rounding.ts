/** TikTok's rounding of large counters in `stats` blocks (as its "427.7K" / "6.8M" labels). */

/**
 * Rounds a counter like TikTok's integer `stats` do: exact below 10,000, then to one decimal of
 * the K / M / B unit (427,682 → 427,700; 59,149 → 59,100; 6,764,096 → 6,800,000), matching the
 * stats vs statsV2 pairs of the real fixtures.
 */
export function roundCount(value: number): number {
  if (value < 10_000) return value
  if (value < 1_000_000) return Math.round(value / 100) * 100
  if (value < 1_000_000_000) return Math.round(value / 100_000) * 100_000
  return Math.round(value / 100_000_000) * 100_000_000
}
