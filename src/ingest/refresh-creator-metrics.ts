/** Recomputes the materialized metrics (metrics.md §2) of the creators a batch touched. */
import type { Kysely } from 'kysely'
import type { CreatorMetricColumns, DB } from '../db/schema.js'
import { chunks } from '../db/upsert.js'
import { creatorMetrics } from '../domain/creator-metrics.js'
import { selectSample } from '../domain/creator-sample.js'
import { creatorScore } from '../domain/creator-score.js'
import { classifiedTagUses, nichesOfCreator, primaryNiche } from '../domain/niches.js'
import { creatorSponsorship, type DetailValue, mentionedHandles } from '../domain/sponsored.js'
import { sponsorshipValue } from '../domain/sponsorship.js'

interface VideoForMetrics {
  creator_id: string | null
  posted_at: number | null
  is_pinned: number
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  saves: number | null
  /** metrics.md §11: 1 / 0 / null. */
  sponsored: number | null
  description: string
  details: string
}

/** The handles a sponsored video mentions; others are not read (their details stay unparsed). */
function mentionsOf(v: VideoForMetrics): string[] {
  if (v.sponsored !== 1) return []
  return mentionedHandles(JSON.parse(v.details) as Record<string, DetailValue>, v.description)
}

/**
 * Pure: the metric columns of one creator from all of their videos and hashtag uses.
 * SQL fetched the rows; the formulas are domain/'s.
 */
export function computeCreatorMetrics(
  followers: number | null,
  videos: readonly VideoForMetrics[],
  hashtagUses: ReadonlyMap<string, number>,
  username: string | null = null,
): CreatorMetricColumns {
  const sample = selectSample(
    videos.map((v) => ({
      video: v,
      postedAt: v.posted_at,
      isPinned: v.is_pinned === 1,
      plays: v.plays,
      likes: v.likes,
      comments: v.comments,
      shares: v.shares,
      saves: v.saves,
    })),
  )
  const m = creatorMetrics(sample, followers)
  const s = creatorScore({
    sampleSize: m.sampleSize,
    engagementRate: m.engagementRate,
    avgViews: m.avgViews,
    followers,
    viralRatio: m.viralRatio,
    postsPerWeek: m.postsPerWeek,
  })
  const niche = primaryNiche(hashtagUses)
  // metrics.md §11: over the same sample S.
  const sponsored = creatorSponsorship(
    sample.map(({ video }) => ({
      sponsored: video.sponsored === null ? null : video.sponsored === 1,
      plays: video.plays,
      likes: video.likes,
      comments: video.comments,
      shares: video.shares,
      mentions: mentionsOf(video),
    })),
    username,
  )
  const value = sponsorshipValue(m.medianViews, niche)
  let lastPosted: number | null = null
  for (const v of videos) {
    if (v.posted_at !== null && (lastPosted === null || v.posted_at > lastPosted))
      lastPosted = v.posted_at
  }
  return {
    sample_size: m.sampleSize,
    avg_views: m.avgViews,
    avg_likes: m.avgLikes,
    avg_comments: m.avgComments,
    avg_shares: m.avgShares,
    avg_saves: m.avgSaves,
    median_views: m.medianViews,
    engagement_rate: m.engagementRate,
    engagement_rate_followers: m.engagementRateFollowers,
    viral_ratio: m.viralRatio,
    posts_per_week: m.postsPerWeek,
    tier: s.tier,
    score: s.score,
    grade: s.grade,
    score_engagement: s.parts.engagement,
    score_reach: s.parts.reach,
    score_virality: s.parts.virality,
    score_consistency: s.parts.consistency,
    primary_niche: niche,
    sponsorship_low: value?.low ?? null,
    sponsorship_high: value?.high ?? null,
    sponsored_share: sponsored.share,
    sponsored_engagement_rate: sponsored.sponsoredEngagementRate,
    organic_engagement_rate: sponsored.organicEngagementRate,
    sponsored_brands: JSON.stringify(sponsored.brands),
    tracked_video_count: videos.length,
    last_posted_at: lastPosted,
    classified_tag_uses: classifiedTagUses(hashtagUses),
  }
}

/** Reads each creator's videos and hashtag uses, computes, and updates the creator rows. */
export async function refreshCreatorMetrics(
  trx: Kysely<DB>,
  creatorIds: Iterable<string>,
): Promise<void> {
  for (const part of chunks([...creatorIds], 200)) {
    const creators = await trx
      .selectFrom('creators')
      .select(['id', 'followers', 'nickname', 'bio', 'username'])
      .where('id', 'in', part)
      .execute()
    if (creators.length === 0) continue
    const ids = creators.map((c) => c.id)
    const videos = await trx
      .selectFrom('videos')
      .select([
        'creator_id',
        'posted_at',
        'is_pinned',
        'plays',
        'likes',
        'comments',
        'shares',
        'saves',
        'sponsored',
        // Only a sponsored video's caption and details are read (its brands): the rest of a
        // creator's videos would carry kilobytes of details through every refresh for nothing.
        (eb) =>
          eb
            .case()
            .when('sponsored', '=', 1)
            .then(eb.ref('description'))
            .else('')
            .end()
            .as('description'),
        (eb) =>
          eb
            .case()
            .when('sponsored', '=', 1)
            .then(eb.ref('details'))
            .else('{}')
            .end()
            .as('details'),
      ])
      .where('creator_id', 'in', ids)
      // Same-second posts: the sample keeps input order, so make it the same on both databases.
      .orderBy('posted_at', 'desc')
      .orderBy('id', 'desc')
      .execute()
    const uses = await trx
      .selectFrom('video_hashtags')
      .innerJoin('videos', 'videos.id', 'video_hashtags.video_id')
      .select([
        'videos.creator_id',
        'video_hashtags.hashtag',
        (eb) => eb.fn.countAll<number>().as('uses'),
        // PostgreSQL sums bigints as numeric, which arrives as a string: read with Number().
        (eb) => eb.fn.sum<number | string | null>('videos.plays').as('plays'),
        (eb) => eb.fn.count<number>('videos.plays').as('with_plays'),
      ])
      .where('videos.creator_id', 'in', ids)
      .groupBy(['videos.creator_id', 'video_hashtags.hashtag'])
      .execute()
    const videosBy = new Map<string, VideoForMetrics[]>()
    for (const v of videos) {
      if (v.creator_id === null) continue
      const list = videosBy.get(v.creator_id)
      if (list) list.push(v)
      else videosBy.set(v.creator_id, [v])
    }
    const usesBy = new Map<string, Map<string, number>>()
    for (const u of uses) {
      if (u.creator_id === null) continue
      const map = usesBy.get(u.creator_id) ?? new Map<string, number>()
      usesBy.set(u.creator_id, map)
      map.set(u.hashtag, Number(u.uses))
    }
    // Each creator's hashtag uses, materialized for niche membership (metrics.md §4).
    await trx.deleteFrom('creator_hashtags').where('creator_id', 'in', ids).execute()
    const useRows = uses.flatMap((u) =>
      u.creator_id === null
        ? []
        : [
            {
              creator_id: u.creator_id,
              hashtag: u.hashtag,
              uses: Number(u.uses),
              plays: Number(u.plays ?? 0),
              with_plays: Number(u.with_plays),
            },
          ],
    )
    for (const rows of chunks(useRows)) {
      await trx.insertInto('creator_hashtags').values(rows).execute()
    }
    // And the niches they put the creator in, with the bio and nickname words (metrics.md §4).
    await trx.deleteFrom('creator_niches').where('creator_id', 'in', ids).execute()
    const nicheRows = creators.flatMap((c) =>
      nichesOfCreator({
        hashtagUses: usesBy.get(c.id) ?? new Map(),
        bio: c.bio,
        nickname: c.nickname,
      }).map((niche) => ({ niche, creator_id: c.id })),
    )
    for (const rows of chunks(nicheRows)) {
      await trx.insertInto('creator_niches').values(rows).execute()
    }
    for (const c of creators) {
      const metrics = computeCreatorMetrics(
        c.followers,
        videosBy.get(c.id) ?? [],
        usesBy.get(c.id) ?? new Map(),
        c.username,
      )
      await trx.updateTable('creators').set(metrics).where('id', '=', c.id).execute()
    }
  }
}
