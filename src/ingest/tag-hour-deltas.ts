/**
 * Keeps the hour buckets of hashtags and sounds (domain/tag-hours.ts) by delta, as the tracked
 * totals are kept: a video's old contribution leaves its bucket, its new one enters.
 */
import { hourOf } from '../domain/tag-hours.js'
import type { TotalsDelta, VideoContribution } from './tracked-totals.js'

/** What one video adds to its hashtags' and sound's bucket: the totals' part and its hour. */
export interface VideoHourContribution extends VideoContribution {
  postedAt: number | null
}

/** Key (hashtag or sound id) → hour → change. */
export type HourDeltaMap = Map<string, Map<number, TotalsDelta>>

function add(map: HourDeltaMap, key: string, hour: number, videos: number, plays: number): void {
  let hours = map.get(key)
  if (!hours) {
    hours = new Map()
    map.set(key, hours)
  }
  const d = hours.get(hour)
  if (d) {
    d.videos += videos
    d.views += plays
  } else hours.set(hour, { videos, views: plays })
}

function apply(
  c: VideoHourContribution,
  sign: 1 | -1,
  hashtags: HourDeltaMap,
  sounds: HourDeltaMap,
): void {
  if (c.postedAt === null) return
  const hour = hourOf(c.postedAt)
  const plays = sign * (c.plays ?? 0) || 0 // never -0
  for (const tag of new Set(c.hashtags)) add(hashtags, tag, hour, sign, plays)
  if (c.musicId !== null) add(sounds, c.musicId, hour, sign, plays)
}

/** Adds to `hashtags` and `sounds` the change from a video's old contribution to its new one. */
export function accumulateHourDeltas(
  before: VideoHourContribution | undefined,
  after: VideoHourContribution,
  hashtags: HourDeltaMap,
  sounds: HourDeltaMap,
): void {
  if (before) apply(before, -1, hashtags, sounds)
  apply(after, 1, hashtags, sounds)
}

/** The non-zero changes as rows, ready for an additive upsert. */
export function hourDeltaRows(map: HourDeltaMap): Array<{
  key: string
  hour: number
  videos: number
  plays: number
}> {
  const rows = []
  for (const [key, hours] of map)
    for (const [hour, d] of hours)
      if (d.videos !== 0 || d.views !== 0)
        rows.push({ key, hour, videos: d.videos, plays: d.views })
  return rows
}
