/**
 * Growth flags and the 30-day follower projection (metrics.md §9) over real HTTP and MCP, on
 * every database: real-shaped profile captures of three creators observed at chosen times.
 * Every expected value is worked out here by hand from the definitions.
 */
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { createApp } from '../src/server/app.js'
import { testDatabases } from './support/databases.js'
import { capture, userDetailBody, userUrl } from './support/fixture-captures.js'
import { API_NOW_MS, PUBLIC_BASE_URL } from './support/seeded-api.js'
import { seededMcpClient } from './support/seeded-mcp.js'

/** Epoch ms of a UTC day of 2026 at `hour`:00. */
const at = (month: number, day: number, hour = 12) => Date.UTC(2026, month - 1, day, hour)

/** A profile capture of `username` with `followers`, observed at `ms`. */
const profile = (id: string, username: string, ms: number, followers: number) =>
  capture(userUrl(username), ms, userDetailBody({ followers, id, username }))

// growth.spiky — the daily series (last sighting per day) of Nov 1 … 19, with a gap of 5 days:
//   Nov 1 100,000 · 2 100,100 · 3 100,220 · 4 100,300 · 5 100,410 · 6 100,500 (100,450 at
//   08:00 earlier that day does not count) · 7 100,600 · 8 105,700 · 9 105,800 · 10 105,905 ·
//   15 106,405 · 16 106,505 · 17 105,605 · 18 105,705 · 19 105,805.
// A sighting on May 20 (60,000) is 189 days before now: outside the 180 days read.
const SPIKY: Array<[number, number, number, number]> = [
  [5, 20, 12, 60_000],
  [11, 1, 12, 100_000],
  [11, 2, 12, 100_100],
  [11, 3, 12, 100_220],
  [11, 4, 12, 100_300],
  [11, 5, 12, 100_410],
  [11, 6, 8, 100_450],
  [11, 6, 20, 100_500],
  [11, 7, 12, 100_600],
  [11, 8, 12, 105_700],
  [11, 9, 12, 105_800],
  [11, 10, 12, 105_905],
  [11, 15, 12, 106_405],
  [11, 16, 12, 106_505],
  [11, 17, 12, 105_605],
  [11, 18, 12, 105_705],
  [11, 19, 12, 105_805],
]

// Rates (followers a day): 100 120 80 110 90 100 5,100 100 105, then (106,405 − 105,905) / 5 =
// 100 over the gap, 100 −900 100 100: 14 rates.
// Sorted: −900 80 90 100×7 105 110 120 5,100 → median (7th + 8th) / 2 = 100.
// |r − 100|: 0×7, 5, 10, 10, 20, 20, 1,000, 5,000 → MAD = (0 + 5) / 2 = 2.5.
// z(5,100) = 0.6745 × 5,000 / 2.5 = 1,349; z(−900) = 0.6745 × −1,000 / 2.5 = −269.8.
// z(120) = 0.6745 × 20 / 2.5 = 5.396 → 5.40 is beyond 3.5 too, but 20 < 100 followers a day
// from the median: not flagged (nor 80 at −5.40).
const SPIKY_FLAGS = [
  {
    date: '2026-11-08',
    days: 1,
    direction: 'spike',
    followers_change: 5100,
    daily_rate: 5100,
    typical_daily_rate: 100,
    robust_z: 1349,
  },
  {
    date: '2026-11-17',
    days: 1,
    direction: 'drop',
    followers_change: -900,
    daily_rate: -900,
    typical_daily_rate: 100,
    robust_z: -269.8,
  },
]

// growth.steady — Nov 1 51,000 · 6 51,600 · 11 52,000 · 16 52,400 · 21 53,000 (52,950 at 03:00
// earlier that day does not count). x = −20 −15 −10 −5 0, x̄ = −10, Sxx = 250, ȳ = 52,000;
// Sxy = 20 × 1,000 + 5 × 400 + 0 + 5 × 400 + 10 × 1,000... = 10,000 + 2,000 + 0 + 2,000 +
// 10,000 = 24,000 → b = 96, a = 52,000 + 960 = 52,960. Residuals −40 80 0 −80 40 → SSE 16,000,
// s² = 16,000 / 3. ŷ(30) = 52,960 + 2,880 = 55,840; se² = s² × (1 + 1/5 + 40² / 250) = 16,000 /
// 3 × 7.6 = 40,533.33, se = 201.329, 2·se = 402.658 → low round(55,437.342) = 55,437, high
// round(56,242.658) = 56,243. 4 rates: no flags.
const STEADY: Array<[number, number, number, number]> = [
  [11, 1, 12, 51_000],
  [11, 6, 12, 51_600],
  [11, 11, 12, 52_000],
  [11, 16, 12, 52_400],
  [11, 21, 3, 52_950],
  [11, 21, 12, 53_000],
]

interface GrowthAnswer {
  data: {
    username: string
    growth_flags: unknown[]
    follower_projection: Record<string, unknown> | null
  }
}

for (const target of testDatabases()) {
  describe(`growth flags and projection on ${target.name}`, () => {
    let database: Database
    let app: FastifyInstance
    let base: string
    let mcp: Client

    const get = async (path: string) => {
      const res = await fetch(`${base}/api/v1${path}`)
      return { status: res.status, body: (await res.json()) as GrowthAnswer }
    }
    const ok = async (path: string) => {
      const res = await get(path)
      assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 300))
      return res.body.data
    }

    before(async () => {
      database = await target.open()
      const series = (id: string, username: string, points: typeof SPIKY) =>
        points.map(([m, d, h, followers]) => profile(id, username, at(m, d, h), followers))
      const summary = await ingestBatch(
        { database, now: () => API_NOW_MS },
        {
          contributor: 'growth-test',
          captures: [
            ...series('7100000000000000001', 'growth.spiky', SPIKY),
            ...series('7100000000000000002', 'growth.steady', STEADY),
            profile('7100000000000000003', 'growth.once', at(11, 24), 12_345),
          ],
        },
      )
      assert.equal(summary.dropped.length, 0, JSON.stringify(summary.dropped))
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        PUBLIC_BASE_URL,
        TOKLYTICS_RATE_LIMIT: 'off',
      })
      app = await createApp({ config, database, now: () => API_NOW_MS })
      await app.listen({ port: 0, host: '127.0.0.1' })
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
      mcp = await seededMcpClient({ app, database, close: async () => {} }, 'growth-test')
    })
    after(async () => {
      await mcp.close()
      await app.close()
      await database.close()
      await target.cleanup()
    })

    it('flags the spike and the drop, not the small wobbles, with the numbers of §9', async () => {
      const c = await ok('/creators/growth.spiky')
      assert.deepEqual(c.growth_flags, SPIKY_FLAGS)
      // 15 daily points from Nov 1 to Nov 19 (the May sighting is not read): span 18 days.
      assert.equal(c.follower_projection?.observations, 15)
      assert.equal(c.follower_projection?.span_days, 18)
      assert.equal(c.follower_projection?.at, '2026-12-19')
    })

    it('projects 30 days ahead with the band of §9, to the digit', async () => {
      const c = await ok('/creators/GROWTH.steady')
      assert.deepEqual(c.growth_flags, [])
      assert.deepEqual(c.follower_projection, {
        days: 30,
        at: '2026-12-21',
        followers: 55_840,
        low: 55_437,
        high: 56_243,
        trend_per_day: 96,
        model: 'linear_90d',
        observations: 5,
        span_days: 20,
      })
    })

    it('gives [] and null for a creator seen once', async () => {
      const c = await ok('/creators/growth.once')
      assert.deepEqual(c.growth_flags, [])
      assert.equal(c.follower_projection, null)
    })

    it('answers the same through the MCP tool, and says so in its summary', async () => {
      const result = (await mcp.callTool({
        name: 'getTikTokCreatorAnalytics',
        arguments: { username: 'growth.spiky' },
      })) as CallToolResult
      assert.notEqual(result.isError, true)
      const body = result.structuredContent as unknown as GrowthAnswer
      assert.deepEqual(body.data.growth_flags, SPIKY_FLAGS)
      assert.deepEqual(
        body.data.follower_projection,
        (await ok('/creators/growth.spiky')).follower_projection,
      )
      const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n')
      assert.ok(
        text.includes('unusual follower changes on 2026-11-08 +5.1K, 2026-11-17 -900'),
        text,
      )
      const steady = (await mcp.callTool({
        name: 'getTikTokCreatorAnalytics',
        arguments: { username: 'growth.steady' },
      })) as CallToolResult
      const steadyText = steady.content.map((p) => (p.type === 'text' ? p.text : '')).join('\n')
      assert.ok(
        steadyText.includes('projected 55.8K followers by 2026-12-21 (55.4K–56.2K)'),
        steadyText,
      )
    })
  })
}
