/**
 * The hour buckets of hashtags and sounds (hashtag_hours, sound_hours) equal a recomputation from
 * the stored videos after every kind of write: first sight, re-observations that change plays,
 * posting time, sound and hashtags, demo removal, a contributor purge and a full reprocess.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { purgeContributor } from '../src/admin/purge-contributor.js'
import { removeDemo } from '../src/admin/remove-demo.js'
import { migrateTo, migrateToLatest } from '../src/db/migrate.js'
import type { Database } from '../src/db/open.js'
import { seedDemo } from '../src/demo/seed-demo.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { reprocessAll } from '../src/ingest/reprocess.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'

const NOW = Date.parse('2026-11-25T12:00:00Z')
const LIST_URL = 'https://www.tiktok.com/api/post/item_list/?secUid=abc'

type Json = Record<string, unknown>
const obj = (v: unknown): Json => v as Json

/** Buckets as "key hour" → "videos plays", computed here from the raw rows (floor division). */
async function expectedBuckets(database: Database) {
  const videos = await database.db
    .selectFrom('videos')
    .select(['id', 'posted_at', 'plays', 'music_id'])
    .execute()
  const byId = new Map(videos.map((v) => [v.id, v]))
  const links = await database.db.selectFrom('video_hashtags').selectAll().execute()
  const tags = new Map<string, [number, number]>()
  const sounds = new Map<string, [number, number]>()
  const add = (
    map: Map<string, [number, number]>,
    key: string,
    postedAt: number,
    plays: number,
  ) => {
    const k = `${key} ${Math.floor(postedAt / 3600)}`
    const [n, p] = map.get(k) ?? [0, 0]
    map.set(k, [n + 1, p + plays])
  }
  for (const l of links) {
    const v = byId.get(l.video_id)
    if (v?.posted_at != null) add(tags, l.hashtag, Number(v.posted_at), Number(v.plays ?? 0))
  }
  for (const v of videos)
    if (v.posted_at != null && v.music_id !== null)
      add(sounds, v.music_id, Number(v.posted_at), Number(v.plays ?? 0))
  return { tags: sorted(tags), sounds: sorted(sounds) }
}

function sorted(map: Map<string, [number, number]>): string[] {
  return [...map].map(([k, [n, p]]) => `${k} = ${n} ${p}`).sort()
}

async function storedBuckets(database: Database) {
  const tags = await database.db.selectFrom('hashtag_hours').selectAll().execute()
  const sounds = await database.db.selectFrom('sound_hours').selectAll().execute()
  return {
    tags: tags.map((r) => `${r.hashtag} ${r.hour} = ${r.videos} ${r.plays}`).sort(),
    sounds: sounds.map((r) => `${r.sound_id} ${r.hour} = ${r.videos} ${r.plays}`).sort(),
  }
}

async function assertReconciled(database: Database, step: string): Promise<void> {
  const expected = await expectedBuckets(database)
  assert.ok(expected.tags.length > 0, `${step}: some buckets to compare`)
  assert.deepEqual(await storedBuckets(database), expected, step)
}

/** The real popular list with its first video changed as a later observation would say. */
function listWith(change: (item: Json) => void): unknown {
  const body = structuredClone(readFixture('post_item_list.popular.sample2.json'))
  change(obj((obj(body).itemList as unknown[])[0]))
  return body
}

for (const target of testDatabases()) {
  describe(`hour buckets of hashtags and sounds on ${target.name}`, () => {
    after(() => target.cleanup())

    it('are filled by the upgrade from the previous schema', async () => {
      const database = await target.open({ migrate: 'none' })
      try {
        await migrateTo(database.db, database.dialect, '017-corroboration')
        const raw = database.db as unknown as Kysely<unknown>
        // Two videos in one hour, one a second later in the next, one undated, one before 1970.
        const rows: Array<[string, number | null, number | null, string | null, string[]]> = [
          ['1', 1_764_068_400, 100, 'm1', ['a', 'b']],
          ['2', 1_764_071_999, null, 'm1', ['a']],
          ['3', 1_764_072_000, 7, 'm2', ['a']],
          ['4', null, 5, 'm1', ['a']],
          ['5', -1, 3, null, ['b']],
        ]
        for (const [id, postedAt, plays, music, tags] of rows) {
          await sql`insert into videos (id, description, search_text, posted_at, content_type,
            music_id, plays, details, observed_at, first_seen_at)
            values (${id}, '', '', ${postedAt}, 'video', ${music}, ${plays}, '{}', 1, 1)`.execute(
            raw,
          )
          for (const [position, tag] of tags.entries())
            await sql`insert into video_hashtags (video_id, hashtag, position)
              values (${id}, ${tag}, ${position})`.execute(raw)
        }
        await migrateToLatest(database.db, database.dialect)
        await assertReconciled(database, 'upgrade')
        assert.deepEqual((await storedBuckets(database)).tags, [
          'a 490019 = 2 100',
          'a 490020 = 1 7',
          'b -1 = 1 3',
          'b 490019 = 1 100',
        ])
      } finally {
        await database.close()
      }
    })

    it('equal a recomputation after every kind of write', async () => {
      const database = await target.open()
      try {
        await seedDemo(database, { creators: 12, seed: 7, nowMs: NOW })
        await assertReconciled(database, 'demo seed')

        const ingest = (contributor: string, observedAt: string, body: unknown) =>
          ingestBatch(
            { database, now: () => NOW },
            { contributor, captures: [{ url: LIST_URL, observed_at: observedAt, body }] },
          )
        const base = readFixture('post_item_list.popular.sample2.json')
        const first = obj((obj(base).itemList as unknown[])[0])
        const id = String(first.id)
        const postedAt = Number(first.createTime)
        await ingest('static', '2026-11-20T00:00:00Z', base)
        await assertReconciled(database, 'first sight of a real list')

        // More plays, then a posting time two hours later, a new sound, a new hashtag.
        await ingest(
          'static',
          '2026-11-21T00:00:00Z',
          listWith((item) => {
            obj(item.statsV2).playCount = String(Number(obj(item.statsV2).playCount) + 12_345)
          }),
        )
        await assertReconciled(database, 'plays grew')
        await ingest(
          'static',
          '2026-11-22T00:00:00Z',
          listWith((item) => {
            item.createTime = postedAt + 7_200
            obj(item.music).id = '7000000000000000042'
            item.textExtra = [...(item.textExtra as unknown[]), { hashtagName: 'zzbucketnew' }]
            item.challenges = [...(item.challenges as unknown[]), { id: '1', title: 'zzbucketnew' }]
          }),
        )
        const moved = await database.db
          .selectFrom('videos')
          .select(['posted_at', 'music_id'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
        assert.equal(Number(moved.posted_at), postedAt + 7_200, 'the posting time moved')
        assert.equal(moved.music_id, '7000000000000000042', 'the sound changed')
        await assertReconciled(database, 'posting time, sound and hashtags changed')

        // A second contributor's capture of the same list, then that contributor purged.
        await ingest('contributor-b', '2026-11-23T00:00:00Z', base)
        await assertReconciled(database, 'second contributor')
        await purgeContributor(database, 'contributor-b')
        await assertReconciled(database, 'contributor purged')

        await removeDemo(database)
        await assertReconciled(database, 'demo removed')
        await reprocessAll(database)
        await assertReconciled(database, 'reprocessed')
      } finally {
        await database.close()
      }
    })
  })
}
