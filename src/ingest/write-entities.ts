/** The write step: read the current rows of a normalized batch, merge, upsert (caller's transaction). */
import type { Kysely } from 'kysely'
import {
  creatorKey,
  handleKey,
  hashtagKey,
  soundKey,
  soundTotalsKey,
  videoKey,
} from '../db/change-keys.js'
import type {
  CreatorSearchColumns,
  DB,
  EntityContributorRow,
  HashtagRow,
  SoundRow,
} from '../db/schema.js'
import { chunks, fromExcluded } from '../db/upsert.js'
import { FOLLOWERS_RULE, PLAYS_RULE } from '../domain/corroboration.js'
import { CorroborationChanges, contextFor, loadCounterState } from './corroboration-state.js'
import {
  type CreatorFields,
  type HashtagFields,
  mergeCreator,
  mergeHashtag,
  mergeSound,
  mergeVideo,
  type SoundFields,
  type VideoFields,
} from './merge.js'
import type { NormalizedBatch, Observation } from './normalize.js'
import type { ParsedHashtag, ParsedSound } from './parsed.js'
import { type Screened, type SetAside, screenCreator, screenVideo } from './plausibility.js'
import { creatorSearchColumns, creatorTerms } from './search-columns.js'
import { accumulateHourDeltas, type HourDeltaMap } from './tag-hour-deltas.js'
import { accumulateDelta, type DeltaMap } from './tracked-totals.js'
import { writeTagHours } from './write-tag-hours.js'
import { writeTagSnapshots } from './write-tag-snapshots.js'

const CREATOR_COLUMNS = [
  'username',
  'username_lower',
  'sec_uid',
  'nickname',
  'bio',
  'verified',
  'region',
  'avatar_url',
  'private_account',
  'followers',
  'following',
  'total_likes',
  'video_count',
  'counts_exact',
  'counts_observed_at',
  'contributors',
  'profile_observed_at',
  'identity_observed_at',
  'first_seen_at',
  'last_updated',
  'is_demo',
  'search_text',
  'words',
] as const satisfies readonly (keyof (CreatorFields & CreatorSearchColumns))[]

const VIDEO_COLUMNS = [
  'creator_id',
  'description',
  'search_text',
  'posted_at',
  'duration',
  'content_type',
  'is_pinned',
  'is_ad',
  'music_id',
  'plays',
  'likes',
  'comments',
  'shares',
  'saves',
  'reposts',
  'counts_exact',
  'counts_observed_at',
  'contributors',
  'region',
  'details',
  'sponsored',
  'sponsored_evidence',
  'observed_at',
  'first_seen_at',
  'is_demo',
] as const satisfies readonly (keyof VideoFields)[]

const HASHTAG_COLUMNS = [
  'tiktok_id',
  'description',
  'tiktok_video_count',
  'tiktok_view_count',
  'tiktok_observed_at',
  'tracked_video_count',
  'tracked_views',
  'first_seen_at',
  'is_demo',
] as const satisfies readonly (keyof HashtagRow)[]

const SOUND_COLUMNS = [
  'title',
  'title_lower',
  'author_name',
  'original',
  'duration',
  'album',
  'tiktok_user_count',
  'observed_at',
  'tracked_video_count',
  'tracked_views',
  'first_seen_at',
  'is_demo',
] as const satisfies readonly (keyof SoundRow)[]

/**
 * Demo captures describe made-up totals; they must not overwrite what real captures said about a
 * shared hashtag or sound (#fyp), so that `demo remove` leaves real rows exactly as they were.
 */
function demoOverReal(before: { is_demo: number } | undefined, batchIsDemo: boolean): boolean {
  return batchIsDemo && before !== undefined && before.is_demo === 0
}

export interface WriteResult {
  /** Creators whose metrics must be refreshed: described by the batch or owning one of its videos. */
  touchedCreators: Set<string>
  /** What a cached answer may have read that this batch changed (db/change-keys.ts). */
  changeKeys: Set<string>
  entities: { creators: number; videos: number; hashtags: number; sounds: number }
  /** Observations the plausibility rules kept from becoming current (plausibility.ts). */
  setAside: SetAside[]
}

/** Writes every entity of the batch. The caller holds the ingest lock and the transaction. */
export async function writeBatch(
  trx: Kysely<DB>,
  batch: NormalizedBatch,
  isDemo: boolean,
): Promise<WriteResult> {
  const touchedCreators = new Set<string>()
  const setAside: SetAside[] = []
  const changeKeys = new Set<string>()
  await writeCreators(trx, batch, isDemo, touchedCreators, setAside, changeKeys)
  const { hashtagDeltas, soundDeltas, hashtagHours, soundHours } = await writeVideos(
    trx,
    batch,
    isDemo,
    touchedCreators,
    setAside,
  )
  await writeHashtags(trx, batch, isDemo, hashtagDeltas)
  await writeSounds(trx, batch, isDemo, soundDeltas)
  await writeTagHours(trx, hashtagHours, soundHours)
  await writeTagSnapshots(trx, batch, isDemo)
  // Observed entities change even when an observation was only set aside (a new dispute).
  for (const id of batch.creators.keys()) changeKeys.add(creatorKey(id))
  for (const id of touchedCreators) changeKeys.add(creatorKey(id))
  for (const id of batch.videos.keys()) changeKeys.add(videoKey(id))
  for (const name of batch.hashtags.keys()) changeKeys.add(hashtagKey(name))
  for (const name of hashtagDeltas.keys()) changeKeys.add(hashtagKey(name))
  for (const id of batch.sounds.keys()) changeKeys.add(soundKey(id))
  for (const id of soundDeltas.keys()) changeKeys.add(soundTotalsKey(id))
  return {
    touchedCreators,
    changeKeys,
    entities: {
      creators: batch.creators.size,
      videos: batch.videos.size,
      hashtags: batch.hashtags.size,
      sounds: batch.sounds.size,
    },
    setAside,
  }
}

async function writeCreators(
  trx: Kysely<DB>,
  batch: NormalizedBatch,
  isDemo: boolean,
  touched: Set<string>,
  setAside: SetAside[],
  changeKeys: Set<string>,
): Promise<void> {
  const ids = [...batch.creators.keys()]
  if (ids.length === 0) return
  const existing = new Map<string, CreatorFields>()
  for (const part of chunks(ids)) {
    const rows = await trx
      .selectFrom('creators')
      .select(['id', ...CREATOR_COLUMNS])
      .where('id', 'in', part)
      .execute()
    for (const r of rows) existing.set(r.id, r)
  }
  const rows: Array<CreatorFields & CreatorSearchColumns> = []
  const snapshots = []
  const state = await loadCounterState(
    trx,
    FOLLOWERS_RULE,
    ids,
    contributorsOf(batch.creators),
    capturesOf(batch.creators),
  )
  const changes = new CorroborationChanges(FOLLOWERS_RULE)
  const contributors = new AcceptedContributors('creator')
  for (const [id, observations] of batch.creators) {
    const before = existing.get(id)
    const screened = screenCreator(
      before && {
        followers: before.followers,
        profileObservedAt: before.profile_observed_at,
        identityObservedAt: before.identity_observed_at,
        anchor: state.anchors.get(id) ?? null,
      },
      observations,
      contextFor(state, id),
    )
    setAside.push(...screened.setAside)
    changes.add(id, screened, latest(observations))
    if (screened.accepted.length === 0) continue
    const merged = mergeCreator(before, screened.accepted, isDemo)
    contributors.add(id, screened)
    rows.push({ ...merged.row, ...creatorSearchColumns(merged.row) })
    snapshots.push(...merged.snapshots)
    touched.add(id)
    // Whoever a handle names may change: a new account takes it, a creator renames.
    for (const handle of [before?.username_lower, merged.row.username_lower])
      if (handle != null) changeKeys.add(handleKey(handle))
  }
  await changes.write(trx)
  await contributors.write(trx, rows)
  for (const part of chunks(rows)) {
    await trx
      .insertInto('creators')
      .values(part)
      .onConflict((oc) => oc.column('id').doUpdateSet(fromExcluded(CREATOR_COLUMNS)))
      .execute()
  }
  // Search terms follow the identity: replaced whenever the creator is written.
  for (const part of chunks(rows)) {
    await trx
      .deleteFrom('creator_terms')
      .where(
        'creator_id',
        'in',
        part.map((r) => r.id),
      )
      .execute()
    const terms = part.flatMap((r) => creatorTerms(r).map((t) => ({ creator_id: r.id, ...t })))
    for (const termPart of chunks(terms))
      await trx.insertInto('creator_terms').values(termPart).execute()
  }
  for (const part of chunks(snapshots)) {
    await trx
      .insertInto('creator_snapshots')
      .values(part)
      .onConflict((oc) => oc.columns(['creator_id', 'observed_at']).doNothing())
      .execute()
  }
}

/** What a batch's videos change in their hashtags' and sounds' totals and hour buckets. */
interface VideoDeltas {
  hashtagDeltas: DeltaMap
  soundDeltas: DeltaMap
  hashtagHours: HourDeltaMap
  soundHours: HourDeltaMap
}

async function writeVideos(
  trx: Kysely<DB>,
  batch: NormalizedBatch,
  isDemo: boolean,
  touched: Set<string>,
  setAside: SetAside[],
): Promise<VideoDeltas> {
  const deltas: VideoDeltas = {
    hashtagDeltas: new Map(),
    soundDeltas: new Map(),
    hashtagHours: new Map(),
    soundHours: new Map(),
  }
  const ids = [...batch.videos.keys()]
  if (ids.length === 0) return deltas
  const existing = new Map<string, VideoFields>()
  const existingTags = new Map<string, string[]>()
  for (const part of chunks(ids)) {
    const rows = await trx.selectFrom('videos').selectAll().where('id', 'in', part).execute()
    for (const r of rows) existing.set(r.id, r)
    const links = await trx
      .selectFrom('video_hashtags')
      .select(['video_id', 'hashtag'])
      .where('video_id', 'in', part)
      .orderBy('video_id')
      .orderBy('position')
      .execute()
    for (const l of links) {
      const list = existingTags.get(l.video_id)
      if (list) list.push(l.hashtag)
      else existingTags.set(l.video_id, [l.hashtag])
    }
  }
  const rows: VideoFields[] = []
  const links: Array<{ video_id: string; hashtag: string; position: number }> = []
  const snapshots = []
  const state = await loadCounterState(
    trx,
    PLAYS_RULE,
    ids,
    contributorsOf(batch.videos),
    capturesOf(batch.videos),
  )
  const changes = new CorroborationChanges(PLAYS_RULE)
  const contributors = new AcceptedContributors('video')
  for (const [id, observations] of batch.videos) {
    const before = existing.get(id)
    const screened = screenVideo(
      before && {
        plays: before.plays,
        observedAt: before.observed_at,
        anchor: state.anchors.get(id) ?? null,
      },
      observations,
      contextFor(state, id),
    )
    setAside.push(...screened.setAside)
    changes.add(id, screened, latest(observations))
    if (screened.accepted.length === 0) continue
    const tagsBefore = existingTags.get(id) ?? []
    const merged = mergeVideo(before, tagsBefore, screened.accepted, isDemo)
    contributors.add(id, screened)
    rows.push(merged.row)
    snapshots.push(...merged.snapshots)
    merged.hashtags.forEach((hashtag, position) => {
      if (position >= tagsBefore.length) links.push({ video_id: id, hashtag, position })
    })
    const old = before && {
      plays: before.plays,
      hashtags: tagsBefore,
      musicId: before.music_id,
      postedAt: before.posted_at,
    }
    const now = {
      plays: merged.row.plays,
      hashtags: merged.hashtags,
      musicId: merged.row.music_id,
      postedAt: merged.row.posted_at,
    }
    accumulateDelta(old, now, deltas.hashtagDeltas, deltas.soundDeltas)
    accumulateHourDeltas(old, now, deltas.hashtagHours, deltas.soundHours)
    if (merged.row.creator_id !== null) touched.add(merged.row.creator_id)
    if (before?.creator_id && before.creator_id !== merged.row.creator_id)
      touched.add(before.creator_id)
  }
  await changes.write(trx)
  await contributors.write(trx, rows)
  for (const part of chunks(rows)) {
    await trx
      .insertInto('videos')
      .values(part)
      .onConflict((oc) => oc.column('id').doUpdateSet(fromExcluded(VIDEO_COLUMNS)))
      .execute()
  }
  for (const part of chunks(links)) {
    await trx
      .insertInto('video_hashtags')
      .values(part)
      .onConflict((oc) => oc.columns(['video_id', 'hashtag']).doNothing())
      .execute()
  }
  for (const part of chunks(snapshots)) {
    await trx
      .insertInto('video_snapshots')
      .values(part)
      .onConflict((oc) => oc.columns(['video_id', 'observed_at']).doNothing())
      .execute()
  }
  return deltas
}

interface TrackedTotals {
  tracked_video_count: number
  tracked_views: number
}

/**
 * Hashtags and sounds alike: merge the batch's observations into the stored rows (`load`), then
 * add the tracked-totals delta of the batch's videos. Keys touched only by a delta keep their
 * stored fields.
 */
async function mergeWithTotals<Fields extends { is_demo: number }, Observed>(
  keys: readonly string[],
  load: (part: string[]) => Promise<Array<[string, Fields & TrackedTotals]>>,
  observed: ReadonlyMap<string, Observation<Observed>[]>,
  merge: (before: Fields | undefined, obs: readonly Observation<Observed>[]) => Fields,
  deltas: DeltaMap,
  isDemo: boolean,
): Promise<Array<Fields & TrackedTotals>> {
  const existing = new Map<string, Fields & TrackedTotals>()
  for (const part of chunks(keys)) for (const [k, row] of await load(part)) existing.set(k, row)
  const rows: Array<Fields & TrackedTotals> = []
  for (const key of keys) {
    const before = existing.get(key)
    const observations = observed.get(key)
    const fields =
      observations && !demoOverReal(before, isDemo) ? merge(before, observations) : before
    if (!fields) continue
    const d = deltas.get(key)
    rows.push({
      ...fields,
      tracked_video_count: (before?.tracked_video_count ?? 0) + (d?.videos ?? 0),
      tracked_views: (before?.tracked_views ?? 0) + (d?.views ?? 0),
    })
  }
  return rows
}

async function writeHashtags(
  trx: Kysely<DB>,
  batch: NormalizedBatch,
  isDemo: boolean,
  deltas: DeltaMap,
): Promise<void> {
  const rows = await mergeWithTotals<HashtagFields, ParsedHashtag>(
    [...new Set([...batch.hashtags.keys(), ...deltas.keys()])],
    async (part) =>
      (await trx.selectFrom('hashtags').selectAll().where('name', 'in', part).execute()).map(
        (r) => [r.name, r],
      ),
    batch.hashtags,
    (before, obs) => mergeHashtag(before, obs, isDemo),
    deltas,
    isDemo,
  )
  for (const part of chunks(rows)) {
    await trx
      .insertInto('hashtags')
      .values(part)
      .onConflict((oc) => oc.column('name').doUpdateSet(fromExcluded(HASHTAG_COLUMNS)))
      .execute()
  }
}

async function writeSounds(
  trx: Kysely<DB>,
  batch: NormalizedBatch,
  isDemo: boolean,
  deltas: DeltaMap,
): Promise<void> {
  const rows = await mergeWithTotals<SoundFields, ParsedSound>(
    [...new Set([...batch.sounds.keys(), ...deltas.keys()])],
    async (part) =>
      (await trx.selectFrom('sounds').selectAll().where('id', 'in', part).execute()).map((r) => [
        r.id,
        r,
      ]),
    batch.sounds,
    (before, obs) => mergeSound(before, obs, isDemo),
    deltas,
    isDemo,
  )
  for (const part of chunks(rows)) {
    await trx
      .insertInto('sounds')
      .values(part)
      .onConflict((oc) => oc.column('id').doUpdateSet(fromExcluded(SOUND_COLUMNS)))
      .execute()
  }
}

/**
 * The distinct contributors whose observations of an entity were accepted (metrics.md §1.2):
 * accepted observations, and disputes their observations confirmed; disputed outliers and
 * unknown senders (null) do not count. The batch's pairs are written once with insert-or-ignore;
 * the pairs that were new (RETURNING) raise each row's count before the row is written, so the
 * stored count stays the number of stored pairs without reading them.
 */
class AcceptedContributors {
  readonly #pairs = new Map<string, EntityContributorRow>()

  constructor(readonly entity: EntityContributorRow['entity']) {}

  add<T>(id: string, screened: Screened<T>): void {
    const contributors = [
      ...screened.accepted.map((o) => o.contributor),
      ...screened.confirmed.map((d) => d.contributor),
    ]
    for (const contributor of contributors) {
      if (contributor == null) continue
      const key = `${id}\u0000${contributor}`
      if (!this.#pairs.has(key))
        this.#pairs.set(key, { entity: this.entity, entity_id: id, contributor })
    }
  }

  /**
   * Inserts the pairs not stored yet and adds their number to each row's count. A row whose
   * count is null (stored before contributors were recorded) stays unknown until reprocess.
   */
  async write(
    trx: Kysely<DB>,
    rows: ReadonlyArray<{ id: string; contributors: number | null }>,
  ): Promise<void> {
    const added = new Map<string, number>()
    for (const part of chunks([...this.#pairs.values()])) {
      const inserted = await trx
        .insertInto('entity_contributors')
        .values(part)
        .onConflict((oc) => oc.columns(['entity', 'entity_id', 'contributor']).doNothing())
        .returning('entity_id')
        .execute()
      for (const r of inserted) added.set(r.entity_id, (added.get(r.entity_id) ?? 0) + 1)
    }
    for (const row of rows) {
      if (row.contributors !== null) row.contributors += added.get(row.id) ?? 0
    }
  }
}

/** The contributors behind a batch's observations of one kind of entity. */
function contributorsOf<T>(observations: Map<string, Observation<T>[]>): Set<string | null> {
  const out = new Set<string | null>()
  for (const list of observations.values()) for (const o of list) out.add(o.contributor ?? null)
  return out
}

/** The captures behind a batch's observations of one kind of entity. */
function capturesOf<T>(observations: Map<string, Observation<T>[]>): Set<string> {
  const out = new Set<string>()
  for (const list of observations.values())
    for (const o of list) if (o.capture !== undefined) out.add(o.capture)
  return out
}

/** The newest observation time of a list (when a dispute it confirmed counts as resolved). */
function latest<T>(observations: readonly Observation<T>[]): number {
  return observations.reduce((max, o) => Math.max(max, o.at), 0)
}

/** Records observations the plausibility rules left out or set aside, with their capture. */
export async function insertImplausible(
  trx: Kysely<DB>,
  items: readonly SetAside[],
): Promise<void> {
  const rows = items.flatMap((i) =>
    i.capture === undefined
      ? []
      : [
          {
            capture_hash: i.capture,
            entity: i.entity,
            entity_id: i.id,
            observed_at: i.observedAt,
            reason: i.reason,
            field: i.field,
            detail: i.detail,
            contributor: i.contributor ?? null,
            value: i.value ?? null,
            resolution: i.resolution?.outcome ?? null,
            resolved_at: i.resolution?.at ?? null,
          },
        ],
  )
  for (const part of chunks(rows)) {
    await trx.insertInto('implausible_observations').values(part).execute()
  }
}
