/**
 * Corroboration (docs/metrics.md §1.1): a counter becomes current when observations agree, not
 * because one voice said it last. Each judged counter has an anchor — its last corroborated value
 * — and an observation far from the anchor (a jump or a drop) from one untrusted contributor is
 * kept aside as disputed until contributors whose trust adds up to one report the same value.
 * Pure: the anchor, the contributors' trust and the pending disputes in; a verdict out.
 */

/** The counters judged this way, with their bands around the anchor. */
export interface CounterRule {
  entity: 'creator' | 'video'
  field: 'followers' | 'plays'
  /** A later value below `drop × earlier` is an outlier (when the earlier one is ≥ `dropFloor`). */
  drop: number
  dropFloor: number
  /** A later value above `jump × earlier + jumpFloor` is an outlier. */
  jump: number
  jumpFloor: number
}

/**
 * Followers move slowly: doubling (+1,000) between corroborations is the most one untrusted
 * voice may claim; a fall to a tenth is not believed (a purge of fake followers takes a trusted
 * or second voice). Plays of a new video can grow a hundredfold in hours, so their band is wide;
 * a fall to half is not believed (TikTok's counters do not shrink that much).
 */
export const FOLLOWERS_RULE: CounterRule = {
  entity: 'creator',
  field: 'followers',
  drop: 0.1,
  dropFloor: 1000,
  jump: 2,
  jumpFloor: 1000,
}
export const PLAYS_RULE: CounterRule = {
  entity: 'video',
  field: 'plays',
  drop: 0.5,
  dropFloor: 1000,
  jump: 100,
  jumpFloor: 100_000,
}

/** Corroborated observations a contributor needs to be trusted on its own. */
export const TRUST_FULL = 20
/** Two values agree when they differ by at most this share of the larger, plus `AGREE_SLACK`. */
export const AGREE_SHARE = 0.1
export const AGREE_SLACK = 100

/**
 * Sources that are the operator's own (the static token, `toklytics import`, the demo): trusted
 * by definition — they run the server. Unknown sources (captures stored before contributors
 * were recorded) count as the operator's too.
 */
export const OPERATOR_SOURCES: ReadonlySet<string> = new Set(['static', 'cli-import', 'demo'])

/** A contributor's weight in [0, 1]: its corroborated observations over TRUST_FULL. */
export function trustWeight(contributor: string | null, corroborated: number): number {
  if (contributor === null || OPERATOR_SOURCES.has(contributor)) return 1
  return Math.min(1, Math.max(0, corroborated) / TRUST_FULL)
}

/** The last corroborated value of a counter. */
export interface Anchor {
  value: number
  /** Epoch seconds of the observation it came from. */
  at: number
  contributor: string | null
}

/** A value kept aside, waiting for corroboration. */
export interface PendingDispute {
  /** Its row id once stored; null for one raised earlier in the same batch. */
  id: number | null
  value: number
  at: number
  contributor: string | null
}

export interface CounterObservation {
  value: number
  at: number
  contributor: string | null
}

export type Verdict =
  | {
      accept: true
      /** The new anchor when this observation is corroborated (else the anchor stays). */
      anchor: Anchor | null
      /** Contributors whose observations were corroborated by this one (their trust grows). */
      corroborated: Array<string | null>
      /** Pending disputes this observation confirmed (they are resolved, and applied). */
      confirmed: PendingDispute[]
    }
  | { accept: false; reason: 'implausible_drop' | 'implausible_jump'; detail: string }

/** Whether two observations of a counter say the same (rounding and a little time apart). */
export function agree(a: number, b: number): boolean {
  return Math.abs(a - b) <= AGREE_SHARE * Math.max(a, b) + AGREE_SLACK
}

function iso(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000)
  return Number.isNaN(d.getTime()) ? String(epochSeconds) : d.toISOString().replace('.000Z', 'Z')
}

/** Why `o` is an outlier against the anchor (in time order, whichever arrived first), or null. */
function outlier(
  rule: CounterRule,
  anchor: Anchor,
  o: CounterObservation,
): { reason: 'implausible_drop' | 'implausible_jump'; detail: string } | null {
  if (anchor.at === o.at) return null
  const [earlier, later] = anchor.at < o.at ? [anchor, o] : [o, anchor]
  const from = `${rule.field} would go from ${earlier.value} (${iso(earlier.at)}) to ${later.value} (${iso(later.at)})`
  if (earlier.value >= rule.dropFloor && later.value < earlier.value * rule.drop) {
    return {
      reason: 'implausible_drop',
      detail: `${from}, below ${Math.round(rule.drop * 100)} % of the earlier value`,
    }
  }
  if (later.value > earlier.value * rule.jump + rule.jumpFloor) {
    return {
      reason: 'implausible_jump',
      detail: `${from}, above ${rule.jump}× the earlier value + ${rule.jumpFloor}`,
    }
  }
  return null
}

/**
 * Judges one observation of a counter. Without an anchor (the first value ever seen) it is
 * accepted and becomes the anchor. Within the band of the anchor it is accepted; it moves the
 * anchor when it is corroborated: its contributor is trusted, or it agrees with an anchor another
 * contributor set (both gain trust). Outside the band it is accepted only when earlier disputes
 * agree with it and the weights of the distinct contributors behind them and it reach 1 — then
 * those disputes are confirmed; otherwise it is disputed.
 */
export function judgeCounter(
  rule: CounterRule,
  anchor: Anchor | null,
  o: CounterObservation,
  weightOf: (contributor: string | null) => number,
  pending: readonly PendingDispute[],
): Verdict {
  const self = weightOf(o.contributor)
  const asAnchor: Anchor = { value: o.value, at: o.at, contributor: o.contributor }
  if (anchor === null) return { accept: true, anchor: asAnchor, corroborated: [], confirmed: [] }
  const newer = o.at >= anchor.at
  const problem = outlier(rule, anchor, o)
  if (problem === null) {
    const confirmsAnchor = anchor.contributor !== o.contributor && agree(anchor.value, o.value)
    const moves = newer && (self >= 1 || confirmsAnchor)
    return {
      accept: true,
      anchor: moves ? asAnchor : null,
      // Agreement with another contributor's anchor corroborates both of them.
      corroborated: confirmsAnchor ? [o.contributor, anchor.contributor] : [],
      confirmed: [],
    }
  }
  // A lone outlier is never enough, however trusted its source (a glitch happens once): it
  // needs an agreeing earlier dispute — another contributor's, or the same trusted one's.
  const agreeing = pending.filter((d) => d.at !== o.at && agree(d.value, o.value))
  const voices = new Map<string | null, number>()
  for (const d of agreeing) voices.set(d.contributor, weightOf(d.contributor))
  if (agreeing.length > 0) voices.set(o.contributor, self)
  const weight = [...voices.values()].reduce((a, b) => a + b, 0)
  if (weight >= 1) {
    return {
      accept: true,
      anchor: newer ? asAnchor : null,
      corroborated: [...voices.keys()],
      confirmed: agreeing,
    }
  }
  return { accept: false, ...problem }
}
