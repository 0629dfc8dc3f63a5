/** `GET /creators/{username}/history`: follower snapshots and tracked-views growth over time. */
import { type GrowthChange, growthBetween } from '../../domain/growth.js'
import { dailyTrackedViews } from '../../domain/views-history.js'
import { isoTime } from '../iso-time.js'
import type { QueryContext } from '../query-context.js'
import { findCreator } from './find-creator.js'
import { type GrowthView, growthView } from './schedule-view.js'

/** At most this many (the newest) profile snapshots per answer. */
export const MAX_HISTORY_SNAPSHOTS = 1000
/** At most this many (the newest) video play observations feed the views series. */
export const MAX_VIEW_OBSERVATIONS = 100_000

export interface CreatorHistoryQuery {
  username: string
  /** Epoch seconds, inclusive. */
  since?: number | undefined
  /** Epoch seconds, inclusive. */
  until?: number | undefined
}

export interface CreatorHistory {
  username: string
  since: string | null
  until: string | null
  snapshots: Array<{
    observed_at: string
    followers: number | null
    following: number | null
    total_likes: number | null
    video_count: number | null
  }>
  views: Array<{ date: string; observed_at: string; tracked_views: number; tracked_videos: number }>
  growth: { followers: GrowthView | null; views: GrowthView | null }
  truncated: boolean
}

const change = (g: GrowthChange | null) => g && growthView(g)

/**
 * Profile snapshots in `since`…`until` (oldest first), and per UTC day with a video observation
 * the creator's tracked views (see domain/views-history.ts), with the growth from the first to
 * the last of each. Two indexed queries; undefined for an unknown creator.
 */
export async function getCreatorHistory(
  ctx: QueryContext,
  p: CreatorHistoryQuery,
): Promise<CreatorHistory | undefined> {
  const creator = await findCreator(ctx, p.username)
  if (creator === undefined) return undefined
  const { since, until } = p
  const [snapshots, observations] = await Promise.all([
    ctx.db
      .selectFrom('creator_snapshots')
      .select(['observed_at', 'followers', 'following', 'total_likes', 'video_count'])
      .where('creator_id', '=', creator.id)
      .$if(since !== undefined, (q) => q.where('observed_at', '>=', since ?? 0))
      .$if(until !== undefined, (q) => q.where('observed_at', '<=', until ?? 0))
      .orderBy('observed_at', 'desc')
      .limit(MAX_HISTORY_SNAPSHOTS + 1)
      .execute(),
    // Earlier observations are needed too: a video not re-observed keeps its last known plays.
    ctx.db
      .selectFrom('video_snapshots')
      .innerJoin('videos', 'videos.id', 'video_snapshots.video_id')
      .select(['video_snapshots.video_id', 'video_snapshots.observed_at', 'video_snapshots.plays'])
      .where('videos.creator_id', '=', creator.id)
      .where('video_snapshots.plays', 'is not', null)
      .$if(until !== undefined, (q) => q.where('video_snapshots.observed_at', '<=', until ?? 0))
      .orderBy('video_snapshots.observed_at', 'desc')
      .orderBy('video_snapshots.video_id')
      .limit(MAX_VIEW_OBSERVATIONS + 1)
      .execute(),
  ])
  const truncated =
    snapshots.length > MAX_HISTORY_SNAPSHOTS || observations.length > MAX_VIEW_OBSERVATIONS
  const kept = snapshots.slice(0, MAX_HISTORY_SNAPSHOTS).reverse()
  const views = dailyTrackedViews(
    observations.slice(0, MAX_VIEW_OBSERVATIONS).map((o) => ({
      videoId: o.video_id,
      observedAt: o.observed_at,
      plays: o.plays,
    })),
    { since, until },
  )
  const withFollowers = kept.flatMap((s) =>
    s.followers === null ? [] : [{ observedAt: s.observed_at, value: s.followers }],
  )
  const firstFollowers = withFollowers[0]
  const lastFollowers = withFollowers[withFollowers.length - 1]
  const firstViews = views[0]
  const lastViews = views[views.length - 1]
  return {
    username: creator.username ?? creator.id,
    since: since === undefined ? null : isoTime(since),
    until: until === undefined ? null : isoTime(until),
    snapshots: kept.map((s) => ({
      observed_at: isoTime(s.observed_at),
      followers: s.followers,
      following: s.following,
      total_likes: s.total_likes,
      video_count: s.video_count,
    })),
    views: views.map((v) => ({
      date: v.day,
      observed_at: isoTime(v.observedAt),
      tracked_views: v.trackedViews,
      tracked_videos: v.trackedVideos,
    })),
    growth: {
      followers: change(
        firstFollowers && lastFollowers && withFollowers.length >= 2
          ? growthBetween(firstFollowers, lastFollowers)
          : null,
      ),
      views: change(
        firstViews && lastViews && views.length >= 2
          ? growthBetween(
              { observedAt: firstViews.observedAt, value: firstViews.trackedViews },
              { observedAt: lastViews.observedAt, value: lastViews.trackedViews },
            )
          : null,
      ),
    },
    truncated,
  }
}
