/** The sounds a creator uses most, with the average views of the videos using them. */

import { soundKey } from '../../db/change-keys.js'
import { averageViews } from '../../domain/average-views.js'
import type { QueryContext } from '../query-context.js'
import { noteReads } from '../read-set.js'

export interface SoundUsage {
  sound_id: string
  title: string | null
  author: string | null
  /** True for the creator's own original sound; null when unknown. */
  original: boolean | null
  /** The creator's tracked videos using the sound. */
  uses: number
  /** round(Σ plays / those videos with known plays); null when none is known. */
  avg_views: number | null
}

/** Top `limit` sounds of the creator's tracked videos: uses desc, then Σ plays desc, then id. */
export async function creatorSoundUsage(
  ctx: QueryContext,
  creatorId: string,
  limit: number,
): Promise<SoundUsage[]> {
  const rows = await ctx.db
    .selectFrom('videos')
    .leftJoin('sounds', 'sounds.id', 'videos.music_id')
    .select((eb) => [
      'videos.music_id',
      'sounds.title',
      'sounds.author_name',
      'sounds.original',
      eb.fn.countAll<number>().as('uses'),
      // PostgreSQL sums bigints as numeric, which arrives as a string: read with Number().
      eb.fn.sum<number | string | null>('videos.plays').as('plays'),
      eb.fn.count<number>('videos.plays').as('with_plays'),
    ])
    .where('videos.creator_id', '=', creatorId)
    .where('videos.music_id', 'is not', null)
    .groupBy(['videos.music_id', 'sounds.title', 'sounds.author_name', 'sounds.original'])
    .orderBy('uses', 'desc')
    .orderBy((eb) => eb.fn.coalesce(eb.fn.sum('videos.plays'), eb.lit(0)), 'desc')
    .orderBy('videos.music_id')
    .limit(limit)
    .execute()
  // Their titles and authors are the sounds' own fields.
  noteReads(...rows.flatMap((r) => (r.music_id === null ? [] : [soundKey(r.music_id)])))
  return rows.map((r) => ({
    sound_id: r.music_id ?? '',
    title: r.title,
    author: r.author_name,
    original: r.original === null ? null : r.original === 1,
    uses: Number(r.uses),
    avg_views: averageViews(Number(r.plays ?? 0), Number(r.with_plays)),
  }))
}
