/** Decimal-exact half-up rounding and the median, the two numeric primitives of metrics.md. */

/**
 * Rounds `x` to `decimals` places, ties away from zero (Java HALF_UP): 2.345 → 2.35,
 * -0.125 → -0.13.
 *
 * The tie is judged on the shortest decimal string that reads back as `x` (what `String(x)`
 * prints), not on the binary value: 1.005 is stored as 1.00499999999999989… but is written
 * "1.005", so it rounds to 1.01. Naive `Math.round(x * 100) / 100` gets this wrong.
 * Non-finite inputs are returned unchanged; the result is never -0.
 *
 * @param decimals integer number of decimal places (negative rounds to tens, hundreds, …)
 */
export function roundHalfUp(x: number, decimals = 0): number {
  if (!Number.isInteger(decimals)) throw new RangeError(`decimals must be an integer: ${decimals}`)
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x
  // toExponential() without an argument gives the shortest round-trip digits.
  const match = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(Math.abs(x).toExponential())
  if (match === null) return x
  const digits = (match[1] ?? '') + (match[2] ?? '')
  const exponent = Number(match[3])
  // |x| = 0.d1d2…dk × 10^(exponent + 1); keep the digits down to 10^-decimals.
  const keep = exponent + 1 + decimals
  if (keep >= digits.length) return x
  let kept: bigint
  if (keep < 0) {
    kept = 0n
  } else {
    kept = keep === 0 ? 0n : BigInt(digits.slice(0, keep))
    if ((digits[keep] ?? '0') >= '5') kept += 1n
  }
  const magnitude = Number(`${kept}e${-decimals}`)
  return magnitude === 0 ? 0 : Math.sign(x) * magnitude
}

/** `round(x)`: half-up to an integer. */
export function round0(x: number): number {
  return roundHalfUp(x, 0)
}

/** `round1(x)`: half-up to 1 decimal. */
export function round1(x: number): number {
  return roundHalfUp(x, 1)
}

/** `round2(x)`: half-up to 2 decimals. */
export function round2(x: number): number {
  return roundHalfUp(x, 2)
}

/**
 * Drops binary floating-point noise left by a chain of operations by keeping 12 significant
 * digits, so a value that is exactly on a .5 tie in decimal arithmetic (say 62.5 computed as
 * 62.49999999999999) is rounded as the tie it is. Use it before `roundHalfUp` whenever a
 * formula needs more than one inexact operation; 12 digits is far above the precision of any
 * metric and far below the ~15.9 digits a double carries.
 */
export function snapFloat(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(12)) : x
}

/**
 * Median of `values`: the middle value, or for an even count the mean of the two middle
 * values (not rounded, so it may end in .5). 0 for an empty list. Does not mutate `values`.
 */
export function median(values: readonly number[]): number {
  const n = values.length
  if (n === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  const upper = sorted[Math.floor(n / 2)] ?? 0
  if (n % 2 === 1) return upper
  const lower = sorted[n / 2 - 1] ?? 0
  return (lower + upper) / 2
}
