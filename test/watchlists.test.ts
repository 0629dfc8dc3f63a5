/**
 * Watchlists and alerts end to end on every database: REST ownership and validation, the
 * watchlist view's numbers, and alert rules evaluated from real-shaped captures — each expected
 * value worked out by hand from the observations the test sends.
 */
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { createApiKey } from '../src/admin/api-keys.js'
import { type AlertLoop, startAlertLoop } from '../src/alerts/alert-loop.js'
import { queueAlertWebhooks } from '../src/alerts/alert-webhooks.js'
import { risingRanks } from '../src/alerts/rising-ranks.js'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { readContext } from '../src/queries/query-context.js'
import { createApp } from '../src/server/app.js'
import { startWebhookDelivery } from '../src/webhooks/delivery-runner.js'
import { objectAt, readFixture } from './fixtures.js'
import { contractAnswers } from './support/contract-answers.js'
import { testDatabases } from './support/databases.js'
import {
  capture,
  itemListBody,
  listUrl,
  userDetailBody,
  userUrl,
} from './support/fixture-captures.js'
import { startReceiver } from './support/webhook-receiver.js'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
/** When the rules are made. */
const T0 = Date.parse('2026-11-20T12:00:00Z')
const USERNAME = 'zg.520'

interface Answer<T> {
  status: number
  body: { data: T; pagination?: { total: number }; error?: { code: string; message: string } }
}

for (const target of testDatabases()) {
  describe(`watchlists and alerts on ${target.name}`, () => {
    let database: Database
    let app: FastifyInstance
    let clock = T0
    let keyA = ''
    let keyB = ''
    let admin = ''
    let loop: AlertLoop

    const conforms = contractAnswers()
    /** A call, its answer checked against the contract's schema for its operation and status. */
    const call = async <T>(
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      key: string | null,
      body?: unknown,
    ): Promise<Answer<T>> => {
      const res = await app.inject({
        method,
        url: `/api/v1${url}`,
        headers: key === null ? {} : { 'x-toklytics-key': key },
        ...(body === undefined ? {} : { payload: body as object }),
      })
      const answer = { status: res.statusCode, body: res.body === '' ? ({} as never) : res.json() }
      if (res.statusCode !== 204) {
        const path = url
          .split('?')[0]
          ?.replace(/\/wl_[0-9a-f]+/, '/{id}')
          .replace(/\/ar_[0-9a-f]+$/, '/{rule_id}')
          .replace(/\/items\/[^/]+\/[^/]+$/, '/items/{kind}/{ref}')
        conforms(method.toLowerCase(), path ?? url, res.statusCode, answer.body)
      }
      return answer
    }
    const ingest = (observedMs: number, url: string, body: unknown) =>
      ingestBatch(
        { database, now: () => clock },
        { contributor: 'test', captures: [capture(url, observedMs, body)] },
      )

    before(async () => {
      database = await target.open()
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        TOKLYTICS_RATE_LIMIT: 'off',
        // The test's webhook receiver listens on loopback.
        TOKLYTICS_WEBHOOK_ALLOW_PRIVATE: 'on',
      })
      app = await createApp({ config, database, now: () => clock })
      const make = async (name: string, tier: 'free' | 'pro' | 'admin') =>
        (await createApiKey(database.db, { name, tier, now: T0 / 1000 })).key
      keyA = await make('brand', 'pro')
      keyB = await make('agency', 'free')
      admin = await make('ops', 'admin')
      // Before the rules: 400,000 followers eight days before T0, 427,682 a day before it.
      await ingest(T0 - 8 * DAY_MS, userUrl(), userDetailBody({ followers: 400_000 }))
      await ingest(T0 - DAY_MS, userUrl(), userDetailBody({ followers: 427_682 }))
      loop = startAlertLoop({
        db: database.db,
        now: () => Math.floor(clock / 1000),
        intervalMs: 3_600_000,
      })
    })
    after(async () => {
      await loop.stop()
      await app.close()
      await database.close()
      await target.cleanup()
    })

    let listId = ''

    it('needs an API key, and names what is wrong in a body', async () => {
      const anonymous = await call('GET', '/watchlists', null)
      assert.equal(anonymous.status, 401)
      assert.match(anonymous.body.error?.message ?? '', /X-Toklytics-Key/)
      const noName = await call('POST', '/watchlists', keyA, { items: [] })
      assert.equal(noName.status, 400)
      assert.match(noName.body.error?.message ?? '', /'name'/)
      const badKind = await call('POST', '/watchlists', keyA, {
        name: 'x',
        items: [{ kind: 'playlist', ref: 'a' }],
      })
      assert.equal(badKind.status, 400)
      assert.match(badKind.body.error?.message ?? '', /items\.0\.kind/)
      const badRef = await call('POST', '/watchlists', keyA, {
        name: 'x',
        items: [{ kind: 'video', ref: 'not a video' }],
      })
      assert.equal(badRef.status, 400)
      assert.match(badRef.body.error?.message ?? '', /'ref'/)
    })

    it('creates a list with normalised items and serves their numbers', async () => {
      const created = await call<{ id: string; items: Array<Record<string, unknown>> }>(
        'POST',
        '/watchlists',
        keyA,
        {
          name: 'Roster',
          items: [
            { kind: 'creator', ref: '@ZG.520' },
            { kind: 'creator', ref: `https://www.tiktok.com/@${USERNAME}?lang=en` },
            { kind: 'hashtag', ref: '#China' },
            { kind: 'creator', ref: 'not_tracked_yet' },
          ],
        },
      )
      assert.equal(created.status, 201, JSON.stringify(created.body))
      listId = created.body.data.id
      assert.match(listId, /^wl_[0-9a-f]{16}$/)
      const items = created.body.data.items
      // The two spellings of zg.520 are one item.
      assert.deepEqual(
        items.map((i) => `${i.kind}:${i.ref}`),
        ['creator:not_tracked_yet', `creator:${USERNAME}`, 'hashtag:china'],
      )
      const creator = items.find((i) => i.ref === USERNAME)
      assert.equal(creator?.tracked, true)
      assert.equal(creator?.metric, 'followers')
      assert.equal(creator?.value, 427_682)
      // now = T0: the 7-day base is the observation at T0 − 8 d (400,000), the newest T0 − 1 d.
      // change 27,682; 100 × 27,682 / 400,000 = 6.9205 → 6.92.
      assert.deepEqual(creator?.change_7d, { change: 27_682, change_percent: 6.92 })
      // Nothing observed 30 days before now: no 30-day change (unknown, not 0).
      assert.equal(creator?.change_30d, null)
      // One day back from T0 is exactly the T0 − 1 d observation, which is the newest itself.
      assert.equal(creator?.change_1d, null)
      assert.deepEqual(creator?.sparkline, [
        { date: '2026-11-12', value: 400_000 },
        { date: '2026-11-19', value: 427_682 },
      ])
      const untracked = items.find((i) => i.ref === 'not_tracked_yet')
      assert.equal(untracked?.tracked, false)
      assert.equal(untracked?.value, null)
    })

    it('keeps each key to its own lists; an admin sees all', async () => {
      assert.equal((await call('GET', `/watchlists/${listId}`, keyB)).status, 404)
      assert.equal((await call('DELETE', `/watchlists/${listId}`, keyB)).status, 404)
      const mine = await call<unknown[]>('GET', '/watchlists', keyB)
      assert.deepEqual(mine.body.data, [])
      await call('POST', '/watchlists', keyB, { name: 'Roster' })
      const all = await call<Array<{ owner: string; name: string }>>('GET', '/watchlists', admin)
      assert.equal(all.body.data.length, 2)
      const dup = await call('POST', '/watchlists', keyA, { name: 'Roster' })
      assert.equal(dup.status, 400)
      assert.match(dup.body.error?.message ?? '', /exists already/)
    })

    it('adds and removes items and rules', async () => {
      const added = await call<{ items: unknown[] }>('POST', `/watchlists/${listId}/items`, keyA, {
        kind: 'video',
        ref: 'https://www.tiktok.com/@zg.520/video/7498337886933191777',
      })
      assert.equal(added.status, 201)
      assert.equal(added.body.data.items.length, 4)
      const removed = await call(
        'DELETE',
        `/watchlists/${listId}/items/creator/not_tracked_yet`,
        keyA,
      )
      assert.equal(removed.status, 204)
      const missing = await call(
        'DELETE',
        `/watchlists/${listId}/items/creator/not_tracked_yet`,
        keyA,
      )
      assert.equal(missing.status, 404)
      const noPercent = await call('POST', `/watchlists/${listId}/rules`, keyA, { kind: 'growth' })
      assert.equal(noPercent.status, 400)
      assert.match(noPercent.body.error?.message ?? '', /'percent'/)
      const stray = await call('POST', `/watchlists/${listId}/rules`, keyA, {
        kind: 'new_post',
        percent: 5,
      })
      assert.equal(stray.status, 400)
      const foreignHook = await call('POST', `/watchlists/${listId}/rules`, keyA, {
        kind: 'new_post',
        webhook_id: 'wh_nope',
      })
      assert.equal(foreignHook.status, 400)
      assert.match(foreignHook.body.error?.message ?? '', /'webhook_id'/)
    })

    it('fires each rule once per event, from observations made after it', async () => {
      const rule = async (body: Record<string, unknown>) => {
        const res = await call<{ id: string }>('POST', `/watchlists/${listId}/rules`, keyA, body)
        assert.equal(res.status, 201, JSON.stringify(res.body))
        return res.body.data.id
      }
      await rule({ kind: 'follower_milestone' })
      await rule({ kind: 'growth', percent: 10, window_days: 7 })
      await rule({ kind: 'drop', percent: 5 })
      await rule({ kind: 'new_post' })
      await rule({ kind: 'viral_video' })
      // Evaluated against the state at T0: nothing is news yet.
      assert.deepEqual(await loop.runOnce(), [])

      clock = T0 + 2 * HOUR_MS
      await ingest(T0 + HOUR_MS, userUrl(), userDetailBody({ followers: 500_100 }))
      await ingest(
        T0 + HOUR_MS,
        listUrl(),
        itemListBody(
          // Five ordinary videos posted long before: not new, and they set the median (10,000).
          ...[1, 2, 3, 4, 5].map((n) => ({
            id: `749833788693319100${n}`,
            plays: 10_000,
            postedAt: (T0 - 60 * DAY_MS) / 1000 + n,
          })),
          { id: '7498337886933191777', plays: 5_000_000, postedAt: (T0 + 30 * 60_000) / 1000 },
        ),
      )
      const fired = await loop.runOnce()
      const byKind = new Map(fired.map((a) => [a.kind, a]))
      assert.deepEqual([...byKind.keys()].sort(), [
        'follower_milestone',
        'growth',
        'new_post',
        'viral_video',
      ])
      // Baseline 427,682 (last seen before the rule); now 500,100: 500,000 is the highest
      // milestone between (1·2·5 ladder).
      assert.equal(byKind.get('follower_milestone')?.event_key, '500000')
      assert.equal(
        byKind.get('follower_milestone')?.message,
        '@zg.520 passed 500,000 followers (now 500,100).',
      )
      // Newest T0 + 1 h; 7 days before it the latest is T0 − 8 d (400,000):
      // 100 × 100,100 / 400,000 = 25.025 → 25.03 % ≥ 10.
      const growth = byKind.get('growth')
      assert.equal(growth?.event_key, '7d:2026-11-20')
      assert.equal(growth?.details.change_percent, 25.03)
      // Only the video posted after the rule is new; median 10,000 → threshold max(30,000, 100,000).
      assert.equal(byKind.get('new_post')?.event_key, '7498337886933191777')
      assert.equal(byKind.get('viral_video')?.event_key, '7498337886933191777')
      // The viral rule watches the video item too: the same video from that item.
      assert.equal(fired.filter((a) => a.kind === 'viral_video').length, 2)

      // The same data again, and a later observation the same day: nothing new.
      await ingest(T0 + 90 * 60_000, userUrl(), userDetailBody({ followers: 500_200 }))
      assert.deepEqual(await loop.runOnce(), [])
      // Another process, with no memory of its own, evaluating everything again: nothing twice.
      await database.db.updateTable('alert_cursor').set({ version: -1 }).execute()
      const other = startAlertLoop({
        db: database.db,
        now: () => Math.floor(clock / 1000),
        intervalMs: 3_600_000,
      })
      assert.deepEqual(await other.runOnce(), [])
      await other.stop()

      const alerts = await call<Array<{ kind: string; message: string }>>('GET', '/alerts', keyA)
      assert.equal(alerts.body.pagination?.total, 5)
      const others = await call<unknown[]>('GET', '/alerts', keyB)
      assert.equal(others.body.pagination?.total, 0)
      const ofList = await call<unknown[]>('GET', `/watchlists/${listId}/alerts?limit=2`, keyA)
      assert.equal(ofList.body.data.length, 2)
      assert.equal(ofList.body.pagination?.total, 5)
    })

    it('sends new alerts to the owner’s webhook, signed; a rising hashtag fires once a period', async () => {
      const receiver = await startReceiver()
      try {
        const hook = await call<{ id: string; secret: string }>('POST', '/webhooks', keyA, {
          url: receiver.url,
        })
        assert.equal(hook.status, 201, JSON.stringify(hook.body))
        await call('POST', `/watchlists/${listId}/items`, keyA, {
          kind: 'hashtag',
          ref: '#Olympian',
        })
        const rule = await call<{ id: string }>('POST', `/watchlists/${listId}/rules`, keyA, {
          kind: 'rising',
          top: 5,
          webhook_id: hook.body.data.id,
        })
        assert.equal(rule.status, 201, JSON.stringify(rule.body))
        // #olympian's video count on TikTok: 9,572 five days ago, 12,572 one day ago (§8: the
        // only hashtag with two observations in the week, so rank 1).
        const challenge = (videos: number) => {
          const body = objectAt(readFixture('aweme_challenge_detail.sample1.json'))
          objectAt(body, 'ch_info').user_count = videos
          return body
        }
        const hashtagPage =
          'https://api16-normal.tiktokv.com/aweme/v1/challenge/detail/?ch_id=2087230'
        await ingest(clock - 5 * DAY_MS, hashtagPage, challenge(9_572))
        await ingest(clock - DAY_MS, hashtagPage, challenge(12_572))
        const ctx = readContext(database, {
          now: () => Math.floor(clock / 1000),
          publicBaseUrl: '',
        })
        const withHooks = startAlertLoop({
          db: database.db,
          now: () => Math.floor(clock / 1000),
          rising: risingRanks(ctx),
          deliver: queueAlertWebhooks,
          intervalMs: 3_600_000,
        })
        const fired = await withHooks.runOnce()
        // The rule watches the list's creator too: zg.520 went 427,682 → 500,100 this week.
        assert.deepEqual(fired.map((a) => [a.kind, a.item_ref, a.message]).sort(), [
          ['rising', 'olympian', '#olympian is rising: #1 on the 7d rising hashtags.'],
          ['rising', 'zg.520', '@zg.520 is rising: #1 on the 7d rising creators.'],
        ])
        // Again in the same period: nothing new.
        assert.deepEqual(await withHooks.runOnce(), [])
        await withHooks.stop()

        const runner = startWebhookDelivery({
          database,
          config: { webhookAllowPrivate: true },
          nowMs: () => clock,
          intervalMs: 3_600_000,
        })
        assert.equal(await runner.runOnce(), 2)
        await runner.stop()
        const delivery = receiver.received.find((r) => r.raw.includes('olympian'))
        assert.ok(delivery)
        assert.equal(receiver.received.length, 2)
        const signature = String(delivery.headers['toklytics-signature'])
        const t = /t=(\d+)/.exec(signature)?.[1] ?? ''
        const expected = createHmac('sha256', hook.body.data.secret)
          .update(`${t}.${delivery.raw}`)
          .digest('hex')
        assert.equal(signature, `t=${t},v1=${expected}`)
        assert.equal(delivery.headers['toklytics-event'], 'alert.fired')
        const body = JSON.parse(delivery.raw) as {
          event: string
          data: { kind: string; message: string; details: { rank: number } }
        }
        assert.equal(body.event, 'alert.fired')
        assert.equal(body.data.kind, 'rising')
        assert.equal(body.data.details.rank, 1)
      } finally {
        await receiver.close()
      }
    })

    it('deletes a list with its rules and alerts', async () => {
      assert.equal((await call('DELETE', `/watchlists/${listId}`, keyA)).status, 204)
      assert.equal((await call('GET', `/watchlists/${listId}`, admin)).status, 404)
      const alerts = await call<unknown[]>('GET', '/alerts', keyA)
      assert.equal(alerts.body.pagination?.total, 0)
      const rules = await database.db.selectFrom('alert_rules').select('id').execute()
      assert.deepEqual(rules, [])
    })
  })
}
