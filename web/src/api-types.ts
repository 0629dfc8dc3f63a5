/** The fields of the API's answers that the pages show (the contract: GET /api/v1/openapi.json). */

export type Grade = 'A+' | 'A' | 'B' | 'C' | 'D' | 'F' | 'N/A'
export type Tier = 'nano' | 'micro' | 'mid' | 'macro' | 'mega'

/**
 * Metrics v2 (metrics.md §2): a metric without evidence is null, never 0 — a creator seen only
 * through pinned videos has no engagement rate, not a 0 % one. `sample_size` says how many
 * videos the metrics rest on.
 */
export interface ScoreParts {
  engagement: number | null
  reach: number | null
  virality: number | null
  consistency: number | null
}

export interface CreatorMetrics {
  engagement_rate: number | null
  creator_score: Grade
  viral_ratio: number | null
  posts_per_week: number | null
  avg_views: number | null
  avg_likes: number | null
  avg_comments: number | null
  avg_shares: number | null
  avg_saves: number | null
  /** "$1,200 - $2,400" (whole dollars); null without a median. */
  estimated_sponsorship_value: string | null
  score: number | null
  score_parts: ScoreParts | null
  tier: Tier | null
  /** Videos the metrics rest on (the recent, unpinned sample); always present. */
  sample_size: number
  median_views: number | null
  engagement_rate_followers: number | null
  primary_niche: string | null
  sponsorship_value_low: number | null
  sponsorship_value_high: number | null
}

export interface Creator {
  id: string
  username: string
  display_name: string | null
  verified: boolean
  followers: number | null
  following: number | null
  total_likes: number | null
  video_count: number | null
  bio: string | null
  region: string | null
  metrics: CreatorMetrics
  tracked_videos: number
  profile_url: string
  tiktok_url: string
  last_updated: string | null
}

export interface CreatorRef {
  username: string
  display_name: string | null
  verified: boolean
  followers: number | null
  profile_url: string
}

export interface Video {
  video_id: string
  description: string | null
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  saves: number | null
  duration: number | null
  engagement_rate: number | null
  hashtags: string[]
  music_title: string | null
  music_id: string | null
  content_type: string
  is_pinned: boolean
  posted_at: string | null
  video_url: string
  is_viral: boolean | null
  performance_vs_average: number | null
  /** On lists that span creators (trending, hashtag and sound pages). */
  creator?: CreatorRef
}

export interface Growth {
  from: string
  to: string
  start_value: number
  end_value: number
  change: number
  change_percent: number | null
}

export interface WeekdaySlot {
  weekday: string
  posts: number
  avg_views: number | null
}

export interface HourSlot {
  hour: number
  posts: number
  avg_views: number | null
}

export interface PostingSchedule {
  posts_analyzed: number
  min_posts: number
  by_weekday: WeekdaySlot[]
  by_hour: HourSlot[]
  /** Posts per weekday (7 rows, Monday first) × hour (24 columns, hour 0 first), UTC. */
  posts_by_weekday_hour: number[][]
  best_weekday: WeekdaySlot | null
  best_hour: HourSlot | null
}

export interface HashtagUse {
  hashtag: string
  uses: number
  avg_views: number | null
}

/** A counter value contributors reported that is not corroborated (metrics.md §1.1). */
export interface DisputedValue {
  field: 'followers' | 'plays'
  value: number
  observed_at: string
  sources: number
  reports: number
  reason: 'implausible_jump' | 'implausible_drop'
}

export interface CreatorAnalytics extends Creator {
  sample: {
    sample_size: number
    newest_posted_at: string | null
    oldest_posted_at: string | null
    viral_threshold: number | null
    viral_videos: number
  }
  recent_videos: Video[]
  top_hashtags: HashtagUse[]
  posting_schedule: PostingSchedule
  follower_growth: { last_7_days: Growth | null; last_30_days: Growth | null }
  disputed: DisputedValue[]
}

export interface SoundUse {
  sound_id: string
  title: string | null
  author: string | null
  original: boolean | null
  uses: number
  avg_views: number | null
}

export interface CreatorTopContent {
  videos_analyzed: number
  top_by_views: Video[]
  top_by_engagement: Video[]
  hashtags: HashtagUse[]
  sounds: SoundUse[]
  posting_schedule: PostingSchedule
}

export interface CreatorHistory {
  snapshots: Array<{ observed_at: string; followers: number | null; total_likes: number | null }>
  views: Array<{ date: string; observed_at: string; tracked_views: number; tracked_videos: number }>
  growth: { followers: Growth | null; views: Growth | null }
  truncated: boolean
}

export interface VideoSnapshot {
  observed_at: string
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  saves: number | null
}

export interface VideoDetails extends Omit<Video, 'creator'> {
  disputed: DisputedValue[]
  reposts: number | null
  region: string | null
  is_ad: boolean | null
  first_seen_at: string | null
  duration_bucket: string | null
  like_rate: number | null
  comment_rate: number | null
  share_rate: number | null
  save_rate: number | null
  music: {
    id: string
    title: string | null
    author: string | null
    original: boolean | null
  } | null
  creator: {
    profile: Creator
    avg_views: number | null
    median_views: number | null
    engagement_rate: number | null
    views_vs_average: number | null
    views_vs_median: number | null
    engagement_rate_difference: number | null
  }
  history: VideoSnapshot[]
  growth: {
    days: number
    plays: { absolute: number; percent: number | null; per_day: number } | null
  } | null
}

export interface Trend {
  window_days: number
  recent_video_count: number
  recent_views: number
  is_trending: boolean
}

export interface Hashtag {
  name: string
  description: string | null
  video_count: number | null
  view_count: number | null
  counts_source: string
  tracked_video_count: number
  tracked_views: number
  tiktok_url: string
  rank?: number
  trend: Trend
}

export interface HashtagDetails extends Hashtag {
  top_videos: Video[]
  top_creators: Array<Creator & { uses: number }>
}

export interface Sound {
  id: string
  title: string | null
  author: string | null
  original: boolean | null
  duration: number | null
  album: string | null
  user_count: number | null
  counts_source: string
  tracked_video_count: number
  tracked_views: number
  tiktok_url: string
  first_seen_at: string | null
  rank?: number
  trend: Trend
}

export interface SoundDetails extends Sound {
  top_videos: Video[]
  top_creators: Array<Creator & { uses: number }>
}

export interface PlatformStats {
  total_creators: number
  total_videos: number
  total_views: number
  total_hashtags: number
  total_sounds: number
  total_captures: number
  contributors: number
  newest_observation_at: string | null
  videos_posted_last_24h: number
  videos_posted_last_7d: number
  demo: { creators: number } | null
}

export interface Quartiles {
  mean: number
  min: number
  q1: number
  median: number
  q3: number
  max: number
}

export interface FormatRow {
  videos: number
  share: number
  engagement_rate: number | null
  avg_views: number | null
}

export interface NicheReport {
  niche: string
  taxonomy_niche: string | null
  keywords: string[]
  min_followers: number
  max_followers: number | null
  creators_analyzed: number
  /** Over the creators with a known engagement rate; null when none has one. */
  engagement_rate: Quartiles | null
  median_followers: number | null
  follower_distribution: Record<Tier, { creators: number; share: number }>
  grade_distribution: Record<Grade, number>
  avg_posts_per_week: number | null
  top_creators: Creator[]
  trending_hashtags: Array<{
    hashtag: string
    recent_videos: number
    recent_views: number
    is_niche_keyword: boolean
  }>
  content_formats: {
    duration: Array<FormatRow & { bucket: string }>
    content_type: Array<FormatRow & { content_type: string }>
  }
  data_as_of: string
}

export interface RosterCreator {
  username: string
  display_name: string | null
  /** The creator's own tier (as on the creator page); older servers leave it out. */
  tier?: Tier
  followers: number
  engagement_rate: number | null
  grade: Grade
  cost: number
  estimated_reach: number
  estimated_engagements: number
  profile_url: string
  tiktok_url: string
}

/** The planner's budget groups (macro includes mega creators). */
export type CampaignTier = 'macro' | 'mid' | 'micro'

export interface RosterTier {
  /** "macro (incl. mega)", "mid", "micro"; older servers leave it out. */
  label?: string
  budget_share: number
  budget: number
  spent: number
  creators: RosterCreator[]
}

/** Who qualified for the plan, who did not and why budget is left (metrics.md §7.1). */
export interface CampaignExplanation {
  niche_members: number
  qualified: number
  excluded: {
    not_graded: number
    below_min_engagement_rate: number
    below_min_followers: number
    other_region: number
  }
  /** USD, every qualified creator together. */
  qualified_cost: number
  /** Null when nothing is left unallocated. */
  unallocated_reason: string | null
}

export interface CampaignPlan {
  inputs: {
    budget: number
    niche: string
    min_engagement_rate: number
    region: string | null
  }
  roster: Partial<Record<CampaignTier, RosterTier>>
  totals: {
    creators: number
    cost: number
    reach: number
    engagements: number
    cpm: number | null
    cost_per_engagement: number | null
    estimated_media_value: number
    roi: number | null
  }
  unallocated: number
  candidates_considered: number
  /** Older servers leave it out. */
  explanation?: CampaignExplanation
}

export interface Comparison {
  requested: string[]
  creators: Array<Creator & { content: { sample_videos: number; top_hashtags: HashtagUse[] } }>
  leaders: Record<string, { value: number | null; usernames: string[] }>
  not_found: string[]
}
