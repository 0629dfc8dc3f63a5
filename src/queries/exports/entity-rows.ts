/**
 * The `creators` and `videos` datasets: every stored creator as the API's `Creator` and every
 * video as its `VideoListItem`, hydrated by the same view functions the API's queries use
 * (creator-view.ts, videos/video-items.ts), so a row is exactly what the API answers for it.
 */
import { creatorView } from '../creator-view.js'
import { videoItems } from '../videos/video-items.js'
import type { DatasetWalk } from './dataset-walk.js'

/** Creator rows are wide (metrics, brands): a few hundred a chunk. */
export const CREATOR_CHUNK_ROWS = 500
/** Video items take three queries a chunk (videos, hashtags, sounds) with an id list each. */
export const VIDEO_CHUNK_ROWS = 500

/** Every creator (also those known only by id, which the search leaves out), by id. */
export async function* creatorRows(walk: DatasetWalk): AsyncGenerator<object[]> {
  const { ctx } = walk
  const limit = walk.chunkRows ?? CREATOR_CHUNK_ROWS
  let after = null as string | null
  for (;;) {
    const key = after
    const rows = await ctx.db
      .selectFrom('creators')
      .selectAll()
      // Tested per row of the id order: through the is_demo index SQLite would read every
      // row and sort them for each chunk.
      .$if(!walk.includeDemo, (q) => q.where(walk.ctx.dialect.unindexed('is_demo'), '=', 0))
      .$if(key !== null, (q) => q.where('id', '>', key ?? ''))
      .orderBy('id')
      .limit(limit)
      .execute()
    if (rows.length > 0) yield rows.map((r) => creatorView(r, ctx.publicBaseUrl))
    const last = rows.at(-1)
    if (last === undefined || rows.length < limit) return
    after = last.id
  }
}

/** The ids of the videos to export, chunk by chunk, in id order. */
export async function* videoIdChunks(walk: DatasetWalk): AsyncGenerator<string[]> {
  const limit = walk.chunkRows ?? VIDEO_CHUNK_ROWS
  let after = null as string | null
  for (;;) {
    const key = after
    const rows = await walk.ctx.db
      .selectFrom('videos')
      .select('id')
      // Tested per row of the id order: through the is_demo index SQLite would read every
      // row and sort them for each chunk.
      .$if(!walk.includeDemo, (q) => q.where(walk.ctx.dialect.unindexed('is_demo'), '=', 0))
      .$if(key !== null, (q) => q.where('id', '>', key ?? ''))
      .orderBy('id')
      .limit(limit)
      .execute()
    const ids = rows.map((r) => r.id)
    if (ids.length > 0) yield ids
    const last = ids.at(-1)
    if (last === undefined || ids.length < limit) return
    after = last
  }
}

/** Every video as a VideoListItem, by id. */
export async function* videoRows(walk: DatasetWalk): AsyncGenerator<object[]> {
  for await (const ids of videoIdChunks(walk)) yield await videoItems(walk.ctx, ids)
}
