/**
 * Contributor tokens end to end: `toklytics contributors` as a real process, ingestion with a
 * token, revocation, the static token alongside, the hash at rest, and purging a bad actor.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { createContributor, revokeContributor } from '../src/admin/contributors.js'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { createApp } from '../src/server/app.js'
import { testDatabases } from './support/databases.js'
import {
  FIXTURE_CREATOR_ID as CREATOR,
  capture,
  FIXTURE_FOLLOWERS,
  itemListBody,
  listUrl,
  userDetailBody,
  userUrl,
  FIXTURE_VIDEO_ID as VIDEO,
} from './support/fixture-captures.js'
import { entityDump } from './support/store-dump.js'

const run = promisify(execFile)
const CLI = new URL('../src/cli/main.ts', import.meta.url).pathname
const STATIC = 'static-test-token'
const NOW = Date.parse('2026-11-25T12:00:00Z')
const HOUR = 3_600_000
const TOKEN_FORMAT = /^tkc_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$/

async function toklytics(dbUrl: string, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', CLI, '--db', dbUrl, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent' },
    timeout: 120_000,
  })
}

async function appOn(database: Database, env: Record<string, string> = {}) {
  const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RATE_LIMIT: 'off', ...env })
  return createApp({ config, database, now: () => NOW })
}

async function post(app: FastifyInstance, token: string | null, captures: unknown[]) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    payload: { captures },
  })
}

/** The honest contributor's captures, in the order they are sent (two batches). */
const HONEST_FIRST = [
  capture(userUrl(), NOW - 10 * HOUR, userDetailBody({ followers: FIXTURE_FOLLOWERS })),
  capture(listUrl(), NOW - 10 * HOUR, itemListBody({ id: VIDEO, plays: 1_000_000 })),
]
const HONEST_LATER = [
  capture(listUrl(), NOW - 2 * HOUR, itemListBody({ id: VIDEO, plays: 1_100_000 })),
]
/** A bad actor: inflated numbers for a real creator, and a made-up creator, video and hashtag. */
const FORGED = [
  capture(userUrl(), NOW - 5 * HOUR, userDetailBody({ followers: 9_000_000 })),
  capture(
    listUrl(),
    NOW - 5 * HOUR,
    itemListBody(
      { id: VIDEO, plays: 50_000_000 },
      {
        id: '7000000000000000042',
        plays: 77_000_000,
        author: { id: '7000000000000000001', username: 'forged_creator' },
        hashtags: ['forgedtag'],
      },
    ),
  ),
]

for (const target of testDatabases()) {
  describe(`contributor tokens on ${target.name}`, () => {
    after(() => target.cleanup())

    it('create → ingest → list → purge → revoke → 401, next to the static token', async () => {
      const database = await target.open()
      const url = target.url()
      const app = await appOn(database, { TOKLYTICS_INGEST_TOKEN: STATIC })
      try {
        const created = await toklytics(url, 'contributors', 'create', '--name', 'mallory')
        const token = created.stdout.split('\n').find((l) => l.startsWith('tkc_')) ?? ''
        assert.match(token, TOKEN_FORMAT)
        const id = /created contributor ([0-9a-f]{10}) \(mallory\)/.exec(created.stdout)?.[1] ?? ''
        assert.equal(token.slice(4, 14), id)

        // The static token and the contributor token both ingest; each capture records its sender.
        assert.equal((await post(app, STATIC, HONEST_FIRST)).statusCode, 200)
        const forged = await post(app, token, FORGED)
        assert.equal(forged.statusCode, 200, forged.body)
        assert.equal(forged.json().data.accepted, 2)
        // Corroboration (docs/metrics.md §1.1): a new contributor's 21× follower count is far
        // from the operator's anchor, so it is kept aside as disputed; its 50× plays lie inside
        // the plays band, so they are shown but do not move the anchor.
        assert.deepEqual(
          forged.json().data.flagged.map((f: { id: string; reason: string }) => [f.id, f.reason]),
          [[CREATOR, 'implausible_jump']],
        )
        const shown = async () =>
          (
            await database.db
              .selectFrom('videos')
              .select('plays')
              .where('id', '=', VIDEO)
              .executeTakeFirstOrThrow()
          ).plays
        const followers = async () =>
          (
            await database.db
              .selectFrom('creators')
              .select('followers')
              .where('id', '=', CREATOR)
              .executeTakeFirstOrThrow()
          ).followers
        assert.equal(await shown(), 50_000_000)
        assert.equal(await followers(), FIXTURE_FOLLOWERS)
        // The honest, later observation is judged against the corroborated anchor (1,000,000),
        // not against the forgery: it is accepted and replaces it.
        const later = await post(app, STATIC, HONEST_LATER)
        assert.deepEqual(later.json().data.flagged, [])
        assert.equal(await shown(), 1_100_000)
        const senders = await database.db
          .selectFrom('captures')
          .select(['contributor'])
          .orderBy('id')
          .execute()
        assert.deepEqual(
          senders.map((s) => s.contributor),
          ['static', 'static', id, id, 'static'],
        )
        // Only a hash is stored: the token (or its secret part) is nowhere in the database.
        const secret = token.slice(15)
        const stored = await database.db.selectFrom('contributors').selectAll().execute()
        assert.equal(stored.length, 1)
        assert.match(stored[0]?.token_hash ?? '', /^[0-9a-f]{64}$/)
        const rows = JSON.stringify([
          stored,
          await database.db
            .selectFrom('captures')
            .select(['contributor', 'collector', 'url'])
            .execute(),
        ])
        assert.ok(!rows.includes(secret))
        if (target.name === 'sqlite') {
          const file = url.slice('sqlite:'.length)
          for (const part of [file, `${file}-wal`]) {
            let bytes: Buffer
            try {
              bytes = readFileSync(part)
            } catch {
              continue
            }
            assert.equal(bytes.indexOf(secret), -1, `${part} holds the token`)
          }
        }

        const listed = await toklytics(url, 'contributors', 'list')
        const line = listed.stdout.split('\n').find((l) => l.startsWith(id)) ?? ''
        assert.match(line, /mallory\s+active\s+\S+\s+\d{4}-\d\d-\d\dT\S+\s+2\s+2$/)

        // Purge: the bad actor's captures go, and every number is rebuilt from the rest.
        const purged = await toklytics(url, 'contributors', 'purge', id)
        assert.match(
          purged.stdout,
          new RegExp(
            `purged contributor ${id}: 2 captures removed; rebuilt from 3 remaining captures \\(3 parsed, 0 failed\\)`,
          ),
        )
        assert.match(purged.stdout, /still active/)
        const after = await entityDump(database)
        assert.deepEqual(
          after.creators.map((c) => [c.id, c.followers]),
          [[CREATOR, FIXTURE_FOLLOWERS]],
        )
        assert.deepEqual(
          after.videos.map((v) => [v.id, v.plays]),
          [[VIDEO, 1_100_000]],
        )
        assert.deepEqual(
          after.videoSnapshots.map((s) => [s.observed_at, s.plays]),
          [
            [(NOW - 10 * HOUR) / 1000, 1_000_000],
            [(NOW - 2 * HOUR) / 1000, 1_100_000],
          ],
        )
        assert.deepEqual(
          after.creatorSnapshots.map((s) => [s.observed_at, s.followers]),
          [[(NOW - 10 * HOUR) / 1000, FIXTURE_FOLLOWERS]],
        )
        assert.deepEqual(
          after.hashtags.map((h) => [h.name, h.tracked_video_count, h.tracked_views]),
          [
            ['china', 1, 1_100_000],
            ['大国基建', 1, 1_100_000],
          ],
        )
        assert.deepEqual(after.implausible, [])
        // The fixture video's own counters (statsV2): likes 866000, comments 18900, shares 34700.
        const creator = after.creators[0]
        assert.equal(creator?.sample_size, 1)
        assert.equal(creator?.avg_views, 1_100_000)
        assert.equal(
          creator?.engagement_rate,
          Math.round(((866_000 + 18_900 + 34_700) / 1_100_000) * 100 * 100) / 100,
        )

        // The same as a database that only ever saw the honest captures.
        const reference = await target.open()
        try {
          for (const captures of [HONEST_FIRST, HONEST_LATER]) {
            await ingestBatch(
              { database: reference, now: () => NOW },
              { captures, contributor: 'static' },
            )
          }
          assert.deepEqual(after, await entityDump(reference))
        } finally {
          await reference.close()
        }

        const revoked = await toklytics(url, 'contributors', 'revoke', id)
        assert.match(revoked.stdout, new RegExp(`revoked contributor ${id}`))
        const refused = await post(app, token, HONEST_LATER)
        assert.equal(refused.statusCode, 401)
        assert.match(refused.json().error.message, /revoked/)
        const stillStatic = await post(app, STATIC, [
          capture(listUrl('y'), NOW - HOUR, itemListBody({ id: VIDEO, plays: 1_200_000 })),
        ])
        assert.equal(stillStatic.statusCode, 200)
        assert.equal(stillStatic.json().data.accepted, 1)

        const relisted = await toklytics(url, 'contributors', 'list')
        const row = relisted.stdout.split('\n').find((l) => l.startsWith(id)) ?? ''
        assert.match(row, /mallory\s+revoked \S+\s+\S+\s+\S+\s+2\s+0$/)
      } finally {
        await app.close()
        await database.close()
      }
    })

    it('without TOKLYTICS_INGEST_TOKEN, contributor tokens alone open ingestion', async () => {
      const database = await target.open()
      const app = await appOn(database)
      try {
        const first = await post(app, null, HONEST_FIRST)
        assert.equal(first.statusCode, 401)
        assert.match(first.json().error.message, /TOKLYTICS_INGEST_TOKEN.*contributors create/)
        const { token, record } = await createContributor(database.db, {
          name: 'alice',
          now: NOW / 1000,
        })
        const ok = await post(app, token, HONEST_FIRST)
        assert.equal(ok.statusCode, 200, ok.body)
        assert.equal(ok.json().data.accepted, 2)
        const noToken = await post(app, null, HONEST_LATER)
        assert.match(noToken.json().error.message, /Bearer/)
        const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
        const wrong = await post(app, forged, HONEST_LATER)
        assert.equal(wrong.statusCode, 401)
        assert.match(wrong.json().error.message, /not valid/)
        const seen = await database.db
          .selectFrom('contributors')
          .select(['last_seen_at', 'captures_accepted'])
          .executeTakeFirstOrThrow()
        assert.deepEqual(seen, { last_seen_at: NOW / 1000, captures_accepted: 2 })
        assert.ok(await revokeContributor(database.db, record.id, NOW / 1000))
        const revoked = await post(app, token, HONEST_LATER)
        assert.match(revoked.json().error.message, /revoked/)
        const closed = await post(app, 'anything', HONEST_LATER)
        assert.match(closed.json().error.message, /disabled/)
        const count = await database.db
          .selectFrom('captures')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
        assert.equal(Number(count.n), 2)
      } finally {
        await app.close()
        await database.close()
      }
    })
  })
}
