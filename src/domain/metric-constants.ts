/** Every tunable value of metrics.md in one place (the defaults the product publishes). */

/** Follower-count bands of metrics.md §2. */
export type Tier = 'nano' | 'micro' | 'mid' | 'macro' | 'mega'

/** Creator grade of metrics.md §2.1; 'N/A' when the sample is too small to judge. */
export type Grade = 'A+' | 'A' | 'B' | 'C' | 'D' | 'F' | 'N/A'

/** Seconds in a day; `span_days` and the trending windows are counted in these. */
export const SECONDS_PER_DAY = 86_400

// §2 — the creator sample

/** How many recent videos form the sample `S` (the HypeAuditor / Modash window). */
export const SAMPLE_SIZE = 30

/** A video is viral at `plays ≥ max(VIRAL_MEDIAN_MULTIPLIER × median_views, VIRAL_MIN_PLAYS)`. */
export const VIRAL_MEDIAN_MULTIPLIER = 3

/** Floor of the viral rule, so a 1,500-view post of a tiny account is not "viral". */
export const VIRAL_MIN_PLAYS = 100_000

/** Lower follower bound (inclusive) of each tier above nano: nano < 10k ≤ micro < 100k ≤ mid … */
export const MICRO_MIN_FOLLOWERS = 10_000
export const MID_MIN_FOLLOWERS = 100_000
export const MACRO_MIN_FOLLOWERS = 500_000
export const MEGA_MIN_FOLLOWERS = 1_000_000

// §2.1 — creator score

/** Views-based benchmark engagement rate (%) per tier, Modash 2025 "average" bands. */
export const TIER_ENGAGEMENT_BENCHMARK: Readonly<Record<Tier, number>> = {
  nano: 12.0,
  micro: 8.5,
  mid: 7.0,
  macro: 6.5,
  mega: 6.5,
}

/** E reaches 1.0 at this multiple of the tier benchmark. */
export const ENGAGEMENT_FULL_MARKS_MULTIPLE = 2

/** R reaches 1.0 when avg_views is this fraction of the followers. */
export const REACH_FULL_MARKS_RATIO = 0.5

/** V reaches 1.0 at this viral_ratio (%). */
export const VIRAL_RATIO_FULL_MARKS = 10

/** C reaches 1.0 at this many posts per week. */
export const POSTS_PER_WEEK_FULL_MARKS = 3

/** Weights of the four score parts; they sum to 1. */
export const SCORE_WEIGHTS = {
  engagement: 0.4,
  reach: 0.25,
  virality: 0.2,
  consistency: 0.15,
} as const

/** Minimum score (inclusive) for each grade, best first; below the last one the grade is F. */
export const GRADE_CUTOFFS: readonly {
  readonly grade: Exclude<Grade, 'F' | 'N/A'>
  readonly min: number
}[] = [
  { grade: 'A+', min: 85 },
  { grade: 'A', min: 70 },
  { grade: 'B', min: 55 },
  { grade: 'C', min: 40 },
  { grade: 'D', min: 25 },
]

/** With fewer videos than this in `S` there is no grade ('N/A') and no score. */
export const MIN_SAMPLE_FOR_GRADE = 3

// §2.2 — sponsorship value

/** CPM (USD per 1,000 views) by primary niche. */
export const NICHE_CPM: Readonly<Record<string, number>> = {
  finance: 18,
  tech: 15,
  fashion: 14,
  beauty: 12,
  education: 12,
  fitness: 10,
  travel: 10,
  food: 8,
  gaming: 8,
}

/** CPM of any niche not listed in NICHE_CPM (and of creators without a primary niche). */
export const DEFAULT_CPM = 10

/** The CPM the $10–$20 range is quoted for; `f = CPM(niche) / SPONSORSHIP_BASE_CPM`. */
export const SPONSORSHIP_BASE_CPM = 10

/** Sponsorship range in USD per 1,000 median views, before the niche factor. */
export const SPONSORSHIP_LOW_PER_1000 = 10
export const SPONSORSHIP_HIGH_PER_1000 = 20

// §3 — videos

/** Duration buckets (seconds): short < 60 ≤ medium ≤ 300 < long, as TikTok search buckets them. */
export const SHORT_VIDEO_MAX_SECONDS = 60
export const MEDIUM_VIDEO_MAX_SECONDS = 300

// §4 — niches

/** A creator belongs to a niche from this share of their classified (video, hashtag) pairs. */
export const NICHE_MIN_SHARE = 0.25

// §5 — trending

/** Hashtags and sounds trend on the tracked videos posted in this many seconds before `now`. */
export const TRENDING_TAG_WINDOW_SECONDS = 7 * SECONDS_PER_DAY

// §7 — campaign planner

/** Share of the budget (percent) offered to each campaign tier, in allocation order. */
export const CAMPAIGN_BUDGET_SHARES: readonly {
  readonly tier: 'macro' | 'mid' | 'micro'
  readonly percent: number
}[] = [
  { tier: 'macro', percent: 40 },
  { tier: 'mid', percent: 35 },
  { tier: 'micro', percent: 25 },
]

/** Creators below this follower count are never campaign candidates. */
export const CAMPAIGN_MIN_FOLLOWERS = 10_000

/** Default `min_engagement_rate` (%) of the campaign planner. */
export const DEFAULT_MIN_ENGAGEMENT_RATE = 3

/** Paid TikTok CPM (USD per 1,000 views) used to price the campaign's media value. */
export const PAID_CPM = 10

// §8 — rising lists and rank tables

/** Rising lists and rank tables compare a period of this many days with the one before it. */
export const RISING_PERIOD_DAYS = { '7d': 7, '30d': 30 } as const

/** Two observations closer than this (seconds) give no velocity: too short to be a trend. */
export const RISING_MIN_SPAN_SECONDS = SECONDS_PER_DAY

/**
 * The smallest base a rising score divides by, per kind: below it growth is measured against
 * the floor, so that a hashtag going from 3 to 40 videos cannot outrank a real movement.
 */
export const RISING_BASE_FLOOR = {
  /** TikTok's video count of a hashtag. */
  hashtag: 1_000,
  /** TikTok's count of videos using a sound. */
  sound: 1_000,
  /** A creator's followers. */
  creator: 10_000,
} as const

// §9 — growth anomalies and projection

/** Iglewicz & Hoaglin's constant: 0.6745 × (x − median) / MAD is a z-score for normal data. */
export const ROBUST_Z_SCALE = 0.6745

/** When MAD is 0, the mean absolute deviation × this stands in for MAD / 0.6745 (≈ √(π/2)). */
export const MEAN_ABSOLUTE_DEVIATION_SCALE = 1.253314

/** A daily rate is flagged when |robust z| exceeds this (Iglewicz & Hoaglin's cut-off). */
export const ANOMALY_Z_THRESHOLD = 3.5

/** Nothing is flagged until the creator's history holds at least this many daily rates. */
export const ANOMALY_MIN_RATES = 7

/** A flagged rate is also at least this many followers a day away from the typical one. */
export const ANOMALY_MIN_DEVIATION_PER_DAY = 100

/** The follower history read for anomalies and the projection: this many days before now. */
export const GROWTH_HISTORY_DAYS = 180

/** How far ahead the projection looks, in days after the newest observation's day. */
export const PROJECTION_HORIZON_DAYS = 30

/** The projection's line is fitted to the daily points of this many days up to the newest. */
export const PROJECTION_WINDOW_DAYS = 90

/** A projection needs at least this many daily points in its window … */
export const PROJECTION_MIN_OBSERVATIONS = 5

/** … spanning at least this many days (newest day − oldest day). */
export const PROJECTION_MIN_SPAN_DAYS = 14

/** The band is the projection ± this many standard errors of prediction (about 95 %). */
export const PROJECTION_BAND_MULTIPLE = 2
