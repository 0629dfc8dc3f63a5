/**
 * Merges observations into an entity's current values (DESIGN.md rule 5): per field, the newest
 * known value wins, whatever order observations arrive in; an unknown (null) never erases a known
 * value. Pure: the stored row and the batch's observations in, the row to write out.
 */
import type {
  CreatorIdentityColumns,
  CreatorSnapshotRow,
  DetailValue,
  HashtagRow,
  ProvenanceColumns,
  SoundRow,
  VideoRow,
  VideoSnapshotRow,
} from '../db/schema.js'
import type { Observation } from './normalize.js'
import type { ParsedCreator, ParsedHashtag, ParsedSound, ParsedVideo } from './parsed.js'
import { sponsoredColumns } from './sponsored-columns.js'

/** The newer of two observations wins when it knows the value; otherwise the older fills it. */
function pick<T>(
  current: T | null,
  currentAt: number,
  incoming: T | null,
  incomingAt: number,
): T | null {
  return incomingAt >= currentAt ? (incoming ?? current) : (current ?? incoming)
}

const flag = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0)

/**
 * The provenance of the served counter (metrics.md §1.2) follows the observation its value comes
 * from, by the rule of `pick`: the newer observation when it knows the counter, else the older
 * one while the stored counter is still unknown. Call before the counter itself moves.
 */
function pickProvenance(
  row: ProvenanceColumns,
  counter: number | null,
  currentAt: number,
  incoming: { counter: number | null; exact: boolean | null },
  incomingAt: number,
): void {
  if (incoming.counter === null) return
  if (incomingAt >= currentAt || counter === null) {
    row.counts_exact = flag(incoming.exact)
    row.counts_observed_at = incomingAt
  }
}

/**
 * Oldest first. Observations of the same second are ordered by their content, not by arrival, so
 * that which of them wins does not depend on the order they came in.
 */
function byTime<T>(list: readonly Observation<T>[]): Observation<T>[] {
  const texts = new Map<Observation<T>, string>()
  const text = (o: Observation<T>): string => {
    let t = texts.get(o)
    if (t === undefined) {
      t = JSON.stringify(o.value)
      texts.set(o, t)
    }
    return t
  }
  return [...list].sort((a, b) => {
    if (a.at !== b.at) return a.at - b.at
    const ta = text(a)
    const tb = text(b)
    return ta < tb ? -1 : ta > tb ? 1 : 0
  })
}

/** A demo row stays demo only while nothing but demo captures has touched it. */
const demoFlag = (existing: number | undefined, batchIsDemo: boolean): number =>
  existing === undefined ? (batchIsDemo ? 1 : 0) : existing === 1 && batchIsDemo ? 1 : 0

export type CreatorFields = CreatorIdentityColumns & ProvenanceColumns

/**
 * Counters come from profile payloads (exact); a video's embedded author block is rounded by
 * TikTok, so its counters only stand in while no profile was ever observed. Only profile
 * observations become follower snapshots, so growth is never computed from rounded numbers.
 */
export function mergeCreator(
  existing: CreatorFields | undefined,
  observations: readonly Observation<ParsedCreator>[],
  batchIsDemo: boolean,
): { row: CreatorFields; snapshots: CreatorSnapshotRow[] } {
  const first = observations[0]
  if (!first) throw new Error('mergeCreator needs at least one observation')
  const row: CreatorFields = existing
    ? { ...existing }
    : {
        id: first.value.id,
        username: null,
        username_lower: null,
        sec_uid: null,
        nickname: null,
        bio: null,
        verified: null,
        region: null,
        avatar_url: null,
        private_account: null,
        followers: null,
        following: null,
        total_likes: null,
        video_count: null,
        counts_exact: null,
        counts_observed_at: null,
        // Counted by the writer (write-entities.ts) from the contributors it records.
        contributors: 0,
        profile_observed_at: null,
        identity_observed_at: Number.NEGATIVE_INFINITY,
        first_seen_at: first.at,
        last_updated: first.at,
        is_demo: 0,
      }
  const snapshots: CreatorSnapshotRow[] = []
  for (const { value: c, at } of byTime(observations)) {
    const t = row.identity_observed_at
    row.username = pick(row.username, t, c.username, at)
    row.sec_uid = pick(row.sec_uid, t, c.secUid, at)
    row.nickname = pick(row.nickname, t, c.nickname, at)
    row.bio = pick(row.bio, t, c.bio, at)
    row.verified = pick(row.verified, t, flag(c.verified), at)
    row.region = pick(row.region, t, c.region, at)
    row.avatar_url = pick(row.avatar_url, t, c.avatarUrl, at)
    row.private_account = pick(row.private_account, t, flag(c.privateAccount), at)
    row.identity_observed_at = Math.max(t, at)

    if (c.source === 'profile') {
      // Before the first profile observation, embedded counters count as infinitely old.
      const p = row.profile_observed_at ?? Number.NEGATIVE_INFINITY
      pickProvenance(row, row.followers, p, { counter: c.followers, exact: c.countsExact }, at)
      row.followers = pick(row.followers, p, c.followers, at)
      row.following = pick(row.following, p, c.following, at)
      row.total_likes = pick(row.total_likes, p, c.totalLikes, at)
      row.video_count = pick(row.video_count, p, c.videoCount, at)
      row.profile_observed_at = Math.max(p, at)
      snapshots.push({
        creator_id: row.id,
        observed_at: at,
        followers: c.followers,
        following: c.following,
        total_likes: c.totalLikes,
        video_count: c.videoCount,
      })
    } else if (row.profile_observed_at === null) {
      pickProvenance(row, row.followers, t, { counter: c.followers, exact: c.countsExact }, at)
      row.followers = pick(row.followers, t, c.followers, at)
      row.following = pick(row.following, t, c.following, at)
      row.total_likes = pick(row.total_likes, t, c.totalLikes, at)
      row.video_count = pick(row.video_count, t, c.videoCount, at)
    }
    row.first_seen_at = Math.min(row.first_seen_at, at)
    row.last_updated = Math.max(row.last_updated, at)
  }
  row.username_lower = row.username?.toLowerCase() ?? null
  row.is_demo = demoFlag(existing?.is_demo, batchIsDemo)
  return { row, snapshots }
}

export type VideoFields = VideoRow & ProvenanceColumns

/** A video's hashtags only grow: a challenge list can tag a video its own payload did not. */
export function mergeVideo(
  existing: VideoFields | undefined,
  existingTags: readonly string[],
  observations: readonly Observation<ParsedVideo>[],
  batchIsDemo: boolean,
): { row: VideoFields; hashtags: string[]; snapshots: VideoSnapshotRow[] } {
  const first = observations[0]
  if (!first) throw new Error('mergeVideo needs at least one observation')
  const row: VideoFields = existing
    ? { ...existing }
    : {
        id: first.value.id,
        creator_id: null,
        description: '',
        search_text: '',
        posted_at: null,
        duration: null,
        content_type: 'video',
        is_pinned: 0,
        is_ad: 0,
        music_id: null,
        plays: null,
        likes: null,
        comments: null,
        shares: null,
        saves: null,
        reposts: null,
        counts_exact: null,
        counts_observed_at: null,
        contributors: 0,
        region: null,
        details: '{}',
        sponsored: null,
        sponsored_evidence: '[]',
        observed_at: Number.NEGATIVE_INFINITY,
        first_seen_at: first.at,
        is_demo: 0,
      }
  const hashtags = [...existingTags]
  const snapshots: VideoSnapshotRow[] = []
  let details = JSON.parse(row.details) as Record<string, unknown>
  for (const { value: v, at } of byTime(observations)) {
    const t = row.observed_at
    const newer = at >= t
    row.creator_id = pick(row.creator_id, t, v.creatorId, at)
    if (newer || row.description === '') row.description = v.description || row.description
    row.posted_at = pick(row.posted_at, t, v.postedAt, at)
    row.duration = pick(row.duration, t, v.durationSec, at)
    if (newer) {
      row.content_type = v.contentType
      row.is_pinned = v.isPinned ? 1 : 0
      row.is_ad = v.isAd ? 1 : 0
    }
    row.music_id = pick(row.music_id, t, v.musicId, at)
    pickProvenance(row, row.plays, t, { counter: v.plays, exact: v.countsExact }, at)
    row.plays = pick(row.plays, t, v.plays, at)
    row.likes = pick(row.likes, t, v.likes, at)
    row.comments = pick(row.comments, t, v.comments, at)
    row.shares = pick(row.shares, t, v.shares, at)
    row.saves = pick(row.saves, t, v.saves, at)
    row.reposts = pick(row.reposts, t, v.reposts, at)
    row.region = pick(row.region, t, v.region, at)
    details = newer ? { ...details, ...v.details } : { ...v.details, ...details }
    for (const tag of v.hashtags) if (!hashtags.includes(tag)) hashtags.push(tag)
    row.observed_at = Math.max(t, at)
    row.first_seen_at = Math.min(row.first_seen_at, at)
    if (v.plays !== null) {
      snapshots.push({
        video_id: row.id,
        observed_at: at,
        plays: v.plays,
        likes: v.likes,
        comments: v.comments,
        shares: v.shares,
        saves: v.saves,
        reposts: v.reposts,
      })
    }
  }
  row.details = JSON.stringify(details)
  row.search_text = row.description.toLowerCase()
  Object.assign(row, sponsoredColumns(details as Record<string, DetailValue>, row.description))
  row.is_demo = demoFlag(existing?.is_demo, batchIsDemo)
  return { row, hashtags, snapshots }
}

export type HashtagFields = Omit<HashtagRow, 'tracked_video_count' | 'tracked_views'>

/** TikTok's own totals (challenge detail) follow the newest detail observation. */
export function mergeHashtag(
  existing: HashtagFields | undefined,
  observations: readonly Observation<ParsedHashtag>[],
  batchIsDemo: boolean,
): HashtagFields {
  const first = observations[0]
  if (!first) throw new Error('mergeHashtag needs at least one observation')
  const row: HashtagFields = existing
    ? { ...existing }
    : {
        name: first.value.name,
        tiktok_id: null,
        description: null,
        tiktok_video_count: null,
        tiktok_view_count: null,
        tiktok_observed_at: null,
        first_seen_at: first.at,
        is_demo: 0,
      }
  for (const { value: h, at } of byTime(observations)) {
    row.tiktok_id ??= h.id
    if (h.description) row.description = h.description
    if (h.videoCount !== null || h.viewCount !== null) {
      const t = row.tiktok_observed_at ?? Number.NEGATIVE_INFINITY
      row.tiktok_video_count = pick(row.tiktok_video_count, t, h.videoCount, at)
      row.tiktok_view_count = pick(row.tiktok_view_count, t, h.viewCount, at)
      row.tiktok_observed_at = Math.max(t, at)
    }
    row.first_seen_at = Math.min(row.first_seen_at, at)
  }
  row.is_demo = demoFlag(existing?.is_demo, batchIsDemo)
  return row
}

export type SoundFields = Omit<SoundRow, 'tracked_video_count' | 'tracked_views'>

export function mergeSound(
  existing: SoundFields | undefined,
  observations: readonly Observation<ParsedSound>[],
  batchIsDemo: boolean,
): SoundFields {
  const first = observations[0]
  if (!first) throw new Error('mergeSound needs at least one observation')
  const row: SoundFields = existing
    ? { ...existing }
    : {
        id: first.value.id,
        title: null,
        title_lower: null,
        author_name: null,
        original: null,
        duration: null,
        album: null,
        tiktok_user_count: null,
        observed_at: Number.NEGATIVE_INFINITY,
        first_seen_at: first.at,
        is_demo: 0,
      }
  for (const { value: s, at } of byTime(observations)) {
    const t = row.observed_at
    row.title = pick(row.title, t, s.title, at)
    row.author_name = pick(row.author_name, t, s.authorName, at)
    row.original = pick(row.original, t, flag(s.original), at)
    row.duration = pick(row.duration, t, s.durationSec, at)
    row.album = pick(row.album, t, s.album, at)
    row.tiktok_user_count = pick(row.tiktok_user_count, t, s.userCount, at)
    row.observed_at = Math.max(t, at)
    row.first_seen_at = Math.min(row.first_seen_at, at)
  }
  row.title_lower = row.title?.toLowerCase() ?? null
  row.is_demo = demoFlag(existing?.is_demo, batchIsDemo)
  return row
}
