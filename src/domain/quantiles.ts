/** Quantiles and distribution summaries of a list of numbers (niche benchmarks). */

import { roundHalfUp, snapFloat } from './rounding.js'

/**
 * The `p`-quantile of `values` (0 ≤ p ≤ 1) by linear interpolation between closest ranks
 * (Hyndman & Fan type 7, the default of R, NumPy and Excel's PERCENTILE.INC): with the values
 * sorted ascending as x₀ … xₙ₋₁, `h = (n − 1) × p` and
 * `q = x⌊h⌋ + (h − ⌊h⌋) × (x⌊h⌋₊₁ − x⌊h⌋)`.
 * p = 0.5 is the median of metrics.md (even n: the mean of the two middle values); p = 0 and
 * p = 1 are the minimum and maximum. Not rounded; 0 for an empty list. Does not mutate `values`.
 */
export function quantile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be between 0 and 1: ${p}`)
  return quantileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  )
}

function quantileOfSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length
  if (n === 0) return 0
  const h = (n - 1) * p
  const lowerIndex = Math.floor(h)
  const lower = sorted[lowerIndex] ?? 0
  const upper = sorted[Math.min(lowerIndex + 1, n - 1)] ?? lower
  return lower + (h - lowerIndex) * (upper - lower)
}

/** Arithmetic mean, 0 for an empty list (not rounded). */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

/** Mean, minimum, quartiles (type 7, see `quantile`) and maximum of a list. */
export interface DistributionSummary {
  mean: number
  min: number
  q1: number
  median: number
  q3: number
  max: number
}

/**
 * Summary of `values`, each figure half-up rounded to `decimals` places after dropping
 * floating-point noise (`snapFloat`), so a true decimal tie (say a mean of 4.125) rounds up.
 * Null for an empty list: a distribution of nothing has no mean (metrics.md §2, v2).
 */
export function summarizeDistribution(
  values: readonly number[],
  decimals: number,
): DistributionSummary | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const r = (x: number) => roundHalfUp(snapFloat(x), decimals)
  return {
    mean: r(mean(sorted)),
    min: r(sorted[0] ?? 0),
    q1: r(quantileOfSorted(sorted, 0.25)),
    median: r(quantileOfSorted(sorted, 0.5)),
    q3: r(quantileOfSorted(sorted, 0.75)),
    max: r(sorted[sorted.length - 1] ?? 0),
  }
}
