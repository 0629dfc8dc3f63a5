/** A stored creator as the API's `Creator` (spec schema plus the metric details of metrics.md §2). */
import type { Selectable } from 'kysely'
import type { CreatorTable } from '../db/schema.js'
import { sponsorshipLabel } from '../domain/sponsorship.js'
import { isoTime } from './iso-time.js'
import { provenanceView } from './provenance-view.js'

export type CreatorRecord = Selectable<CreatorTable>

export function creatorView(c: CreatorRecord, publicBaseUrl: string) {
  const username = c.username ?? c.id
  return {
    id: c.id,
    username,
    display_name: c.nickname,
    verified: c.verified === 1,
    followers: c.followers,
    following: c.following,
    total_likes: c.total_likes,
    video_count: c.video_count,
    bio: c.bio,
    region: c.region,
    avatar_url: c.avatar_url,
    metrics: {
      engagement_rate: c.engagement_rate,
      creator_score: c.grade,
      viral_ratio: c.viral_ratio,
      posts_per_week: c.posts_per_week,
      avg_views: c.avg_views,
      avg_likes: c.avg_likes,
      avg_comments: c.avg_comments,
      avg_shares: c.avg_shares,
      avg_saves: c.avg_saves,
      estimated_sponsorship_value:
        c.sponsorship_low === null || c.sponsorship_high === null
          ? null
          : sponsorshipLabel(c.sponsorship_low, c.sponsorship_high),
      score: c.score,
      score_parts: {
        engagement: c.score_engagement,
        reach: c.score_reach,
        virality: c.score_virality,
        consistency: c.score_consistency,
      },
      tier: c.tier,
      sample_size: c.sample_size,
      median_views: c.median_views,
      engagement_rate_followers: c.engagement_rate_followers,
      primary_niche: c.primary_niche,
      sponsorship_value_low: c.sponsorship_low,
      sponsorship_value_high: c.sponsorship_high,
    },
    tracked_videos: c.tracked_video_count,
    // metrics.md §11, over the sample S.
    sponsored: {
      share: c.sponsored_share,
      sponsored_engagement_rate: c.sponsored_engagement_rate,
      organic_engagement_rate: c.organic_engagement_rate,
      brands: JSON.parse(c.sponsored_brands) as Array<{ handle: string; videos: number }>,
    },
    profile_url: `${publicBaseUrl}/creators/${encodeURIComponent(username)}`,
    tiktok_url: `https://www.tiktok.com/@${encodeURIComponent(username)}`,
    last_updated: isoTime(c.last_updated),
    provenance: provenanceView(c),
  }
}

export type CreatorView = ReturnType<typeof creatorView>
