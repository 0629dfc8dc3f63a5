/**
 * Plausibility rules at ingest (README "Plausibility rules"): numbers no TikTok payload can carry
 * reject the entity they describe, and a counter that jumps or collapses against its last
 * corroborated value is disputed instead of becoming current (corroboration.ts), so one forged
 * capture cannot rewrite a creator's numbers. Pure: parsed values and the current row in, verdicts out.
 */
import {
  type Anchor,
  type CounterRule,
  FOLLOWERS_RULE,
  judgeCounter,
  type PendingDispute,
  PLAYS_RULE,
  type Verdict,
} from '../domain/corroboration.js'
import type { Observation } from './normalize.js'
import type { Count, ParsedCapture, ParsedCreator, ParsedSound, ParsedVideo } from './parsed.js'

/** Above every real counter (the most viewed video has ~3·10^9 plays). */
export const MAX_COUNTER = 1e13
/** Hashtag view totals add up a whole tag (#fyp: tens of trillions): their own, higher ceiling. */
export const MAX_HASHTAG_VIEWS = 1e15
/** Videos and sounds last minutes, not days. */
export const MAX_DURATION_SEC = 86_400
/** A video is not posted long after someone saw it (a day covers any clock skew). */
export const MAX_POSTED_AFTER_OBSERVED_SEC = 86_400

export type EntityKind = 'creator' | 'video' | 'hashtag' | 'sound'

/**
 * `implausible_counter` / `implausible_value`: the entity is left out of this capture (no
 * snapshot, nothing current). `implausible_drop` / `implausible_jump`: the observation is
 * disputed (corroboration.ts), kept aside and never current unless corroborated.
 */
export type ImplausibleReason =
  | 'implausible_counter'
  | 'implausible_value'
  | 'implausible_drop'
  | 'implausible_jump'

export interface Implausibility {
  entity: EntityKind
  id: string
  reason: ImplausibleReason
  /** The parsed field that broke the rule (`plays`, `followers`, `postedAt`…). */
  field: string
  detail: string
}

/** An implausible observation with where it came from, as recorded and reported. */
export interface SetAside extends Implausibility {
  /** Content hash of the capture. */
  capture: string | undefined
  observedAt: number
  /** Who sent it, and the disputed value (disputes only: what corroboration compares). */
  contributor?: string | null
  value?: number
  /** Set when it is closed already: corroborated later in the same batch, or rejected. */
  resolution?: { outcome: 'confirmed' | 'rejected'; at: number }
}

function counterProblem(field: string, value: Count, max: number): string | null {
  if (value === null) return null
  if (!Number.isFinite(value)) return `${field} ${value} is not a number`
  if (!Number.isInteger(value)) return `${field} ${value} is not a whole number`
  if (value < 0) return `${field} ${value} is negative`
  if (value > max) return `${field} ${value} is above ${max.toExponential()}`
  return null
}

/** The first rule an entity's counters break, as [field, detail]; null when they are plausible. */
function firstProblem(
  counters: ReadonlyArray<readonly [string, Count, number?]>,
): [string, string] | null {
  for (const [field, value, max] of counters) {
    const problem = counterProblem(field, value, max ?? MAX_COUNTER)
    if (problem !== null) return [field, problem]
  }
  return null
}

function creatorProblem(c: ParsedCreator): [string, string] | null {
  return firstProblem([
    ['followers', c.followers],
    ['following', c.following],
    ['totalLikes', c.totalLikes],
    ['videoCount', c.videoCount],
  ])
}

function videoProblem(
  v: ParsedVideo,
  observedAt: number,
): [ImplausibleReason, string, string] | null {
  const counter = firstProblem([
    ['plays', v.plays],
    ['likes', v.likes],
    ['comments', v.comments],
    ['shares', v.shares],
    ['saves', v.saves],
    ['reposts', v.reposts],
  ])
  if (counter) return ['implausible_counter', ...counter]
  if (v.postedAt !== null && v.postedAt > observedAt + MAX_POSTED_AFTER_OBSERVED_SEC) {
    return [
      'implausible_value',
      'postedAt',
      `postedAt ${iso(v.postedAt)} is after the capture was observed (${iso(observedAt)})`,
    ]
  }
  if (v.durationSec !== null && v.durationSec > MAX_DURATION_SEC) {
    return ['implausible_value', 'durationSec', `durationSec ${v.durationSec} is over a day`]
  }
  return null
}

function soundProblem(s: ParsedSound): [ImplausibleReason, string, string] | null {
  const counter = firstProblem([['userCount', s.userCount]])
  if (counter) return ['implausible_counter', ...counter]
  if (s.durationSec !== null && s.durationSec > MAX_DURATION_SEC) {
    return ['implausible_value', 'durationSec', `durationSec ${s.durationSec} is over a day`]
  }
  return null
}

/**
 * Leaves out of a parsed capture every entity with a counter that is not a whole number in
 * [0, 10^13] (hashtag views: 10^15), or a video posted after it was observed or longer than a
 * day. Returns the same object when nothing is left out.
 */
export function screenCapture(
  parsed: ParsedCapture,
  observedAt: number,
): { parsed: ParsedCapture; rejected: Implausibility[] } {
  const rejected: Implausibility[] = []
  const reject = (
    entity: EntityKind,
    id: string,
    reason: ImplausibleReason,
    field: string,
    problem: string,
  ) => {
    rejected.push({ entity, id, reason, field, detail: `${entity} ${id}: ${problem}` })
  }
  const creators = parsed.creators.filter((c) => {
    const p = creatorProblem(c)
    if (p) reject('creator', c.id, 'implausible_counter', ...p)
    return p === null
  })
  const videos = parsed.videos.filter((v) => {
    const p = videoProblem(v, observedAt)
    if (p) reject('video', v.id, ...p)
    return p === null
  })
  const hashtags = parsed.hashtags.filter((h) => {
    const p = firstProblem([
      ['videoCount', h.videoCount],
      ['viewCount', h.viewCount, MAX_HASHTAG_VIEWS],
    ])
    if (p) reject('hashtag', h.name, 'implausible_counter', ...p)
    return p === null
  })
  const sounds = parsed.sounds.filter((s) => {
    const p = soundProblem(s)
    if (p) reject('sound', s.id, ...p)
    return p === null
  })
  if (rejected.length === 0) return { parsed, rejected }
  return { parsed: { creators, videos, hashtags, sounds }, rejected }
}

function iso(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000)
  return Number.isNaN(d.getTime()) ? String(epochSeconds) : d.toISOString().replace('.000Z', 'Z')
}

/** The verdicts of a batch's observations of one entity, and what they change beyond it. */
export interface Screened<T> {
  accepted: Observation<T>[]
  setAside: SetAside[]
  /** The counter's anchor after these observations, when it moved. */
  anchor: Anchor | null
  /** Contributors whose observations were corroborated (one entry per corroboration). */
  corroborated: Array<string | null>
  /** Pending disputes confirmed by these observations. */
  confirmed: PendingDispute[]
}

/** Who is trusted how much, and what is already disputed about the entity (from storage). */
export interface CorroborationContext {
  weightOf: (contributor: string | null) => number
  pending: readonly PendingDispute[]
  /** The operator's verdict on the observation of a capture, if any (`toklytics disputes`). */
  verdictOf?: (capture: string | undefined) => 'accept' | 'reject' | undefined
}

/** With nobody trusted less than the operator and nothing disputed (tests, one-source imports). */
export const OPERATOR_ONLY: CorroborationContext = { weightOf: () => 1, pending: [] }

/**
 * Judges the observations of one counter of one entity in arrival order (corroboration.ts): each
 * is accepted, moving the anchor when corroborated, or kept aside as disputed — recorded with its
 * value and contributor so that later observations can corroborate it.
 */
function screenCounter<T>(
  rule: CounterRule,
  id: string,
  anchor: Anchor | null,
  observations: readonly Observation<T>[],
  counterOf: (value: T) => number | null,
  ctx: CorroborationContext,
  judged: (o: Observation<T>, accepted: readonly Observation<T>[]) => boolean = () => true,
): Screened<T> {
  const out: Screened<T> = {
    accepted: [],
    setAside: [],
    anchor: null,
    corroborated: [],
    confirmed: [],
  }
  let current = anchor
  const pending: PendingDispute[] = [...ctx.pending]
  for (const o of observations) {
    const value = counterOf(o.value)
    if (value === null || !judged(o, out.accepted)) {
      out.accepted.push(o)
      continue
    }
    const contributor = o.contributor ?? null
    const operator = ctx.verdictOf?.(o.capture)
    const verdict: Verdict =
      operator === 'accept'
        ? {
            accept: true,
            anchor: o.at >= (current?.at ?? 0) ? { value, at: o.at, contributor } : null,
            corroborated: [],
            confirmed: [],
          }
        : operator === 'reject'
          ? { accept: false, reason: 'implausible_jump', detail: 'rejected by the operator' }
          : judgeCounter(rule, current, { value, at: o.at, contributor }, ctx.weightOf, pending)
    if (!verdict.accept) {
      const aside: SetAside = {
        entity: rule.entity,
        id,
        reason: verdict.reason,
        field: rule.field,
        detail: `${rule.entity} ${id}: ${verdict.detail}; disputed, not applied until corroborated`,
        capture: o.capture,
        observedAt: o.at,
        contributor,
        value,
      }
      // Rejected by the operator: closed, and no vote for anything else.
      if (operator === 'reject') aside.resolution = { outcome: 'rejected', at: o.at }
      else pending.push({ id: null, value, at: o.at, contributor })
      out.setAside.push(aside)
      continue
    }
    out.accepted.push(o)
    out.corroborated.push(...verdict.corroborated)
    for (const d of verdict.confirmed) {
      out.confirmed.push(d)
      pending.splice(pending.indexOf(d), 1)
      // Raised in this very batch: stored as confirmed from the start.
      const raised = out.setAside.find(
        (a) => d.id === null && a.observedAt === d.at && a.value === d.value,
      )
      if (raised !== undefined) raised.resolution = { outcome: 'confirmed', at: o.at }
    }
    if (verdict.anchor !== null) {
      current = verdict.anchor
      out.anchor = verdict.anchor
    }
  }
  return out
}

/** What a video's plays are judged against: the stored row and the counter's anchor. */
export interface VideoState {
  plays: number | null
  /** The video's newest observation (videos.observed_at). */
  observedAt: number
  /** The last corroborated plays; absent when none was recorded (the stored plays stand in). */
  anchor?: Anchor | null
}

/** Stored rows from before anchors were recorded: their current value stands in. */
function anchorOf(anchor: Anchor | null, value: number | null, at: number | null): Anchor | null {
  if (anchor !== null) return anchor
  return value === null || at === null ? null : { value, at, contributor: null }
}

/**
 * Judges a video's new observations, in arrival order, by the plays rule (PLAYS_RULE): a fall
 * below half or a jump beyond a hundredfold of the anchor from an untrusted voice is disputed.
 */
export function screenVideo(
  stored: VideoState | undefined,
  observations: readonly Observation<ParsedVideo>[],
  ctx: CorroborationContext = OPERATOR_ONLY,
): Screened<ParsedVideo> {
  const anchor = anchorOf(stored?.anchor ?? null, stored?.plays ?? null, stored?.observedAt ?? null)
  return screenCounter(
    PLAYS_RULE,
    observations[0]?.value.id ?? '',
    anchor,
    observations,
    (v) => v.plays,
    ctx,
  )
}

/** What a creator's followers are judged against: the stored row and the counter's anchor. */
export interface CreatorState {
  followers: number | null
  profileObservedAt: number | null
  identityObservedAt: number
  /** The last corroborated followers; absent when none was recorded (the stored value stands in). */
  anchor?: Anchor | null
}

/**
 * The same for creators' followers (FOLLOWERS_RULE). Profiles and the author blocks of video
 * lists observe the same counter, so each is judged against the one anchor whichever set it:
 * TikTok's own total and the list's copy of it check each other.
 */
export function screenCreator(
  stored: CreatorState | undefined,
  observations: readonly Observation<ParsedCreator>[],
  ctx: CorroborationContext = OPERATOR_ONLY,
): Screened<ParsedCreator> {
  const anchor = anchorOf(
    stored?.anchor ?? null,
    stored?.followers ?? null,
    stored?.profileObservedAt ?? stored?.identityObservedAt ?? null,
  )
  // An author block's counters only count while no profile was observed (merge.ts): after
  // that they are not judged, so a list's stub zeros are no dispute.
  const profileSeen = (accepted: readonly Observation<ParsedCreator>[]) =>
    (stored?.profileObservedAt ?? null) !== null ||
    accepted.some((a) => a.value.source === 'profile')
  return screenCounter(
    FOLLOWERS_RULE,
    observations[0]?.value.id ?? '',
    anchor,
    observations,
    (c) => c.followers,
    ctx,
    (o, accepted) => o.value.source === 'profile' || !profileSeen(accepted),
  )
}
