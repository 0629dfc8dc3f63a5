/** What parsing one video item (web item struct or app aweme) yields, and list collection. */
import type { ParsedCreator, ParsedHashtag, ParsedSound, ParsedVideo } from '../parsed.js'
import type { CaptureBuilder } from './capture-builder.js'

/** The entities of one video item. */
export interface ItemEntities {
  video: ParsedVideo
  creator: ParsedCreator | null
  sound: ParsedSound | null
  hashtags: readonly ParsedHashtag[]
}

/** Why an item yields no video. */
export type ItemSkip = 'not_an_object' | 'no_id' | 'no_create_time' | 'live_card' | 'no_video'

/** Either the item's entities or why it was skipped. */
export type ItemOutcome = { ok: true; item: ItemEntities } | { ok: false; skip: ItemSkip }

/**
 * Parses every element of a list into `out` and returns how many were skipped, by reason,
 * for the drop detail when nothing is left.
 */
export function collectItems(
  out: CaptureBuilder,
  raws: readonly unknown[],
  parse: (raw: unknown) => ItemOutcome,
): Partial<Record<ItemSkip, number>> {
  const skipped: Partial<Record<ItemSkip, number>> = {}
  for (const raw of raws) {
    const outcome = parse(raw)
    if (outcome.ok) out.addItem(outcome.item)
    else skipped[outcome.skip] = (skipped[outcome.skip] ?? 0) + 1
  }
  return skipped
}

/** "3 skipped (live_card: 1, no_video: 2)" or "" when nothing was skipped. */
export function describeSkipped(skipped: Partial<Record<ItemSkip, number>>): string {
  const parts = Object.entries(skipped).map(([reason, count]) => `${reason}: ${count}`)
  if (parts.length === 0) return ''
  const total = Object.values(skipped).reduce((sum, count) => sum + count, 0)
  return `${total} skipped (${parts.join(', ')})`
}
