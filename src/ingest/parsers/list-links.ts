/** Links list items to what the request URL queried (§4: list bodies do not say it themselves). */
import type { ParsedCreator, ParsedHashtag, ParsedVideo } from '../parsed.js'
import { idOf } from './counters.js'

/** The first non-empty query parameter among `names` (TikTok's casing varies: musicID/musicId). */
export function queryParam(url: URL, ...names: readonly string[]): string | null {
  for (const name of names) {
    const value = url.searchParams.get(name)?.trim()
    if (value !== undefined && value !== '') return value
  }
  return null
}

/**
 * Challenge item lists (`?challengeID=`): every video carries that hashtag. Its name is taken
 * from the items' own entries with that id (`challenges[]`, or a textExtra `hashtagId`); when
 * no item names it, nothing changes (a name is never guessed). The tag is appended, keeping
 * metrics.md §3's first-seen order.
 */
export function linkChallenge(
  videos: readonly ParsedVideo[],
  hashtags: readonly ParsedHashtag[],
  challengeId: string | null,
): void {
  const id = idOf(challengeId)
  if (id === null) return
  const name = hashtags.find((hashtag) => hashtag.id === id)?.name
  if (name === undefined) return
  for (const video of videos) {
    if (!video.hashtags.includes(name)) video.hashtags.push(name)
  }
}

/** Music item lists (`?musicID=`): every video uses that sound; fills only a missing musicId. */
export function linkMusic(videos: readonly ParsedVideo[], musicId: string | null): void {
  const id = idOf(musicId)
  if (id === null) return
  for (const video of videos) {
    if (video.musicId === null) video.musicId = id
  }
}

/**
 * Profile lists (`/api/post|creator/item_list/?secUid=`): the videos are that creator's. The
 * items' authors normally say so; a video without an author gets the id of the creator whose
 * secUid was queried, when some item of the list revealed it.
 */
export function linkSecUid(
  videos: readonly ParsedVideo[],
  creators: readonly ParsedCreator[],
  secUid: string | null,
): void {
  if (secUid === null) return
  const creatorId = creators.find((creator) => creator.secUid === secUid)?.id
  if (creatorId === undefined) return
  for (const video of videos) {
    if (video.creatorId === null) video.creatorId = creatorId
  }
}
