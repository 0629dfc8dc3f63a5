/** Videos of a result page as list items: the spec `Video` plus creator summary and §3 metrics. */
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { sqlNumber } from '../../db/sql-number.js'
import { performanceVsAverage } from '../../domain/video-metrics.js'
import { isViral } from '../../domain/viral.js'
import type { QueryContext } from '../query-context.js'
import { type VideoRecord, type VideoView, videoView } from '../video-view.js'

/** Who posted a listed video (this server's profile page in `profile_url`). */
export interface VideoCreatorSummary {
  username: string
  display_name: string | null
  verified: boolean
  followers: number | null
  profile_url: string
}

export type VideoListItem = VideoView & {
  /** Null when the author is not a tracked creator. */
  creator: VideoCreatorSummary | null
  /** `plays ≥ max(3 × creator median_views, 100000)`; null when the creator or plays is unknown. */
  is_viral: boolean | null
  /** `round2(plays / creator avg_views)`; null when unknown or avg_views is 0. */
  performance_vs_average: number | null
}

/** The creator columns a video's list item needs. */
export interface CreatorFacts {
  id: string
  username: string | null
  nickname: string | null
  verified: number | null
  followers: number | null
  /** Null when the creator has no metric sample (metrics.md §2). */
  avg_views: number | null
  median_views: number | null
}

/** `is_viral` with the creator's published median_views (metrics.md §3); null when unknowable. */
export function viralOf(plays: number | null, creator: CreatorFacts | null): boolean | null {
  return creator === null ? null : isViral(plays, creator.median_views)
}

export function creatorSummary(c: CreatorFacts, publicBaseUrl: string): VideoCreatorSummary {
  const username = c.username ?? c.id
  return {
    username,
    display_name: c.nickname,
    verified: c.verified === 1,
    followers: c.followers,
    profile_url: `${publicBaseUrl}/creators/${encodeURIComponent(username)}`,
  }
}

/** Hashtags of each video in stored order (metrics.md §3: first-seen order). */
export async function hashtagsOf(
  db: Kysely<DB>,
  videoIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (videoIds.length === 0) return out
  const rows = await db
    .selectFrom('video_hashtags')
    .select(['video_id', 'hashtag'])
    .where('video_id', 'in', videoIds)
    .orderBy('video_id')
    .orderBy('position')
    .execute()
  for (const r of rows) {
    const list = out.get(r.video_id)
    if (list) list.push(r.hashtag)
    else out.set(r.video_id, [r.hashtag])
  }
  return out
}

/** Title of each sound among `musicIds` that is stored. */
export async function soundTitlesOf(
  db: Kysely<DB>,
  musicIds: readonly (string | null)[],
): Promise<Map<string, string | null>> {
  const ids = [...new Set(musicIds.filter((id): id is string => id !== null))]
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('sounds')
    .select(['id', 'title'])
    .where('id', 'in', ids)
    .execute()
  return new Map(rows.map((r) => [r.id, r.title]))
}

/**
 * The list items of `videoIds`, in that order (ids that are not stored are skipped). Three
 * queries whatever the page size: the videos with their creators, the hashtags, the sounds.
 */
export async function videoItems(
  ctx: QueryContext,
  videoIds: readonly string[],
): Promise<VideoListItem[]> {
  if (videoIds.length === 0) return []
  const rows = await ctx.db
    .selectFrom('videos')
    .leftJoin('creators', 'creators.id', 'videos.creator_id')
    .selectAll('videos')
    .select([
      'creators.id as c_id',
      'creators.username as c_username',
      'creators.nickname as c_nickname',
      'creators.verified as c_verified',
      'creators.followers as c_followers',
      'creators.avg_views as c_avg_views',
      'creators.median_views as c_median_views',
    ])
    .where('videos.id', 'in', videoIds)
    .execute()
  const [tags, titles] = await Promise.all([
    hashtagsOf(ctx.db, videoIds),
    soundTitlesOf(
      ctx.db,
      rows.map((r) => r.music_id),
    ),
  ])
  const byId = new Map(rows.map((r) => [r.id, r]))
  const items: VideoListItem[] = []
  for (const id of videoIds) {
    const r = byId.get(id)
    if (!r) continue
    const {
      c_id,
      c_username,
      c_nickname,
      c_verified,
      c_followers,
      c_avg_views,
      c_median_views,
      ...video
    } = r
    const creator: CreatorFacts | null =
      c_id === null
        ? null
        : {
            id: c_id,
            username: c_username,
            nickname: c_nickname,
            verified: c_verified,
            followers: c_followers,
            // PostgreSQL returns these bigints as strings.
            avg_views: c_avg_views === null ? null : sqlNumber(c_avg_views),
            median_views: c_median_views === null ? null : sqlNumber(c_median_views),
          }
    items.push(listItem(ctx, video, tags.get(id) ?? [], titles, creator))
  }
  return items
}

function listItem(
  ctx: QueryContext,
  v: VideoRecord,
  hashtags: readonly string[],
  titles: Map<string, string | null>,
  creator: CreatorFacts | null,
): VideoListItem {
  const title = v.music_id === null ? null : (titles.get(v.music_id) ?? null)
  return {
    ...videoView(v, hashtags, title, creator?.username ?? null),
    creator: creator === null ? null : creatorSummary(creator, ctx.publicBaseUrl),
    is_viral: viralOf(v.plays, creator),
    performance_vs_average:
      creator === null ? null : performanceVsAverage(v.plays, creator.avg_views),
  }
}
