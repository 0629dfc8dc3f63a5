/** Collects the entities of one capture, merging repeats (one author behind many videos). */
import type {
  ParsedCapture,
  ParsedCreator,
  ParsedHashtag,
  ParsedSound,
  ParsedVideo,
} from '../parsed.js'
import type { ItemEntities } from './item-outcome.js'

/** Copies into `target` every field of `extra` that `target` still has as null (unknown). */
function fillUnknown<T extends object>(target: T, extra: T): void {
  const into: Record<string, unknown> = target as Record<string, unknown>
  for (const [key, value] of Object.entries(extra)) {
    if (into[key] === null && value !== null) into[key] = value
  }
}

/**
 * Accumulates parsed entities in first-seen order. Repeats of the same entity are merged by
 * filling the first one's unknown (null) fields. Creators are keyed by id AND source: a
 * profile's exact counters and an embedded author's rounded ones stay apart, so the writer can
 * apply the rule of `ParsedCreator.source`.
 */
export class CaptureBuilder {
  readonly #creators = new Map<string, ParsedCreator>()
  readonly #videos = new Map<string, ParsedVideo>()
  readonly #hashtags = new Map<string, ParsedHashtag>()
  readonly #sounds = new Map<string, ParsedSound>()

  addCreator(creator: ParsedCreator | null): void {
    if (creator === null) return
    const key = `${creator.source}:${creator.id}`
    const seen = this.#creators.get(key)
    if (seen === undefined) this.#creators.set(key, { ...creator })
    else fillUnknown(seen, creator)
  }

  addVideo(video: ParsedVideo): void {
    const seen = this.#videos.get(video.id)
    if (seen === undefined) {
      this.#videos.set(video.id, {
        ...video,
        hashtags: [...video.hashtags],
        details: { ...video.details },
      })
      return
    }
    fillUnknown(seen, video)
    for (const [key, value] of Object.entries(video.details)) {
      if (!(key in seen.details)) seen.details[key] = value
    }
  }

  addHashtag(hashtag: ParsedHashtag | null): void {
    if (hashtag === null) return
    const seen = this.#hashtags.get(hashtag.name)
    if (seen === undefined) this.#hashtags.set(hashtag.name, { ...hashtag })
    else fillUnknown(seen, hashtag)
  }

  addSound(sound: ParsedSound | null): void {
    if (sound === null) return
    const seen = this.#sounds.get(sound.id)
    if (seen === undefined) this.#sounds.set(sound.id, { ...sound })
    else fillUnknown(seen, sound)
  }

  /** Adds everything one item yielded: its video, author, sound and hashtags. */
  addItem(item: ItemEntities): void {
    this.addVideo(item.video)
    this.addCreator(item.creator)
    this.addSound(item.sound)
    for (const hashtag of item.hashtags) this.addHashtag(hashtag)
  }

  /** The videos collected so far (mutable: list-level links such as `?musicID=` edit them). */
  videos(): ParsedVideo[] {
    return [...this.#videos.values()]
  }

  creators(): ParsedCreator[] {
    return [...this.#creators.values()]
  }

  hashtags(): ParsedHashtag[] {
    return [...this.#hashtags.values()]
  }

  /** Number of entities of all types. */
  size(): number {
    return this.#creators.size + this.#videos.size + this.#hashtags.size + this.#sounds.size
  }

  build(): ParsedCapture {
    return {
      creators: this.creators(),
      videos: this.videos(),
      hashtags: this.hashtags(),
      sounds: [...this.#sounds.values()],
    }
  }
}
