/**
 * Corroboration on real databases (metrics.md §1.1): one contributor's outlier never becomes
 * current until corroborated — the probe's forged followers, a slow poisoning, two colluding new
 * tokens — while honest growth applies at once and a second, trusted voice confirms a real jump.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { decideDispute, listDisputes } from '../src/admin/disputes.js'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { reprocessAll } from '../src/ingest/reprocess.js'
import { createApp } from '../src/server/app.js'
import { testDatabases } from './support/databases.js'
import {
  FIXTURE_CREATOR_ID as CREATOR,
  capture,
  itemListBody,
  listUrl,
  userDetailBody,
  userUrl,
} from './support/fixture-captures.js'

const NOW = Date.parse('2026-11-25T12:00:00Z')
const HOUR_MS = 3_600_000
const T0 = NOW - 20 * 24 * HOUR_MS
const VIDEO = '7498337886933191001'

/** One profile observation of the fixture creator, `hours` after T0, from `contributor`. */
async function profile(database: Database, contributor: string, followers: number, hours: number) {
  return ingestBatch(
    { database, now: () => NOW },
    {
      contributor,
      captures: [capture(userUrl(), T0 + hours * HOUR_MS, userDetailBody({ followers }))],
    },
  )
}

async function followers(database: Database): Promise<number | null> {
  const row = await database.db
    .selectFrom('creators')
    .select('followers')
    .where('id', '=', CREATOR)
    .executeTakeFirstOrThrow()
  return row.followers === null ? null : Number(row.followers)
}

async function disputes(database: Database) {
  return database.db
    .selectFrom('implausible_observations')
    .select(['contributor', 'value', 'reason', 'resolution'])
    .where('field', '=', 'followers')
    .orderBy('id')
    .execute()
}

for (const target of testDatabases()) {
  describe(`corroboration on ${target.name}`, () => {
    after(() => target.cleanup())

    it('the probe: a forged 9,999,999,999,999 is disputed, the honest 1,250 after it applies', async () => {
      const database = await target.open()
      try {
        await profile(database, 'ctb_a', 1_200, 0)
        const forged = await profile(database, 'ctb_b', 9_999_999_999_999, 1)
        assert.equal(forged.accepted, 1, 'the capture is stored: it is evidence')
        assert.deepEqual(
          forged.flagged.map((f) => [f.entity, f.reason]),
          [['creator', 'implausible_jump']],
        )
        assert.equal(await followers(database), 1_200)
        const honest = await profile(database, 'ctb_a', 1_250, 2)
        assert.deepEqual(honest.flagged, [])
        assert.equal(await followers(database), 1_250)
        assert.deepEqual(await disputes(database), [
          {
            contributor: 'ctb_b',
            value: 9_999_999_999_999,
            reason: 'implausible_jump',
            resolution: null,
          },
        ])
      } finally {
        await database.close()
      }
    })

    it('a slow poisoning by many small steps stops at the band of the last corroborated value', async () => {
      const database = await target.open()
      try {
        await profile(database, 'ctb_a', 1_200, 0)
        let claimed = 1_200
        for (let step = 1; step <= 30; step++) {
          claimed = Math.round(claimed * 1.1)
          await profile(database, 'ctb_poison', claimed, step)
        }
        // 1,200 × 1.1^30 ≈ 20,900 was claimed; the first step (1,320) agreed with 1,200 and
        // became the anchor, so nothing above 2 × 1,320 + 1,000 became current.
        assert.ok(claimed > 20_000)
        const current = await followers(database)
        assert.ok(current !== null && current <= 2 * 1_320 + 1_000, String(current))
        assert.ok((await disputes(database)).length >= 10)
      } finally {
        await database.close()
      }
    })

    it('two colluding new tokens cannot corroborate each other', async () => {
      const database = await target.open()
      try {
        await profile(database, 'ctb_a', 1_200, 0)
        await profile(database, 'ctb_c1', 5_000_000, 1)
        // (Not the same bytes: an identical body is a duplicate of the first, whoever sends it.)
        await profile(database, 'ctb_c2', 5_000_050, 2)
        await profile(database, 'ctb_c1', 5_000_100, 3)
        assert.equal(await followers(database), 1_200)
        const rows = await disputes(database)
        assert.equal(rows.length, 3)
        assert.ok(rows.every((r) => r.resolution === null))
        // The API serves the claim as disputed, with its sources counted, next to the real number.
        const app = await createApp({
          config: loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RATE_LIMIT: 'off' }),
          database,
          now: () => NOW,
        })
        try {
          const res = await app.inject('/api/v1/creators/zg.520')
          assert.equal(res.statusCode, 200, res.body)
          const data = res.json().data
          assert.equal(data.followers, 1_200)
          assert.deepEqual(data.disputed, [
            {
              field: 'followers',
              value: 5_000_100,
              observed_at: new Date(T0 + 3 * HOUR_MS).toISOString().replace('.000Z', 'Z'),
              sources: 2,
              reports: 3,
              reason: 'implausible_jump',
            },
          ])
        } finally {
          await app.close()
        }
      } finally {
        await database.close()
      }
    })

    it('honest growth from one contributor applies at once; a trusted voice confirms a real jump', async () => {
      const database = await target.open()
      try {
        // One new contributor, growing within the band each time: no dispute at all.
        for (const [hours, value] of [
          [0, 1_200],
          [24, 2_000],
          [48, 3_100],
        ] as const) {
          await profile(database, 'ctb_solo', value, hours)
        }
        assert.equal(await followers(database), 3_100)
        assert.deepEqual(await disputes(database), [])
        // A real jump seen first by the new contributor: disputed…
        await profile(database, 'ctb_solo', 400_000, 72)
        assert.equal(await followers(database), 3_100)
        // …until the operator's own capture (trusted) agrees: confirmed, and current.
        await profile(database, 'static', 401_000, 73)
        assert.equal(await followers(database), 401_000)
        assert.deepEqual(
          (await disputes(database)).map((d) => d.resolution),
          ['confirmed'],
        )
        const trust = await database.db
          .selectFrom('contributor_trust')
          .select(['contributor', 'corroborated'])
          .where('contributor', '=', 'ctb_solo')
          .executeTakeFirstOrThrow()
        assert.equal(Number(trust.corroborated), 1)
      } finally {
        await database.close()
      }
    })

    it('the operator accepts or rejects a dispute, and reprocess keeps the verdict', async () => {
      const database = await target.open()
      try {
        await profile(database, 'ctb_a', 1_200, 0)
        await profile(database, 'ctb_b', 90_000, 1)
        const [pending] = await listDisputes(database.db)
        assert.ok(pending !== undefined)
        assert.deepEqual(
          [pending.entityId, pending.field, pending.value, pending.contributor],
          [CREATOR, 'followers', 90_000, 'ctb_b'],
        )
        assert.equal(await decideDispute(database, 999_999, 'accept', 1), null)
        await decideDispute(database, pending.id, 'accept', 1)
        assert.equal(await followers(database), 90_000)
        assert.deepEqual(await listDisputes(database.db), [])
        // A later forged value, rejected: closed for good, and the number stays.
        await profile(database, 'ctb_c', 5_000_000, 2)
        const [forged] = await listDisputes(database.db)
        assert.ok(forged !== undefined)
        await decideDispute(database, forged.id, 'reject', 2)
        assert.deepEqual(await listDisputes(database.db), [])
        assert.deepEqual(
          (await listDisputes(database.db, { all: true })).map((d) => [d.value, d.resolution]),
          [[5_000_000, 'rejected']],
        )
        await reprocessAll(database)
        assert.equal(await followers(database), 90_000)
      } finally {
        await database.close()
      }
    })

    it('a trusted contributor repeating its own jump confirms it; a lone glitch does not', async () => {
      const database = await target.open()
      try {
        const list = (plays: number, hours: number) =>
          ingestBatch(
            { database, now: () => NOW },
            {
              contributor: 'static',
              captures: [
                capture(listUrl(), T0 + hours * HOUR_MS, itemListBody({ id: VIDEO, plays })),
              ],
            },
          )
        await list(2_000_000, 0)
        const glitch = await list(0, 1)
        assert.deepEqual(
          glitch.flagged.map((f) => f.reason),
          ['implausible_drop'],
        )
        await list(2_100_000, 2)
        const plays = async () =>
          Number(
            (
              await database.db
                .selectFrom('videos')
                .select('plays')
                .where('id', '=', VIDEO)
                .executeTakeFirstOrThrow()
            ).plays,
          )
        assert.equal(await plays(), 2_100_000)
        // Reprocess replays the same judgements from the stored captures.
        await reprocessAll(database)
        assert.equal(await plays(), 2_100_000)
      } finally {
        await database.close()
      }
    })
  })
}
