/** Row types of every table, written once for SQLite and PostgreSQL (Kysely's `DB` interface). */
import type { Generated } from 'kysely'

/** One further data point of a video, as stored in `videos.details` (flattened scalars, lists). */
export type DetailValue = string | number | boolean | null | string[]

/** 0/1: booleans are stored as integers so both databases read them the same way. */
export type Flag = number

export interface CreatorIdentityColumns {
  id: string
  username: string | null
  username_lower: string | null
  sec_uid: string | null
  nickname: string | null
  bio: string | null
  verified: Flag | null
  region: string | null
  avatar_url: string | null
  private_account: Flag | null
  followers: number | null
  following: number | null
  total_likes: number | null
  video_count: number | null
  /** Newest observation of the counters by a profile payload (null: only seen embedded). */
  profile_observed_at: number | null
  /** Newest observation of the identity fields (username, nickname, bio…). */
  identity_observed_at: number
  first_seen_at: number
  last_updated: number
  is_demo: Flag
}

/** Columns derived from the identity for search (not merged: recomputed on every write). */
export interface CreatorSearchColumns {
  /** Lower-cased "username\nnickname\nbio": substring search. */
  search_text: string
  /** " word word … " of nickname and bio: whole-word match as LIKE '% word %'. */
  words: string
}

/** Materialized metrics (metrics.md §2), refreshed when a batch touches the creator. */
export interface CreatorMetricColumns {
  sample_size: number
  /** Null without evidence (metrics.md §2, v2), like every metric column below that allows it. */
  avg_views: number | null
  avg_likes: number | null
  avg_comments: number | null
  avg_shares: number | null
  avg_saves: number | null
  median_views: number | null
  engagement_rate: number | null
  engagement_rate_followers: number | null
  viral_ratio: number | null
  posts_per_week: number | null
  tier: string
  score: number | null
  grade: string
  score_engagement: number | null
  score_reach: number | null
  score_virality: number | null
  score_consistency: number | null
  primary_niche: string | null
  sponsorship_low: number | null
  sponsorship_high: number | null
  /** Sponsored content over S (metrics.md §11); brands: JSON `[{handle, videos}]`. */
  sponsored_share: number | null
  sponsored_engagement_rate: number | null
  organic_engagement_rate: number | null
  sponsored_brands: string
  tracked_video_count: number
  last_posted_at: number | null
  /** (video, hashtag) pairs whose hashtag is in a taxonomy niche's set (metrics.md §4 share). */
  classified_tag_uses: number
}

/** Metric columns have defaults, so a new creator is inserted with its identity alone. */
export type CreatorTable = CreatorIdentityColumns & {
  [K in keyof CreatorSearchColumns]: Generated<CreatorSearchColumns[K]>
} & {
  [K in keyof CreatorMetricColumns]: Generated<CreatorMetricColumns[K]>
} & { [K in keyof ProvenanceColumns]: Generated<ProvenanceColumns[K]> }

export type CreatorRow = CreatorIdentityColumns & CreatorSearchColumns & CreatorMetricColumns

/**
 * Provenance of the served counters (metrics.md §1.2, migration 025), on creators and videos;
 * rows written elsewhere (tests) may omit them.
 */
export interface ProvenanceColumns {
  /** 1 when the served followers / plays came from statsV2 (exact), 0 from rounded ints. */
  counts_exact: Flag | null
  /** When the observation the served followers / plays come from was made. */
  counts_observed_at: number | null
  /** Distinct contributors with accepted observations; null when not recorded (older rows). */
  contributors: number | null
}

export interface VideoRow {
  id: string
  creator_id: string | null
  description: string
  /** Lower-cased description for portable LIKE search. */
  search_text: string
  posted_at: number | null
  duration: number | null
  content_type: string
  is_pinned: Flag
  is_ad: Flag
  music_id: string | null
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  saves: number | null
  reposts: number | null
  region: string | null
  /** JSON object of further data points: `Record<string, DetailValue>` (parsed.ts `details`). */
  details: string
  /** metrics.md §11: 1 / 0 / null (unknown), and the JSON list of its evidence. */
  sponsored: Flag | null
  sponsored_evidence: string
  observed_at: number
  first_seen_at: number
  is_demo: Flag
}

/** The sponsored columns have defaults (migration 024), so rows written elsewhere may omit them. */
export type VideoTable = Omit<VideoRow, 'sponsored' | 'sponsored_evidence'> & {
  sponsored: Generated<Flag | null>
  sponsored_evidence: Generated<string>
  counts_exact: Generated<Flag | null>
  counts_observed_at: Generated<number | null>
  contributors: Generated<number | null>
}

export interface VideoHashtagRow {
  video_id: string
  hashtag: string
  position: number
}

export interface HashtagRow {
  name: string
  tiktok_id: string | null
  description: string | null
  tiktok_video_count: number | null
  tiktok_view_count: number | null
  tiktok_observed_at: number | null
  tracked_video_count: number
  tracked_views: number
  first_seen_at: number
  is_demo: Flag
}

export interface SoundRow {
  id: string
  title: string | null
  title_lower: string | null
  author_name: string | null
  original: Flag | null
  duration: number | null
  album: string | null
  tiktok_user_count: number | null
  observed_at: number
  tracked_video_count: number
  tracked_views: number
  first_seen_at: number
  is_demo: Flag
}

export interface CreatorSnapshotRow {
  creator_id: string
  observed_at: number
  followers: number | null
  following: number | null
  total_likes: number | null
  video_count: number | null
}

export interface VideoSnapshotRow {
  video_id: string
  observed_at: number
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  saves: number | null
  reposts: number | null
}

export interface CaptureRow {
  id: Generated<number>
  /** SHA-256 of the sanitised URL and scrubbed body: the idempotency key. */
  content_hash: string
  /** The request URL with only whitelisted query parameters. */
  url: string
  kind: string
  observed_at: number
  received_at: number
  /** Brotli-compressed scrubbed JSON body, kept for `toklytics reprocess`. */
  body: Uint8Array
  parser_version: number
  status: string
  drop_reason: string | null
  /**
   * Who sent it, without keeping any secret: a contributor's id (`contributors.id`), 'static'
   * for TOKLYTICS_INGEST_TOKEN, 'cli-import' or 'demo'.
   */
  contributor: string | null
  collector: string | null
  is_demo: Flag
  /** When a worker processed it (epoch seconds); null for synchronous ingestion and while queued. */
  processed_at: number | null
  /** The worker that processed it (`host:pid`); null for synchronous ingestion. */
  processed_by: string | null
  /** Times its processing committed: 0 while queued, then 1 — never more (exactly once). */
  process_count: Generated<number>
}

export interface CreatorHashtagRow {
  creator_id: string
  hashtag: string
  /** The creator's tracked videos carrying the tag. */
  uses: number
  /** Σ plays of those videos, and how many of them have known plays. */
  plays: number
  with_plays: number
}

/** A creator in a taxonomy niche (metrics.md §4), kept by refreshCreatorMetrics. */
export interface CreatorNicheRow {
  niche: string
  creator_id: string
}

export interface CreatorTermRow {
  creator_id: string
  term: string
  /** 1 for a word of the nickname or bio, 0 for the username and its words. */
  in_text: number
}

/** One row (id 1): bumped by every writing transaction (see db/data-version.ts). */
export interface DataVersionRow {
  id: number
  version: number
}

/** An API key (see src/access/api-key.ts); epoch seconds. */
export interface ApiKeyRow {
  id: string
  name: string
  tier: string
  /** SHA-256 (hex) of the whole key; the key itself is never stored. */
  key_hash: string
  created_at: number
  last_used_at: number | null
  revoked_at: number | null
}

/** A contributor token for ingestion (see src/access/contributor-token.ts); epoch seconds. */
export interface ContributorRow {
  id: string
  name: string
  /** SHA-256 (hex) of the whole token; the token itself is never stored. */
  token_hash: string
  created_at: number
  revoked_at: number | null
  last_seen_at: number | null
  /** Captures this contributor sent that were stored (not duplicates), ever. */
  captures_accepted: number
}

/** An observation set aside by the plausibility rules (src/ingest/plausibility.ts). */
export interface ImplausibleObservationRow {
  id: Generated<number>
  capture_hash: string
  entity: string
  entity_id: string
  observed_at: number
  reason: string
  field: string
  detail: string
  /** Disputes (metrics.md §1.1): who sent the value, the value, and how it was resolved. */
  contributor: string | null
  value: number | null
  /** null while pending; 'confirmed' or 'rejected'. */
  resolution: string | null
  resolved_at: number | null
}

/**
 * A distinct contributor with an accepted observation of a creator or video (metrics.md §1.2).
 * `contributor` is captures.contributor (an internal id, 'static', 'cli-import', 'demo'); it is
 * never served, only counted.
 */
export interface EntityContributorRow {
  entity: 'creator' | 'video'
  entity_id: string
  contributor: string
}

/** The last corroborated value of a judged counter (metrics.md §1.1). */
export interface CounterAnchorRow {
  entity: string
  entity_id: string
  field: string
  value: number
  observed_at: number
  contributor: string | null
}

/** The operator's verdict on a disputed observation (`toklytics disputes accept|reject`). */
export interface DisputeVerdictRow {
  capture_hash: string
  entity: string
  entity_id: string
  field: string
  /** 'accept' (the value is right: current and anchor) or 'reject' (never applied). */
  verdict: string
  decided_at: number
}

/** A contributor's corroborated observations: its trust (metrics.md §1.1). */
export interface ContributorTrustRow {
  contributor: string
  corroborated: number
}

/** The version of derived data (metrics, niches) the stored rows were computed with. */
export interface DerivedStateRow {
  name: string
  version: number
}

/**
 * One hour of a hashtag's (or sound's) tracked videos by `posted_at`: how many, and their summed
 * plays (unknown as 0). Kept by delta at write time so "the last 7 days" is a sum of buckets.
 */
export interface HashtagHourRow {
  hashtag: string
  /** floor(posted_at / 3600). */
  hour: number
  videos: number
  plays: number
}

/** The same buckets per sound (`videos.music_id`). */
export interface SoundHourRow {
  sound_id: string
  /** floor(posted_at / 3600). */
  hour: number
  videos: number
  plays: number
}

/** TikTok's own totals of a hashtag as one observation saw them (migration 020, metrics.md §8). */
export interface HashtagSnapshotRow {
  hashtag: string
  observed_at: number
  video_count: number | null
  view_count: number | null
}

/** TikTok's count of videos using a sound as one observation saw it (migration 020). */
export interface SoundSnapshotRow {
  sound_id: string
  observed_at: number
  user_count: number
}

/** What one data version changed: a JSON array of change keys (change-keys.ts), or "*". */
export interface DataChangeRow {
  version: number
  entities: string
}

/** A named list of watched entities (migration 022). */
export interface WatchlistRow {
  id: string
  owner_key_id: string
  name: string
  created_at: number
  updated_at: number
}

export interface WatchlistItemRow {
  watchlist_id: string
  kind: string
  ref: string
  entity_id: string | null
  added_at: number
}

export interface AlertRuleRow {
  id: string
  watchlist_id: string
  kind: string
  /** JSON object of the rule's parameters. */
  params: string
  webhook_id: string | null
  enabled: Generated<number>
  created_at: number
}

/** An erased or opted-out creator: ingestion drops everything about this TikTok user id. */
export interface CreatorTombstoneRow {
  tiktok_id: string
  username: string | null
  sec_uid: string | null
  reason: string | null
  /** Epoch seconds. */
  erased_at: number
}

export interface AlertRow {
  id: Generated<number>
  rule_id: string
  watchlist_id: string
  owner_key_id: string
  item_kind: string
  item_ref: string
  kind: string
  event_key: string
  message: string
  /** JSON object: the numbers behind the alert. */
  details: string
  fired_at: number
}

export interface AlertCursorRow {
  id: number
  version: number
}

/** A webhook endpoint (migration 021); times in epoch milliseconds. */
export interface WebhookEndpointRow {
  id: string
  owner_key_id: string
  url: string
  description: string | null
  secret: string
  enabled: Generated<number>
  disabled_reason: string | null
  consecutive_failures: Generated<number>
  created_at: number
  updated_at: number
}

/** One event for one endpoint (migration 021); times in epoch milliseconds. */
export interface WebhookDeliveryRow {
  id: string
  endpoint_id: string
  event: string
  /** The JSON body, exactly as sent. */
  payload: string
  created_at: number
  attempts: Generated<number>
  next_attempt_at: number | null
  /** pending, delivered or failed. */
  status: string
  last_attempt_at: number | null
  last_status_code: number | null
  last_error: string | null
  delivered_at: number | null
}

export interface DB {
  creators: CreatorTable
  derived_state: DerivedStateRow
  creator_hashtags: CreatorHashtagRow
  creator_terms: CreatorTermRow
  creator_niches: CreatorNicheRow
  videos: VideoTable
  video_hashtags: VideoHashtagRow
  hashtags: HashtagRow
  sounds: SoundRow
  hashtag_hours: HashtagHourRow
  sound_hours: SoundHourRow
  hashtag_snapshots: HashtagSnapshotRow
  sound_snapshots: SoundSnapshotRow
  creator_snapshots: CreatorSnapshotRow
  video_snapshots: VideoSnapshotRow
  captures: CaptureRow
  api_keys: ApiKeyRow
  data_version: DataVersionRow
  data_changes: DataChangeRow
  contributors: ContributorRow
  implausible_observations: ImplausibleObservationRow
  counter_anchors: CounterAnchorRow
  entity_contributors: EntityContributorRow
  contributor_trust: ContributorTrustRow
  dispute_verdicts: DisputeVerdictRow
  watchlists: WatchlistRow
  watchlist_items: WatchlistItemRow
  alert_rules: AlertRuleRow
  alerts: AlertRow
  alert_cursor: AlertCursorRow
  webhook_endpoints: WebhookEndpointRow
  webhook_deliveries: WebhookDeliveryRow
  creator_tombstones: CreatorTombstoneRow
}
