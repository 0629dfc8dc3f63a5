/** Groups the parsed captures of a batch into observations per entity, ready to merge and write. */
import type {
  ParsedCapture,
  ParsedCreator,
  ParsedHashtag,
  ParsedSound,
  ParsedVideo,
} from './parsed.js'

/** A value as one capture saw it, at `at` (epoch seconds). */
export interface Observation<T> {
  value: T
  at: number
  /** Content hash of the capture it came from (absent for the bare mentions of a video). */
  capture?: string
  /** Who sent that capture (corroboration weighs it); null: the operator's own, or unknown. */
  contributor?: string | null
}

export interface NormalizedBatch {
  creators: Map<string, Observation<ParsedCreator>[]>
  videos: Map<string, Observation<ParsedVideo>[]>
  hashtags: Map<string, Observation<ParsedHashtag>[]>
  sounds: Map<string, Observation<ParsedSound>[]>
}

/** A parsed capture and the time it was observed (epoch seconds). */
export interface TimedCapture {
  parsed: ParsedCapture
  observedAt: number
  /** The capture's content hash, carried by its observations (plausibility reports name it). */
  capture?: string
  contributor?: string | null
}

function push<T>(
  map: Map<string, Observation<T>[]>,
  key: string,
  value: T,
  at: number,
  capture: string | undefined,
  contributor: string | null | undefined,
): void {
  const observation: Observation<T> = capture === undefined ? { value, at } : { value, at, capture }
  if (contributor !== undefined) observation.contributor = contributor
  const list = map.get(key)
  if (list) list.push(observation)
  else map.set(key, [observation])
}

/**
 * One empty observation per hashtag or sound a video names, at the earliest time a video of the
 * batch named it: the row exists and its first_seen_at is right whatever order captures came in.
 */
function mention<T>(
  map: Map<string, Observation<T>[]>,
  bare: Map<string, Observation<T>>,
  key: string,
  make: (key: string) => T,
  at: number,
): void {
  const known = bare.get(key)
  if (known) {
    known.at = Math.min(known.at, at)
    return
  }
  const observation = { value: make(key), at }
  bare.set(key, observation)
  const list = map.get(key)
  if (list) list.push(observation)
  else map.set(key, [observation])
}

/**
 * Collects every entity the captures mention. Hashtags and sounds that a video names (a
 * `textExtra` tag, a bare music id) also get an empty observation at the earliest time a video
 * named them, so that the row exists, the video can link to it, and its first_seen_at does not
 * depend on the order of the captures.
 */
export function normalizeBatch(captures: readonly TimedCapture[]): NormalizedBatch {
  const batch: NormalizedBatch = {
    creators: new Map(),
    videos: new Map(),
    hashtags: new Map(),
    sounds: new Map(),
  }
  const bareHashtags = new Map<string, Observation<ParsedHashtag>>()
  const bareSounds = new Map<string, Observation<ParsedSound>>()
  for (const { parsed, observedAt, capture, contributor } of captures) {
    for (const c of parsed.creators) push(batch.creators, c.id, c, observedAt, capture, contributor)
    for (const h of parsed.hashtags)
      push(batch.hashtags, h.name, h, observedAt, capture, contributor)
    for (const s of parsed.sounds) push(batch.sounds, s.id, s, observedAt, capture, contributor)
    for (const v of parsed.videos) {
      push(batch.videos, v.id, v, observedAt, capture, contributor)
      for (const tag of v.hashtags) {
        mention(batch.hashtags, bareHashtags, tag, bareHashtag, observedAt)
      }
      if (v.musicId !== null) mention(batch.sounds, bareSounds, v.musicId, bareSound, observedAt)
    }
  }
  return batch
}

function bareHashtag(name: string): ParsedHashtag {
  return { name, id: null, description: null, videoCount: null, viewCount: null }
}

function bareSound(id: string): ParsedSound {
  return {
    id,
    title: null,
    authorName: null,
    original: null,
    durationSec: null,
    album: null,
    userCount: null,
  }
}
