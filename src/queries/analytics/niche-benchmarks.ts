/** `GET /analytics/niche-report`: benchmarks of a niche from its creators' materialized metrics. */
import { type Grade, SAMPLE_SIZE, type Tier } from '../../domain/metric-constants.js'
import {
  compareTopCreators,
  NICHE_CONTENT_CREATORS,
  NICHE_TOP_CREATORS,
  NICHE_TRENDING_TAGS,
  type TierShare,
  tierDistribution,
} from '../../domain/niche-benchmarks.js'
import { keywordsFor, nicheOfKeyword, normalizeNicheQuery } from '../../domain/niches.js'
import { type DistributionSummary, summarizeDistribution } from '../../domain/quantiles.js'
import { median, round0, round1, round2, snapFloat } from '../../domain/rounding.js'
import { compareTrendingTags, trendingTagWindowStart } from '../../domain/trending.js'
import { type CreatorView, creatorView } from '../creator-view.js'
import { isoTime } from '../iso-time.js'
import { type QueryCache, queryCache } from '../query-cache.js'
import type { QueryContext } from '../query-context.js'
import { type FormatInsightsView, formatInsightsOf } from './format-insights-view.js'
import { type NicheMembers, type NicheMembersCache, nicheMembers } from './niche-members.js'
import { sampleVideosOf } from './sample-videos.js'

export interface NicheReportQuery {
  niche: string
  min_followers: number
  max_followers?: number
}

export interface NicheTrendingHashtag {
  hashtag: string
  /** Videos of the content sample posted in the last 7 days that carry the tag. */
  recent_videos: number
  /** Σ plays of those videos. */
  recent_views: number
  /** Whether the tag is one of the niche's keywords. */
  is_niche_keyword: boolean
}

export interface NicheReport {
  niche: string
  /** The taxonomy niche the query resolved to (null: not a taxonomy niche or keyword). */
  taxonomy_niche: string | null
  keywords: string[]
  min_followers: number
  max_followers: number | null
  creators_analyzed: number
  /** Over the creators with a known engagement rate; null when none has one. */
  engagement_rate: DistributionSummary | null
  median_followers: number
  follower_distribution: Record<Tier, TierShare>
  grade_distribution: Record<Grade, number>
  /** Mean over the creators with a known posts_per_week (n ≥ 2); null when none has one. */
  avg_posts_per_week: number | null
  /** round1 of the median sponsored share (metrics.md §11) over the creators with a known one. */
  median_sponsored_share: number | null
  top_creators: CreatorView[]
  trending_hashtags: NicheTrendingHashtag[]
  trending_since: string
  content_sample: { creators: number; videos: number }
  content_formats: FormatInsightsView
  /** When the creators' metrics were read; a report is reused for NICHE_REPORT_TTL_SECONDS. */
  data_as_of: string
}

const GRADES: readonly Grade[] = ['A+', 'A', 'B', 'C', 'D', 'F', 'N/A']

/** How long a report is reused before the next request recomputes it. */
export const NICHE_REPORT_TTL_SECONDS = 60

export type NicheReportCache = QueryCache<{ report: NicheReport | undefined }>

export function nicheReportCache(): NicheReportCache {
  return queryCache({ ttlSeconds: NICHE_REPORT_TTL_SECONDS, max: 256 })
}

/**
 * The report over the niche's creators (metrics.md §4 membership) with a username, known
 * followers in [min_followers, max_followers] and at least one video in their metric sample;
 * undefined when there is none. Statistics come from the materialized creator columns of the
 * niche's members (`nicheMembers`, cached); the content formats and trending hashtags read only
 * the §2 sample videos of the NICHE_CONTENT_CREATORS most recently posting creators (bounded),
 * so no request scans the videos table. A report is reused for NICHE_REPORT_TTL_SECONDS.
 */
export async function nicheBenchmarks(
  ctx: QueryContext,
  p: NicheReportQuery,
  caches: { members: NicheMembersCache; reports: NicheReportCache },
): Promise<NicheReport | undefined> {
  const key = [normalizeNicheQuery(p.niche), p.min_followers, p.max_followers ?? ''].join('\n')
  const cached = await caches.reports.get(ctx, key, async () => ({
    report: await computeNicheReport(ctx, p, await nicheMembers(ctx, p.niche, caches.members)),
  }))
  return cached.report
}

async function computeNicheReport(
  ctx: QueryContext,
  p: NicheReportQuery,
  members: NicheMembers,
): Promise<NicheReport | undefined> {
  const max = p.max_followers ?? Number.POSITIVE_INFINITY
  const rows = members.rows.flatMap((r) =>
    r.followers !== null &&
    r.followers >= p.min_followers &&
    r.followers <= max &&
    r.sample_size >= 1
      ? [{ ...r, followers: r.followers, engagementRate: r.engagement_rate }]
      : [],
  )
  if (rows.length === 0) return undefined

  const top = [...rows].sort(compareTopCreators).slice(0, NICHE_TOP_CREATORS)
  const contentCreators = [...rows]
    .sort(
      (a, b) =>
        (b.last_posted_at ?? -1) - (a.last_posted_at ?? -1) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, NICHE_CONTENT_CREATORS)
  const since = trendingTagWindowStart(ctx.now())
  const [topRows, videos] = await Promise.all([
    ctx.db
      .selectFrom('creators')
      .selectAll()
      .where(
        'id',
        'in',
        top.map((c) => c.id),
      )
      .execute(),
    sampleVideosOf(
      ctx,
      contentCreators.map((c) => c.id),
      SAMPLE_SIZE,
    ),
  ])
  const keywords = keywordsFor(p.niche)
  const trending = await trendingTags(
    ctx,
    videos.filter((v) => v.posted_at >= since).map((v) => v.id),
  )
  const topById = new Map(topRows.map((r) => [r.id, r]))
  const grades = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>
  for (const r of rows) grades[r.grade as Grade] = (grades[r.grade as Grade] ?? 0) + 1
  const postsPerWeek = rows.flatMap((r) => (r.posts_per_week === null ? [] : [r.posts_per_week]))
  const shares = rows.flatMap((r) => (r.sponsored_share === null ? [] : [r.sponsored_share]))

  return {
    niche: normalizeNicheQuery(p.niche),
    taxonomy_niche: nicheOfKeyword(p.niche),
    keywords,
    min_followers: p.min_followers,
    max_followers: p.max_followers ?? null,
    creators_analyzed: rows.length,
    engagement_rate: summarizeDistribution(
      rows.flatMap((r) => (r.engagement_rate === null ? [] : [r.engagement_rate])),
      2,
    ),
    median_followers: round0(median(rows.map((r) => r.followers))),
    follower_distribution: tierDistribution(rows.map((r) => r.tier as Tier)),
    grade_distribution: grades,
    avg_posts_per_week:
      postsPerWeek.length === 0
        ? null
        : round2(snapFloat(postsPerWeek.reduce((a, b) => a + b, 0) / postsPerWeek.length)),
    median_sponsored_share: shares.length === 0 ? null : round1(median(shares)),
    top_creators: top.flatMap((c) => {
      const row = topById.get(c.id)
      return row === undefined ? [] : [creatorView(row, ctx.publicBaseUrl)]
    }),
    trending_hashtags: trending.slice(0, NICHE_TRENDING_TAGS).map((t) => ({
      hashtag: t.key,
      recent_videos: t.recentVideos,
      recent_views: t.recentPlays,
      is_niche_keyword: keywords.includes(t.key),
    })),
    trending_since: isoTime(since),
    content_sample: { creators: contentCreators.length, videos: videos.length },
    content_formats: formatInsightsOf(videos),
    data_as_of: isoTime(members.readAt),
  }
}

/** Hashtags of the given videos, by §5's trending order (videos desc, plays desc, name). */
async function trendingTags(ctx: QueryContext, videoIds: readonly string[]) {
  if (videoIds.length === 0) return []
  const rows = await ctx.db
    .selectFrom('video_hashtags')
    .innerJoin('videos', 'videos.id', 'video_hashtags.video_id')
    .select((eb) => [
      'video_hashtags.hashtag',
      eb.fn.countAll().as('videos'),
      eb.fn.sum('videos.plays').as('plays'),
    ])
    .where('video_hashtags.video_id', 'in', [...videoIds])
    .groupBy('video_hashtags.hashtag')
    .execute()
  return rows
    .map((r) => ({
      key: r.hashtag,
      recentVideos: Number(r.videos),
      recentPlays: Number(r.plays ?? 0),
    }))
    .sort(compareTrendingTags)
}
