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
}

function push<T>(map: Map<string, Observation<T>[]>, key: string, value: T, at: number): void {
  const list = map.get(key)
  if (list) list.push({ value, at })
  else map.set(key, [{ value, at }])
}

/**
 * Collects every entity the captures mention. Hashtags and sounds that a video names without
 * describing (a `textExtra` tag, a bare music id) get an empty observation, so that the row
 * exists and the video can link to it.
 */
export function normalizeBatch(captures: readonly TimedCapture[]): NormalizedBatch {
  const batch: NormalizedBatch = {
    creators: new Map(),
    videos: new Map(),
    hashtags: new Map(),
    sounds: new Map(),
  }
  for (const { parsed, observedAt } of captures) {
    for (const c of parsed.creators) push(batch.creators, c.id, c, observedAt)
    for (const h of parsed.hashtags) push(batch.hashtags, h.name, h, observedAt)
    for (const s of parsed.sounds) push(batch.sounds, s.id, s, observedAt)
    for (const v of parsed.videos) {
      push(batch.videos, v.id, v, observedAt)
      for (const tag of v.hashtags) {
        if (!batch.hashtags.has(tag)) push(batch.hashtags, tag, bareHashtag(tag), observedAt)
      }
      if (v.musicId !== null && !batch.sounds.has(v.musicId)) {
        push(batch.sounds, v.musicId, bareSound(v.musicId), observedAt)
      }
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
