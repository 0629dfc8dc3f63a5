/** A creator's video rows as API `Video`s with the per-creator fields of metrics.md §3. */

import { performanceVsAverage } from '../../domain/video-metrics.js'
import { isViral } from '../../domain/viral.js'
import type { CreatorRecord } from '../creator-view.js'
import type { QueryContext } from '../query-context.js'
import { type VideoRecord, type VideoView, videoView } from '../video-view.js'

export type CreatorVideoView = VideoView & {
  /** plays ≥ max(3 × the creator's median_views, 100000); null when either is unknown. */
  is_viral: boolean | null
  /** round2(plays / the creator's avg_views); null when either is unknown or avg_views is 0. */
  performance_vs_average: number | null
}

/**
 * Views of `rows` (kept in their order) with their hashtags (in position order) and sound
 * titles, fetched in two queries whatever the number of rows.
 */
export async function creatorVideoViews(
  ctx: QueryContext,
  creator: CreatorRecord,
  rows: readonly VideoRecord[],
): Promise<CreatorVideoView[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const musicIds = [...new Set(rows.flatMap((r) => (r.music_id === null ? [] : [r.music_id])))]
  const [links, sounds] = await Promise.all([
    ctx.db
      .selectFrom('video_hashtags')
      .select(['video_id', 'hashtag'])
      .where('video_id', 'in', ids)
      .orderBy('video_id')
      .orderBy('position')
      .execute(),
    musicIds.length === 0
      ? Promise.resolve([])
      : ctx.db.selectFrom('sounds').select(['id', 'title']).where('id', 'in', musicIds).execute(),
  ])
  const tags = new Map<string, string[]>()
  for (const l of links) {
    const list = tags.get(l.video_id)
    if (list) list.push(l.hashtag)
    else tags.set(l.video_id, [l.hashtag])
  }
  const titles = new Map(sounds.map((s) => [s.id, s.title]))
  return rows.map((r) => ({
    ...videoView(
      r,
      tags.get(r.id) ?? [],
      r.music_id === null ? null : (titles.get(r.music_id) ?? null),
      creator.username,
    ),
    is_viral: isViral(r.plays, creator.median_views),
    performance_vs_average: performanceVsAverage(r.plays, creator.avg_views),
  }))
}

/** Full rows of the videos `ids`, returned in the order of `ids` (missing ones skipped). */
export async function videoRowsInOrder(
  ctx: QueryContext,
  ids: readonly string[],
): Promise<VideoRecord[]> {
  if (ids.length === 0) return []
  const rows = await ctx.db.selectFrom('videos').selectAll().where('id', 'in', ids).execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => {
    const row = byId.get(id)
    return row === undefined ? [] : [row]
  })
}
