/** The `toklytics` command as a user runs it (a real process): import, reprocess, demo, demo remove. */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { openDatabase } from '../src/db/open.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'

const run = promisify(execFile)
const CLI = new URL('../src/cli/main.ts', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'toklytics-cli-'))

async function toklytics(dbUrl: string, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', CLI, '--db', dbUrl, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent' },
    timeout: 120_000,
  })
}

/** A HAR as Chrome saves it "with content": JSON XHRs, a page with embedded JSON, other hosts. */
function harFile(): string {
  const page = {
    __DEFAULT_SCOPE__: {
      'webapp.app-context': { user: { uniqueId: 'the_viewer' } },
      'webapp.user-detail': {
        userInfo: readFixture('ssr_user_detail.userInfo.sample1.json'),
        statusCode: 0,
      },
    },
  }
  const html = `<!DOCTYPE html><html><head></head><body><script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">${JSON.stringify(page)}</script></body></html>`
  const entry = (url: string, mimeType: string, text: string, encoding?: string) => ({
    startedDateTime: '2026-11-20T10:00:00.000Z',
    request: { method: 'GET', url, headers: [] },
    response: {
      status: 200,
      content: { size: text.length, mimeType, text, ...(encoding ? { encoding } : {}) },
    },
  })
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      entries: [
        entry(
          'https://www.tiktok.com/api/user/detail/?uniqueId=x&msToken=SECRET',
          'application/json',
          JSON.stringify(readFixture('user_detail.sample1.json')),
        ),
        entry(
          'https://www.tiktok.com/api/post/item_list/?secUid=x&cursor=0',
          'application/json',
          Buffer.from(JSON.stringify(readFixture('post_item_list.sample1.json'))).toString(
            'base64',
          ),
          'base64',
        ),
        entry('https://www.tiktok.com/@someone', 'text/html', html),
        entry(
          'https://www.tiktok.com/api/comment/list/?aweme_id=1',
          'application/json',
          JSON.stringify(readFixture('comment_list.sample1.json')),
        ),
        entry('https://example.com/api/user/detail/', 'application/json', '{}'),
        entry('https://www.tiktok.com/static/app.js', 'application/javascript', 'var x = 1'),
      ],
    },
  }
  const path = join(dir, 'session.har')
  writeFileSync(path, JSON.stringify(har))
  return path
}

function ndjsonFile(): string {
  const lines = [
    {
      url: 'https://www.tiktok.com/api/recommend/item_list/',
      observed_at: 1763632800000,
      body: readFixture('recommend_item_list.sample1.json'),
    },
    {
      url: 'https://www.tiktok.com/api/post/item_list/?secUid=y',
      observed_at: '2026-11-20T11:00:00Z',
      body: readFixture('post_item_list.popular.sample2.json'),
    },
  ].map((l) => JSON.stringify(l))
  const path = join(dir, 'captures.ndjson')
  writeFileSync(path, `${lines.join('\n')}\nthis line is not json\n`)
  return path
}

for (const target of testDatabases()) {
  describe(`toklytics CLI on ${target.name}`, () => {
    after(() => target.cleanup())

    it('imports HAR and NDJSON files, reports by reason, and is idempotent', async () => {
      const database = await target.open()
      await database.close()
      const url = target.url()
      const har = await toklytics(url, 'import', harFile())
      assert.match(har.stdout, /4 captures: 3 accepted, 0 duplicate, 1 dropped/)
      assert.match(har.stdout, /dropped unsupported_kind: 1/)
      const nd = await toklytics(url, 'import', ndjsonFile())
      // The line that is not JSON never becomes a capture: it is skipped, with its line number.
      assert.match(nd.stdout, /2 captures: 2 accepted, 0 duplicate, 0 dropped, 1 skipped/)
      assert.match(nd.stdout, /skipped not JSON: 1 \(at 3\)/)
      const again = await toklytics(url, 'import', dir)
      assert.match(
        again.stdout,
        /total: 2 files; 6 captures: 0 accepted, 5 duplicate, 1 dropped, 1 skipped/,
      )
      const db = await openDatabase(url)
      try {
        const urls = (await db.db.selectFrom('captures').select('url').execute()).map((r) => r.url)
        assert.equal(urls.length, 5)
        assert.ok(urls.every((u) => !u.includes('msToken')))
        const creators = await db.db
          .selectFrom('creators')
          .select(['username', 'followers'])
          .where('followers', '=', 427682)
          .execute()
        assert.equal(creators.length, 1)
        const viewer = await db.db
          .selectFrom('creators')
          .select('id')
          .where('username', '=', 'the_viewer')
          .execute()
        assert.equal(viewer.length, 0)
      } finally {
        await db.close()
      }
    })

    it('reprocess rebuilds the same entities from the raw captures, every time', async () => {
      const url = target.url()
      const snapshot = async () => {
        const db = await openDatabase(url)
        try {
          return {
            creators: await db.db.selectFrom('creators').selectAll().orderBy('id').execute(),
            videos: await db.db.selectFrom('videos').selectAll().orderBy('id').execute(),
            hashtags: await db.db.selectFrom('hashtags').selectAll().orderBy('name').execute(),
            sounds: await db.db.selectFrom('sounds').selectAll().orderBy('id').execute(),
            snapshots: await db.db
              .selectFrom('video_snapshots')
              .selectAll()
              .orderBy('video_id')
              .orderBy('observed_at')
              .execute(),
          }
        } finally {
          await db.close()
        }
      }
      const before = await snapshot()
      const first = await toklytics(url, 'reprocess')
      assert.match(first.stdout, /reprocessed 5 captures: 5 parsed, 0 failed/)
      assert.deepEqual(await snapshot(), before)
      await toklytics(url, 'reprocess')
      assert.deepEqual(await snapshot(), before)
    })

    it('demo adds a marked data set and demo remove deletes exactly it', async () => {
      const url = target.url()
      const count = async () => {
        const db = await openDatabase(url)
        try {
          const n = async (t: 'creators' | 'videos' | 'hashtags' | 'sounds' | 'captures') =>
            Number(
              (
                await db.db
                  .selectFrom(t)
                  .select((eb) => eb.fn.countAll<number>().as('n'))
                  .executeTakeFirstOrThrow()
              ).n,
            )
          return {
            creators: await n('creators'),
            videos: await n('videos'),
            hashtags: await n('hashtags'),
            sounds: await n('sounds'),
            captures: await n('captures'),
            profiles: Number(
              (
                await db.db
                  .selectFrom('creators')
                  .select((eb) => eb.fn.countAll<number>().as('n'))
                  .where('profile_observed_at', 'is not', null)
                  .executeTakeFirstOrThrow()
              ).n,
            ),
            real: await db.db.selectFrom('creators').selectAll().orderBy('id').execute(),
            tags: await db.db.selectFrom('hashtags').selectAll().orderBy('name').execute(),
          }
        } finally {
          await db.close()
        }
      }
      const before = await count()
      const demo = await toklytics(url, 'demo', '--creators', '12', '--seed', '7')
      assert.match(demo.stdout, /demo: 12 creators, \d+ captures accepted, 0 duplicate, 0 dropped/)
      const withDemo = await count()
      // 12 profiled creators; sound authors named by music payloads are creators too.
      assert.equal(withDemo.profiles, before.profiles + 12)
      assert.ok(withDemo.videos >= before.videos + 12 * 10)
      const removed = await toklytics(url, 'demo', 'remove')
      assert.match(
        removed.stdout,
        new RegExp(
          `removed demo data: ${withDemo.creators - before.creators} creators, ${withDemo.videos - before.videos} videos`,
        ),
      )
      assert.deepEqual(await count(), before)
    })
  })
}
