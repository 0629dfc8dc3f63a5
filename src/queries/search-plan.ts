/**
 * How a search reads one page, for every searchable resource: walk the sort column's index and
 * test each row against the filters, or read every match through the filters' indexes and sort
 * them. One rule with per-resource limits, so creators and videos cannot drift apart.
 */

export type SearchPlan = 'walk' | 'read'

export interface SearchPlanLimits {
  /**
   * Up to this many matches, a page reads all of them and sorts them (cost: the matches).
   * Beyond it, a page walks the sort index (cost: about `page end × all rows / matches` rows).
   */
  readAllMatchesUpTo: number
  /**
   * Deep pages walk only while they end in the first 1/walkDepthRatio of the matches; deeper
   * pages read all matches instead (a rare request either way).
   */
  walkDepthRatio: number
}

/**
 * Creators: a text query has no index of its own (it tests username, nickname and bio, or niche
 * membership), so reading its matches means testing every creator; walking pays off early.
 */
export const CREATOR_SEARCH_LIMITS: SearchPlanLimits = {
  readAllMatchesUpTo: 1_000,
  walkDepthRatio: 10,
}

/**
 * Videos: the filters have indexes of their own, so reading matches stays cheap for longer; at
 * 3.5 M videos the two plans meet near 10,000 matches for a first page.
 */
export const VIDEO_SEARCH_LIMITS: SearchPlanLimits = {
  readAllMatchesUpTo: 10_000,
  walkDepthRatio: 10,
}

/** The plan for a page ending at `pageEnd` (offset + limit) of a search with `total` matches. */
export function chooseSearchPlan(
  total: number,
  pageEnd: number,
  limits: SearchPlanLimits,
): SearchPlan {
  return total > limits.readAllMatchesUpTo && pageEnd * limits.walkDepthRatio <= total
    ? 'walk'
    : 'read'
}
