/**
 * Plausibility rules at ingest (README "Plausibility rules"): numbers no TikTok payload can carry
 * reject the entity they describe, and a counter that collapses against what was observed before
 * is set aside instead of becoming current, so a forged capture cannot rewrite a creator's
 * numbers unnoticed. Pure: parsed values and the current row in, verdicts out.
 */
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
/** A later observation with fewer than half the plays of an earlier one is not believed. */
export const PLAYS_KEPT_RATIO = 0.5
/** A later observation with fewer than a tenth of the followers of an earlier one is not believed. */
export const FOLLOWERS_KEPT_RATIO = 0.1
/** Falls from below this are not judged: small numbers legitimately move by large factors. */
export const FALL_FLOOR = 1000

export type EntityKind = 'creator' | 'video' | 'hashtag' | 'sound'

/**
 * `implausible_counter` / `implausible_value`: the entity is left out of this capture (no
 * snapshot, nothing current). `implausible_drop`: the observation is kept aside, never current.
 */
export type ImplausibleReason = 'implausible_counter' | 'implausible_value' | 'implausible_drop'

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

interface Point {
  value: number
  at: number
}

/**
 * Whether a counter falls implausibly between two observations, whichever arrived first: the
 * earlier one is at least FALL_FLOOR and the later one is below `ratio` of it. Same-second
 * observations have no order, so they are never judged.
 */
function fall(field: string, ratio: number, a: Point, b: Point): string | null {
  if (a.at === b.at) return null
  const [earlier, later] = a.at < b.at ? [a, b] : [b, a]
  if (earlier.value < FALL_FLOOR || later.value >= earlier.value * ratio) return null
  return `${field} would fall from ${earlier.value} (${iso(earlier.at)}) to ${later.value} (${iso(later.at)}), below ${Math.round(ratio * 100)} % of the earlier value`
}

/** The newer of two observations wins when it knows the value (merge.ts's rule, for the state). */
function pick(current: number | null, currentAt: number, incoming: number | null, at: number) {
  return at >= currentAt ? (incoming ?? current) : (current ?? incoming)
}

export interface Screened<T> {
  accepted: Observation<T>[]
  setAside: SetAside[]
}

function setAside<T>(
  o: Observation<T>,
  entity: EntityKind,
  id: string,
  field: string,
  problem: string,
): SetAside {
  return {
    entity,
    id,
    reason: 'implausible_drop',
    field,
    detail: `${entity} ${id}: ${problem}; kept aside, not applied`,
    capture: o.capture,
    observedAt: o.at,
  }
}

/** What the plausibility of a video's plays is judged against: the stored row. */
export interface VideoState {
  plays: number | null
  /** The video's newest observation (videos.observed_at). */
  observedAt: number
}

/**
 * Judges a video's new observations, in arrival order, against the stored row and the
 * observations accepted before them: one whose plays fall below PLAYS_KEPT_RATIO of the current
 * plays observed earlier — or, arriving late, that has more than twice the plays observed after
 * it — is set aside. The state follows merge.ts's rule (newest known value), so the verdicts do
 * not depend on how captures were split into batches (reprocess and purge judge alike), except
 * where merge.ts itself depends on the split (its known gaps: an unknown in the newest one).
 */
export function screenVideo(
  stored: VideoState | undefined,
  observations: readonly Observation<ParsedVideo>[],
): Screened<ParsedVideo> {
  const state = { plays: stored?.plays ?? null, at: stored?.observedAt ?? Number.NEGATIVE_INFINITY }
  const out: Screened<ParsedVideo> = { accepted: [], setAside: [] }
  for (const o of observations) {
    const plays = o.value.plays
    const problem =
      plays !== null && state.plays !== null
        ? fall(
            'plays',
            PLAYS_KEPT_RATIO,
            { value: state.plays, at: state.at },
            { value: plays, at: o.at },
          )
        : null
    if (problem !== null) {
      out.setAside.push(setAside(o, 'video', o.value.id, 'plays', problem))
      continue
    }
    out.accepted.push(o)
    state.plays = pick(state.plays, state.at, plays, o.at)
    state.at = Math.max(state.at, o.at)
  }
  return out
}

/** What the plausibility of a creator's followers is judged against: the stored row. */
export interface CreatorState {
  followers: number | null
  profileObservedAt: number | null
  identityObservedAt: number
}

/**
 * The same for creators' followers, with FOLLOWERS_KEPT_RATIO. Counters of a video's embedded
 * author block only count while no profile was observed (merge.ts), so only then are they judged.
 */
export function screenCreator(
  stored: CreatorState | undefined,
  observations: readonly Observation<ParsedCreator>[],
): Screened<ParsedCreator> {
  const state = {
    followers: stored?.followers ?? null,
    profileAt: stored?.profileObservedAt ?? null,
    identityAt: stored?.identityObservedAt ?? Number.NEGATIVE_INFINITY,
  }
  const out: Screened<ParsedCreator> = { accepted: [], setAside: [] }
  for (const o of observations) {
    const c = o.value
    const judged =
      c.followers !== null &&
      state.followers !== null &&
      (c.source === 'profile' || state.profileAt === null)
    const problem = judged
      ? fall(
          'followers',
          FOLLOWERS_KEPT_RATIO,
          { value: state.followers ?? 0, at: state.profileAt ?? state.identityAt },
          { value: c.followers ?? 0, at: o.at },
        )
      : null
    if (problem !== null) {
      out.setAside.push(setAside(o, 'creator', c.id, 'followers', problem))
      continue
    }
    out.accepted.push(o)
    if (c.source === 'profile') {
      const p = state.profileAt ?? Number.NEGATIVE_INFINITY
      state.followers = pick(state.followers, p, c.followers, o.at)
      state.profileAt = Math.max(p, o.at)
    } else if (state.profileAt === null) {
      state.followers = pick(state.followers, state.identityAt, c.followers, o.at)
    }
    state.identityAt = Math.max(state.identityAt, o.at)
  }
  return out
}
