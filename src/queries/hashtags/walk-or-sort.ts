/** Whether a filtered search page should walk the sort index or sort its few matches. */

/**
 * A page walking the sort index reads about `(offset + limit) × rows / total` index entries, each
 * a random read of the row to test the filter; a scan reads every row in order and sorts the
 * matches. Walking wins only when matches are common: `total ≥ WALK_FACTOR × (offset + limit)`.
 */
const WALK_FACTOR = 4

/** True when a page at `offset` of `limit` rows, out of `total` matches, should walk the index. */
export function walksSortIndex(total: number, offset: number, limit: number): boolean {
  return total >= WALK_FACTOR * (offset + limit)
}
