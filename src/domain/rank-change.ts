/** Ranks with ties and the change of rank against the previous period (metrics.md §8). */

export interface Scored<K> {
  key: K
  score: number
}

export interface Ranked<K> extends Scored<K> {
  /** 1 for the highest score; equal scores share the rank of the first of them (1, 2, 2, 4). */
  rank: number
}

/**
 * Orders by score (highest first), ties by key ascending, and gives equal scores the same rank
 * ("standard competition" ranking): two entities with the same figure are equally placed, and
 * the next one is placed after both, so a rank always says how many are strictly ahead.
 */
export function rankByScore<K extends string>(items: readonly Scored<K>[]): Ranked<K>[] {
  const sorted = [...items].sort(
    (a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  )
  const out: Ranked<K>[] = []
  sorted.forEach((item, i) => {
    const prev = out[i - 1]
    out.push({ ...item, rank: prev !== undefined && prev.score === item.score ? prev.rank : i + 1 })
  })
  return out
}

export interface RankChange {
  previous_rank: number | null
  /** previous − current: positive moved up; null when not ranked in the previous period. */
  rank_change: number | null
  /** Ranked now and not in the previous period. */
  new: boolean
}

/** The change of a current rank against the previous period's (null there: a new entrant). */
export function rankChange(current: number, previous: number | null): RankChange {
  return previous === null
    ? { previous_rank: null, rank_change: null, new: true }
    : { previous_rank: previous, rank_change: previous - current, new: false }
}

/**
 * The current period's ranking with each entry's change against the previous period's ranking
 * (both ranked by `rankByScore` over everything eligible in their period).
 */
export function rankAgainstPrevious<K extends string>(
  current: readonly Scored<K>[],
  previous: readonly Scored<K>[],
): Array<Ranked<K> & RankChange> {
  const before = new Map(rankByScore(previous).map((r) => [r.key, r.rank]))
  return rankByScore(current).map((r) => ({
    ...r,
    ...rankChange(r.rank, before.get(r.key) ?? null),
  }))
}
