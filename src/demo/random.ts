/** Seeded, deterministic pseudo-random numbers (sfc32) and the distributions the demo draws. */

const TWO_POW_32 = 4_294_967_296

/** Murmur3's 32-bit finaliser: a bijection on uint32, so distinct inputs give distinct outputs. */
export function fmix32(value: number): number {
  let h = value >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * Mixes numbers into one uint32 seed. Both 32-bit halves of each part count, so seeds above
 * 2^32 (e.g. a timestamp) do not collapse onto their low bits.
 */
export function mixSeed(...parts: readonly number[]): number {
  let h = 0x811c9dc5
  for (const part of parts) {
    const whole = Math.trunc(part)
    h = fmix32((h ^ whole) + 0x9e3779b9)
    h = fmix32(h ^ Math.floor(whole / TWO_POW_32))
  }
  return h
}

/** FNV-1a hash of a string, finalised with fmix32; `salt` gives independent hashes of one text. */
export function hashString(text: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  }
  return fmix32(h)
}

/**
 * Inverse CDF of a Pareto distribution truncated to [min, max]: maps a uniform `u` in [0, 1) to a
 * heavy-tailed value. Exposed so callers can feed stratified (not just random) quantiles.
 */
export function truncatedParetoQuantile(
  u: number,
  min: number,
  max: number,
  alpha: number,
): number {
  const tail = (min / max) ** alpha
  return min / (1 - u * (1 - tail)) ** (1 / alpha)
}

/** A discrete distribution prepared once (cumulative weights) for fast repeated draws. */
export interface WeightedTable<T> {
  readonly values: readonly T[]
  readonly cumulative: Float64Array
}

/** Builds a {@link WeightedTable} from `[value, weight]` pairs (weights need not sum to 1). */
export function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  if (entries.length === 0) throw new RangeError('weightedTable() needs at least one entry')
  const cumulative = new Float64Array(entries.length)
  let total = 0
  entries.forEach(([, weight], i) => {
    total += weight
    cumulative[i] = total
  })
  for (let i = 0; i < cumulative.length; i++) cumulative[i] = (cumulative[i] ?? 0) / total
  return { values: entries.map(([value]) => value), cumulative }
}

/** Small fast generator (sfc32, 128-bit state); the same seed always yields the same sequence. */
export class Random {
  private a: number
  private b: number
  private c: number
  private d: number
  /** Second Box–Muller deviate, kept for the next normal() call (NaN when none is cached). */
  private spare = Number.NaN

  constructor(seed: number) {
    const s = mixSeed(seed)
    this.a = fmix32(s ^ 0x9e3779b9)
    this.b = fmix32(s ^ 0x243f6a88)
    this.c = fmix32(s ^ 0xb7e15162)
    this.d = 1
    // The first outputs of a freshly seeded sfc32 are correlated with the seed: discard them.
    for (let i = 0; i < 12; i++) this.nextUint32()
  }

  /** Uniform uint32. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next()
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** A uniformly chosen element; throws on an empty list. */
  pick<T>(items: readonly T[]): T {
    const index = Math.floor(this.next() * items.length)
    if (index >= items.length) throw new RangeError('pick() from an empty list')
    return items[index] as T
  }

  /** A value drawn from a weighted table. */
  weighted<T>(table: WeightedTable<T>): T {
    const u = this.next()
    const { cumulative, values } = table
    let i = 0
    while (i < cumulative.length - 1 && (cumulative[i] ?? 1) <= u) i++
    return values[i] as T
  }

  /** Normal deviate (Box–Muller, both deviates used). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare
      this.spare = Number.NaN
      return mean + sd * z
    }
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()))
    const angle = 2 * Math.PI * this.next()
    this.spare = radius * Math.sin(angle)
    return mean + sd * radius * Math.cos(angle)
  }

  /** Log-normal deviate: exp(N(mu, sigma)); its median is exp(mu). */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma))
  }

  /** Pareto deviate with scale `min` (the smallest value) and tail index `alpha`. */
  pareto(min: number, alpha: number): number {
    return min / (1 - this.next()) ** (1 / alpha)
  }

  /** Pareto deviate truncated to [min, max]. */
  truncatedPareto(min: number, max: number, alpha: number): number {
    return truncatedParetoQuantile(this.next(), min, max, alpha)
  }
}
