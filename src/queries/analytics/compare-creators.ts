/** `GET /analytics/creator-comparison`: 2–10 creators side by side, and who leads each metric. */
import { sql } from 'kysely'
import { creatorKey, handleKey } from '../../db/change-keys.js'
import { type Leader, leaderOf } from '../../domain/leaders.js'
import { SAMPLE_SIZE } from '../../domain/metric-constants.js'
import { type CreatorRecord, type CreatorView, creatorView } from '../creator-view.js'
import type { QueryContext } from '../query-context.js'
import { noteReads } from '../read-set.js'
import { type FormatInsightsView, formatInsightsOf } from './format-insights-view.js'
import { sampleVideosOf } from './sample-videos.js'

export const COMPARISON_MIN_CREATORS = 2
export const COMPARISON_MAX_CREATORS = 10

/** How many of each creator's most used hashtags the content analysis lists. */
export const COMPARISON_TOP_HASHTAGS = 5

/**
 * The usernames of a comma-separated list: trimmed, one leading `@` dropped, lower-cased, empty
 * entries and duplicates removed (first occurrence kept, in the given order).
 */
export function parseUsernames(list: string): string[] {
  const out: string[] = []
  for (const part of list.split(',')) {
    const name = part.trim().replace(/^@/, '').trim().toLowerCase()
    if (name !== '' && !out.includes(name)) out.push(name)
  }
  return out
}

/**
 * The compared metrics; every one is "higher is better". A metric without evidence is null
 * (metrics.md §2) and does not compete: a creator seen through pinned videos alone is not last
 * in engagement, it is unmeasured. Followers compete only when known; score only when graded.
 */
const LEADER_METRICS = {
  followers: (c) => c.followers,
  engagement_rate: (c) => c.engagement_rate,
  engagement_rate_followers: (c) => c.engagement_rate_followers,
  avg_views: (c) => c.avg_views,
  avg_likes: (c) => c.avg_likes,
  avg_comments: (c) => c.avg_comments,
  avg_shares: (c) => c.avg_shares,
  avg_saves: (c) => c.avg_saves,
  median_views: (c) => c.median_views,
  viral_ratio: (c) => c.viral_ratio,
  posts_per_week: (c) => c.posts_per_week,
  score: (c) => c.score,
  sponsorship_value_low: (c) => c.sponsorship_low,
  sponsorship_value_high: (c) => c.sponsorship_high,
} satisfies Record<string, (c: CreatorRecord) => number | null>

export type LeaderMetric = keyof typeof LEADER_METRICS

export interface CreatorContent {
  /** Videos in the §2 sample whose formats are analysed. */
  sample_videos: number
  /** The creator's most used hashtags over all tracked videos: uses desc, then name. */
  top_hashtags: { hashtag: string; uses: number }[]
  formats: FormatInsightsView
}

export interface CreatorComparison {
  /** The normalized usernames asked for. */
  requested: string[]
  /** The creators found, in the requested order. */
  creators: (CreatorView & { content: CreatorContent })[]
  leaders: Record<LeaderMetric, Leader | null>
  /** Requested usernames no tracked creator has. */
  not_found: string[]
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Looks up `usernames` (already normalized by `parseUsernames`) case-insensitively. When two
 * stored creators carry the same username (a name that changed hands), the one whose identity
 * was observed last wins. Three queries whatever the number of creators.
 */
export async function compareCreators(
  ctx: QueryContext,
  usernames: readonly string[],
): Promise<CreatorComparison> {
  const rows = await ctx.db
    .selectFrom('creators')
    .selectAll()
    .where('username_lower', 'in', [...usernames])
    .execute()
  const byName = new Map<string, CreatorRecord>()
  for (const r of rows) {
    const key = r.username_lower ?? ''
    const seen = byName.get(key)
    if (
      seen === undefined ||
      r.identity_observed_at > seen.identity_observed_at ||
      (r.identity_observed_at === seen.identity_observed_at && byCodeUnit(r.id, seen.id) < 0)
    ) {
      byName.set(key, r)
    }
  }
  const found = usernames.flatMap((u) => {
    const c = byName.get(u)
    return c === undefined ? [] : [c]
  })
  const ids = found.map((c) => c.id)
  noteReads(...usernames.map(handleKey), ...ids.map(creatorKey))
  const [videos, tags] = await Promise.all([
    sampleVideosOf(ctx, ids, SAMPLE_SIZE),
    topHashtagsOf(ctx, ids),
  ])
  const videosBy = groupBy(videos, (v) => v.creator_id)
  const tagsBy = groupBy(tags, (t) => t.creator_id)

  const leaders = {} as Record<LeaderMetric, Leader | null>
  for (const [metric, metricOf] of Object.entries(LEADER_METRICS)) {
    leaders[metric as LeaderMetric] = leaderOf(
      found.map((c) => ({ username: c.username ?? c.id, value: metricOf(c) })),
    )
  }
  return {
    requested: [...usernames],
    creators: found.map((c) => {
      const sample = videosBy.get(c.id) ?? []
      return {
        ...creatorView(c, ctx.publicBaseUrl),
        content: {
          sample_videos: sample.length,
          top_hashtags: (tagsBy.get(c.id) ?? [])
            .sort((a, b) => b.uses - a.uses || byCodeUnit(a.hashtag, b.hashtag))
            .slice(0, COMPARISON_TOP_HASHTAGS)
            .map((t) => ({ hashtag: t.hashtag, uses: t.uses })),
          formats: formatInsightsOf(sample),
        },
      }
    }),
    leaders,
    not_found: usernames.filter((u) => !byName.has(u)),
  }
}

/**
 * Each creator's hashtags ranked by uses, keeping every tag whose rank is within the top N
 * (ties included, so the final tie-break by name happens in code-unit order, the same on both
 * databases whatever PostgreSQL's collation).
 */
async function topHashtagsOf(ctx: QueryContext, ids: readonly string[]) {
  if (ids.length === 0) return []
  const rows = await ctx.db
    .selectFrom((eb) =>
      eb
        .selectFrom('creator_hashtags')
        .select([
          'creator_id',
          'hashtag',
          'uses',
          sql<number>`rank() over (partition by creator_id order by uses desc)`.as('position'),
        ])
        .where('creator_id', 'in', [...ids])
        .as('t'),
    )
    .select(['creator_id', 'hashtag', 'uses'])
    .where('position', '<=', COMPARISON_TOP_HASHTAGS)
    .execute()
  return rows.map((r) => ({ ...r, uses: Number(r.uses) }))
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = out.get(k)
    if (list) list.push(item)
    else out.set(k, [item])
  }
  return out
}
