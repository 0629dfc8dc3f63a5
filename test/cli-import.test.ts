/**
 * `toklytics import` as a user runs it (a real process) on what users have: a folder of raw
 * TikTok responses saved from the network panel, a saved page, a realistic HAR, a Zeeschuimer
 * export, bad files; the per-file report, `--dry-run` and the exit codes, checked in the database.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openDatabase } from '../src/db/open.js'
import { FIXTURES_DIR, listAt, objectAt, readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'
import { zeeschuimerNdjson, zeeschuimerRecord } from './support/zeeschuimer-export.js'

const CLI = new URL('../src/cli/main.ts', import.meta.url).pathname
const root = mkdtempSync(join(tmpdir(), 'toklytics-cli-import-'))

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI; a non-zero exit is a result here, not a failure. */
function toklytics(dbUrl: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, '--db', dbUrl, 'import', ...args],
      { env: { ...process.env, LOG_LEVEL: 'silent' }, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error)
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr })
      },
    )
  })
}

function write(path: string, data: string): string {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, data)
  return path
}

const str = (value: unknown, ...path: (string | number)[]): string => {
  const leaf = objectAt(value, ...path.slice(0, -1))[String(path.at(-1))]
  assert.equal(typeof leaf, 'string', path.join('.'))
  return leaf as string
}

// The real samples, and what they name, read by hand from their JSON.
const userDetail = readFixture('user_detail.sample1.json')
const post = readFixture('post_item_list.sample1.json')
const recommend = readFixture('recommend_item_list.sample1.json')
const search = readFixture('search_general_full.sample1.json')
const comments = readFixture('comment_list.sample1.json')
const awemeList = readFixture('aweme_challenge_aweme_list.sample1.json')
const awemeChallenge = readFixture('aweme_challenge_detail.sample1.json')
const awemeMusic = readFixture('aweme_music_detail.sample1.json')
const ssrUser = readFixture('ssr_user_detail.userInfo.sample2.json')
const ssrVideo = readFixture('ssr_video_detail.itemStruct_projected.sample1.json')
const legacyChallenge = readFixture('legacy2020_challenge_info.sample1.json')
const sigiItem = readFixture('sigi_state.ItemModule_item.sample1.json')
// The app's answers as files researchers keep them: exactly the bytes TikTok sent (ids above
// 2^53 stay as written).
const appFile = (name: string) => readFileSync(join(FIXTURES_DIR, name), 'utf8')
const appMultiDetail = readFixture('aweme_multi_detail.sample1.json')
const appSearch = readFixture('aweme_search_general.sample1.json')
const appUsers = readFixture('aweme_discover_search.sample1.json')
const appMusic = readFixture('aweme_music_search.sample1.json')
const legacyList = readFixture('legacy2020_share_item_list.sample1.json')

const recommendItems = listAt(recommend, 'itemList')
const searchEntries = listAt(search, 'data')
const searchVideoIds = searchEntries
  .filter((e) => objectAt(e).type === 1)
  .map((e) => str(e, 'item', 'id'))
const searchUsernames = searchEntries
  .filter((e) => objectAt(e).type === 4)
  .flatMap((e) => listAt(e, 'user_list').map((u) => str(u, 'user_info', 'unique_id')))

/** A page as the browser saves it ("Web page, HTML only"), with the viewer's block in it. */
function savedPage(userInfo: unknown): string {
  const data = {
    __DEFAULT_SCOPE__: {
      'webapp.app-context': { user: { uniqueId: 'the_viewer' }, region: 'NL' },
      'webapp.user-detail': { statusCode: 0, userInfo },
    },
  }
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>TikTok</title><script src="https://sf16-website-login.neutral.ttwstatic.com/webapp.js"></script></head><body><div id="app"></div><script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">${JSON.stringify(data)}</script></body></html>`
}

/** Files of a raw folder: path → content, and whether its capture is accepted. */
const RAW: Array<{ path: string; body: string; accepted: boolean; format: string }> = [
  {
    path: 'user_detail.json',
    body: JSON.stringify(userDetail),
    accepted: true,
    format: "TikTok response: user_detail (userInfo), dated by TikTok's extra.now",
  },
  // Firefox's "Save Response As" names the file after the URL, without an extension.
  {
    path: 'feeds/item_list',
    body: JSON.stringify(post, null, 2),
    accepted: true,
    format: "TikTok response: item_list (itemList), dated by TikTok's extra.now",
  },
  {
    path: 'feeds/recommend.json',
    body: JSON.stringify(recommend),
    accepted: true,
    format: "TikTok response: item_list (itemList), dated by TikTok's extra.now",
  },
  {
    path: 'search.json',
    body: JSON.stringify(search),
    accepted: true,
    format: "TikTok response: search_general (data[] of type 1/4), dated by TikTok's extra.now",
  },
  {
    path: 'comments.json',
    body: JSON.stringify(comments),
    accepted: false,
    format: "TikTok response: comment_list (comments), dated by TikTok's extra.now",
  },
  {
    path: 'app/hashtag_videos.json',
    body: JSON.stringify(awemeList),
    accepted: true,
    format: "TikTok response: aweme_list (aweme_list), dated by TikTok's extra.now",
  },
  {
    path: 'app/hashtag.json',
    body: JSON.stringify(awemeChallenge),
    accepted: true,
    format: "TikTok response: aweme_challenge_detail (ch_info), dated by TikTok's extra.now",
  },
  {
    path: 'app/sound.json',
    body: JSON.stringify(awemeMusic),
    accepted: true,
    format: "TikTok response: aweme_music_detail (music_info), dated by TikTok's extra.now",
  },
  {
    path: 'pages/profile.html',
    body: savedPage(ssrUser),
    accepted: true,
    format: 'saved TikTok page: universal_data (__DEFAULT_SCOPE__), dated by file time',
  },
  {
    path: 'video.json',
    body: JSON.stringify(ssrVideo),
    accepted: true,
    format: 'TikTok response: item_list (a bare item struct), dated by file time',
  },
  {
    path: 'hashtag-2020.json',
    body: JSON.stringify(legacyChallenge),
    accepted: true,
    format:
      'TikTok response: challenge_detail (a bare challengeInfo (challenge, stats)), dated by file time',
  },
  {
    path: 'years/2020/share_item_list.json',
    body: appFile('legacy2020_share_item_list.sample1.json'),
    accepted: true,
    format: 'TikTok response: legacy_item_list (itemListData[].itemInfos), dated by file time',
  },
  {
    path: 'app/multi_detail.json',
    body: appFile('aweme_multi_detail.sample1.json'),
    accepted: true,
    format: "TikTok response: aweme_list (aweme_details), dated by TikTok's extra.now",
  },
  {
    path: 'app/general_search.json',
    body: appFile('aweme_search_general.sample1.json'),
    accepted: true,
    format: "TikTok response: search_general (data[] of type 1/4), dated by TikTok's extra.now",
  },
  {
    path: 'app/user_search.json',
    body: appFile('aweme_discover_search.sample1.json'),
    accepted: true,
    format: "TikTok response: search_user (user_list), dated by TikTok's extra.now",
  },
  {
    path: 'app/music_search.json',
    body: appFile('aweme_music_search.sample1.json'),
    accepted: true,
    format:
      "TikTok response: aweme_music_search (music[] of app sounds), dated by TikTok's extra.now",
  },
]

const BAD = [
  { path: 'notes.txt', body: 'saved from the network panel\n', reason: /^not JSON \(/ },
  {
    path: 'other.json',
    body: JSON.stringify({ name: 'toklytics', version: '0.1.0', private: true }),
    reason: /^JSON but no known TikTok shape \(top-level keys: name, version, private\)$/,
  },
]

/** A folder of raw responses with two bad files and an image, in a fresh directory. */
function rawFolder(name: string): string {
  const dir = join(root, name)
  for (const f of [...RAW, ...BAD]) write(join(dir, f.path), f.body)
  write(join(dir, 'pages/cover.jpeg'), 'not read')
  return dir
}

const ACCEPTED = RAW.filter((f) => f.accepted).length

async function counts(url: string) {
  const db = await openDatabase(url, { migrate: 'none' })
  try {
    const n = async (table: 'captures' | 'creators' | 'videos' | 'hashtags' | 'sounds') =>
      Number(
        (
          await db.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    return {
      captures: await n('captures'),
      creators: await n('creators'),
      videos: await n('videos'),
      hashtags: await n('hashtags'),
      sounds: await n('sounds'),
    }
  } finally {
    await db.close()
  }
}

/** A HAR as Chrome saves it "with content": a page, XHRs, other hosts, telemetry, a lost body. */
function chromeHar(): string {
  const when = (s: number) => new Date(Date.UTC(2026, 10, 20, 10, 0, s)).toISOString()
  const entry = (
    s: number,
    resourceType: string,
    url: string,
    mimeType: string,
    text?: string,
    encoding?: string,
  ) => ({
    _initiator: { type: resourceType === 'document' ? 'other' : 'script' },
    _priority: 'High',
    _resourceType: resourceType,
    cache: {},
    connection: '443',
    request: {
      method: 'GET',
      url,
      httpVersion: 'http/2.0',
      headers: [
        { name: 'cookie', value: 'sessionid=SECRET; msToken=SECRET' },
        { name: 'user-agent', value: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0' },
      ],
      queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 200,
      statusText: '',
      httpVersion: 'http/2.0',
      headers: [{ name: 'content-type', value: mimeType }],
      cookies: [],
      content: {
        size: text?.length ?? 0,
        mimeType,
        ...(text === undefined ? {} : { text }),
        ...(encoding ? { encoding } : {}),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      _transferSize: 1200,
      _error: null,
    },
    serverIPAddress: '23.44.5.6',
    startedDateTime: when(s),
    time: 120.5,
    timings: { blocked: 1, dns: -1, ssl: -1, connect: -1, send: 0.1, wait: 110, receive: 9 },
  })
  const sign = '&msToken=SECRET_TOKEN&X-Bogus=DFSzswVSECRET&X-Gnarly=SECRET&verifyFp=verify_SECRET'
  const secUid = str(post, 'itemList', 0, 'author', 'secUid')
  const entries = [
    entry(1, 'document', 'https://www.tiktok.com/@zg.520', 'text/html', savedPage(ssrUser)),
    entry(
      2,
      'script',
      'https://sf16-website-login.neutral.ttwstatic.com/obj/webapp.js',
      'application/javascript',
      'var a=1',
    ),
    entry(
      3,
      'fetch',
      `https://www.tiktok.com/api/user/detail/?WebIdLastTime=1760939000&aid=1988&uniqueId=zg.520${sign}`,
      'application/json',
      JSON.stringify(userDetail),
    ),
    entry(
      4,
      'fetch',
      `https://www.tiktok.com/api/post/item_list/?aid=1988&count=35&cursor=0&secUid=${secUid}${sign}`,
      'application/json',
      Buffer.from(JSON.stringify(post)).toString('base64'),
      'base64',
    ),
    entry(
      5,
      'xhr',
      'https://mon.tiktokv.com/monitor_browser/collect/batch/?biz_id=tiktok_web',
      'application/json',
      '{"code":0}',
    ),
    entry(
      6,
      'fetch',
      `https://www.tiktok.com/api/recommend/item_list/?aid=1988&count=30${sign}`,
      'application/json',
      JSON.stringify(recommend),
    ),
    entry(
      7,
      'fetch',
      `https://www.tiktok.com/api/comment/list/?aweme_id=7513039993741397256${sign}`,
      'application/json',
      JSON.stringify(comments),
    ),
    entry(
      8,
      'image',
      'https://p16-sign-va.tiktokcdn.com/obj/cover.jpeg',
      'image/jpeg',
      'AAAA',
      'base64',
    ),
    // Chrome keeps no body for some responses (the search answer here).
    entry(
      9,
      'fetch',
      `https://www.tiktok.com/api/search/general/full/?keyword=tiktok${sign}`,
      'application/json',
    ),
    entry(
      10,
      'fetch',
      'https://webcast.tiktok.com/webcast/feed/?aid=1988',
      'application/json',
      '{"data":[],"extra":{"now":1763632810000},"status_code":0}',
    ),
  ]
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [
        {
          startedDateTime: when(0),
          id: 'page_1',
          title: 'https://www.tiktok.com/@zg.520',
          pageTimings: {},
        },
      ],
      entries,
    },
  })
}

for (const target of testDatabases()) {
  describe(`toklytics import on ${target.name}`, () => {
    after(async () => {
      await target.cleanup()
    })

    it('imports a folder of raw responses and a saved page, file by file; --dry-run writes nothing', async () => {
      const database = await target.open()
      await database.close()
      const url = target.url()
      const dir = rawFolder(`raw-${target.name}`)
      const files = [...RAW, ...BAD].length

      const dry = await toklytics(url, '--dry-run', dir)
      assert.equal(dry.code, 0, dry.stderr)
      assert.match(
        dry.stdout,
        new RegExp(
          `dry run, nothing written: total: ${files} files, 2 not usable, 1 ignored for their extension; ${RAW.length} captures: ${ACCEPTED} would be accepted, 0 duplicate, 1 dropped`,
        ),
      )
      assert.deepEqual(await counts(url), {
        captures: 0,
        creators: 0,
        videos: 0,
        hashtags: 0,
        sounds: 0,
      })

      const run = await toklytics(url, dir)
      assert.equal(run.code, 0, run.stderr)
      for (const f of RAW) {
        const name = join(dir, f.path)
        assert.ok(
          run.stdout.includes(`${name}: ${f.format}\n`),
          `${f.path} reported as ${f.format}\n${run.stdout}`,
        )
        assert.ok(
          run.stdout.includes(
            `${name}: ${f.format}\n  1 capture: ${f.accepted ? 1 : 0} accepted, 0 duplicate, ${f.accepted ? 0 : 1} dropped\n`,
          ),
          `${f.path} counts`,
        )
      }
      assert.match(
        run.stdout,
        /dropped unsupported_kind: 1 \(comment lists are recognised but comments are not stored\)/,
      )
      assert.match(
        run.stdout,
        new RegExp(
          `total: ${files} files, 2 not usable, 1 ignored for their extension; ${RAW.length} captures: ${ACCEPTED} accepted, 0 duplicate, 1 dropped\n$`,
        ),
      )
      // Bad files are named with their reason, on stderr only.
      for (const bad of BAD) {
        const line = run.stderr
          .split('\n')
          .find((l) => l.startsWith(`toklytics import: ${join(dir, bad.path)}: `))
        assert.ok(line, `${bad.path} named on stderr`)
        assert.match(line.slice(`toklytics import: ${join(dir, bad.path)}: `.length), bad.reason)
        assert.ok(!run.stdout.includes(bad.path))
      }

      const db = await openDatabase(url, { migrate: 'none' })
      try {
        const usernames = new Set(
          (await db.db.selectFrom('creators').select('username').execute()).map((r) => r.username),
        )
        const expectedUsers = [
          str(userDetail, 'userInfo', 'user', 'uniqueId'),
          ...recommendItems.map((_, i) => str(recommend, 'itemList', i, 'author', 'uniqueId')),
          ...searchUsernames,
          str(awemeList, 'aweme_list', 0, 'author', 'unique_id'),
          str(ssrUser, 'user', 'uniqueId'),
          str(appMultiDetail, 'aweme_details', 0, 'author', 'unique_id'),
          str(appSearch, 'data', 0, 'aweme_info', 'author', 'unique_id'),
          ...listAt(appUsers, 'user_list').map((_, i) =>
            str(appUsers, 'user_list', i, 'user_info', 'unique_id'),
          ),
        ]
        for (const u of expectedUsers) assert.ok(usernames.has(u), `creator ${u}`)
        assert.ok(!usernames.has('the_viewer'), 'the viewer of the saved page is not a creator')
        const videoIds = new Set(
          (await db.db.selectFrom('videos').select('id').execute()).map((r) => r.id),
        )
        const expectedVideos = [
          str(post, 'itemList', 0, 'id'),
          ...recommendItems.map((_, i) => str(recommend, 'itemList', i, 'id')),
          ...searchVideoIds,
          str(awemeList, 'aweme_list', 0, 'aweme_id'),
          str(ssrVideo, 'id'),
          str(appMultiDetail, 'aweme_details', 0, 'aweme_id'),
          ...listAt(legacyList, 'body', 'itemListData').map((_, i) =>
            str(legacyList, 'body', 'itemListData', i, 'itemInfos', 'id'),
          ),
          str(appSearch, 'data', 0, 'aweme_info', 'aweme_id'),
        ]
        for (const id of expectedVideos) assert.ok(videoIds.has(id), `video ${id}`)
        const tags = new Set(
          (await db.db.selectFrom('hashtags').select('name').execute()).map((r) => r.name),
        )
        assert.ok(tags.has(str(awemeChallenge, 'ch_info', 'cha_name').toLowerCase()))
        assert.ok(tags.has(str(legacyChallenge, 'challenge', 'title').toLowerCase()))
        const sound = await db.db
          .selectFrom('sounds')
          .select('id')
          .where('id', '=', str(awemeMusic, 'music_info', 'id_str'))
          .execute()
        assert.equal(sound.length, 1)
        // Every sound of the app's music search, by its exact id (id_str), with the video count
        // of the newest answer that gave one: one of them is also in the (later) music detail.
        const newest = new Map<string, { at: number; count: number }>()
        const report = (body: unknown, music: unknown) => {
          const at = Number(objectAt(body, 'extra').now)
          const id = str(music, 'id_str')
          const seen = newest.get(id)
          if (seen === undefined || at > seen.at) {
            newest.set(id, { at, count: Number(objectAt(music).user_count) })
          }
        }
        for (const m of listAt(appMusic, 'music')) report(appMusic, m)
        report(awemeMusic, objectAt(awemeMusic, 'music_info'))
        const searched = listAt(appMusic, 'music').map((_, i) =>
          str(appMusic, 'music', i, 'id_str'),
        )
        const stored = await db.db
          .selectFrom('sounds')
          .select(['id', 'tiktok_user_count'])
          .where('id', 'in', searched)
          .execute()
        assert.deepEqual(
          stored.map((r) => [r.id, Number(r.tiktok_user_count)]).sort(),
          searched.map((id) => [id, newest.get(id)?.count]).sort(),
        )
        // A user search card is a profile: its follower count is stored as sent.
        const card = objectAt(appUsers, 'user_list', 0, 'user_info')
        const huda = await db.db
          .selectFrom('creators')
          .select('followers')
          .where('username', '=', str(card, 'unique_id'))
          .executeTakeFirstOrThrow()
        assert.equal(Number(huda.followers), card.follower_count)
        // The profile's exact follower count (statsV2), observed when TikTok answered (extra.now).
        const profile = await db.db
          .selectFrom('creators')
          .select(['followers'])
          .where('username', '=', str(userDetail, 'userInfo', 'user', 'uniqueId'))
          .executeTakeFirstOrThrow()
        assert.equal(
          profile.followers,
          Number(str(userDetail, 'userInfo', 'statsV2', 'followerCount')),
        )
        const extraNow = objectAt(userDetail, 'extra').now
        assert.equal(typeof extraNow, 'number')
        const captures = await db.db
          .selectFrom('captures')
          .select(['url', 'observed_at', 'contributor'])
          .execute()
        assert.equal(captures.length, ACCEPTED)
        assert.ok(captures.every((c) => c.contributor === 'cli-import'))
        const detail = captures.find((c) => c.url === 'https://www.tiktok.com/api/user/detail/')
        assert.equal(detail?.observed_at, Math.floor(Number(extraNow) / 1000))
      } finally {
        await db.close()
      }

      // Again: everything is already there, which is a success (exit 0), and a dry run says so.
      const again = await toklytics(url, dir)
      assert.equal(again.code, 0)
      assert.match(
        again.stdout,
        new RegExp(`${RAW.length} captures: 0 accepted, ${ACCEPTED} duplicate, 1 dropped\n$`),
      )
      const dryAgain = await toklytics(url, '--dry-run', dir)
      assert.equal(dryAgain.code, 0)
      assert.match(
        dryAgain.stdout,
        new RegExp(`0 would be accepted, ${ACCEPTED} duplicate, 1 dropped\n$`),
      )
      assert.equal((await counts(url)).captures, ACCEPTED)
    })

    if (target.name === 'sqlite') {
      it('--dry-run does not create a database that does not exist', async () => {
        const path = join(root, 'never', 'created.sqlite')
        const dry = await toklytics(`sqlite:${path}`, '--dry-run', rawFolder('raw-never'))
        assert.equal(dry.code, 0, dry.stderr)
        assert.match(
          dry.stdout,
          new RegExp(`${ACCEPTED} would be accepted, 0 duplicate, 1 dropped\n$`),
        )
        assert.equal(existsSync(path), false)
        assert.equal(existsSync(dirname(path)), false)
      })
    }

    it('imports a HAR saved by Chrome: TikTok responses only, secrets cut, skipped entries named', async () => {
      const database = await target.open()
      await database.close()
      const url = target.url()
      const har = write(join(root, `har-${target.name}`, 'www.tiktok.com.har'), chromeHar())
      const run = await toklytics(url, har)
      assert.equal(run.code, 0, run.stderr)
      // 10 entries; 8 from TikTok hosts that are not scripts or images; telemetry and the
      // webcast feed (no content shape in either body) and the bodiless search answer skipped;
      // the comment list (a known path whose kind is not stored) dropped.
      assert.ok(run.stdout.startsWith(`${har}: HAR (10 entries, 8 TikTok responses)\n`), run.stdout)
      assert.match(run.stdout, /\n {2}5 captures: 4 accepted, 0 duplicate, 1 dropped, 3 skipped\n/)
      assert.match(run.stdout, /\n {2}dropped unsupported_kind: 1 \(/)
      assert.match(
        run.stdout,
        /\n {2}skipped a TikTok request Toklytics does not read: 2 \(at 5, 10\)\n/,
      )
      assert.match(
        run.stdout,
        /\n {2}skipped no saved body \(save the HAR "with content"\): 1 \(at 9\)\n/,
      )
      const db = await openDatabase(url, { migrate: 'none' })
      try {
        const urls = (await db.db.selectFrom('captures').select('url').execute()).map((r) => r.url)
        assert.equal(urls.length, 4)
        for (const u of urls)
          assert.doesNotMatch(u, /msToken|X-Bogus|X-Gnarly|verifyFp|WebIdLastTime/)
        const users = (await db.db.selectFrom('creators').select('username').execute()).map(
          (r) => r.username,
        )
        assert.ok(users.includes(str(userDetail, 'userInfo', 'user', 'uniqueId')))
        assert.ok(users.includes(str(ssrUser, 'user', 'uniqueId')))
        assert.ok(!users.includes('the_viewer'))
        const videos = new Set(
          (await db.db.selectFrom('videos').select('id').execute()).map((r) => r.id),
        )
        for (const [i] of recommendItems.entries())
          assert.ok(videos.has(str(recommend, 'itemList', i, 'id')))
        // The search answer had no saved body: none of its videos came in.
        for (const id of searchVideoIds) assert.ok(!videos.has(id))
      } finally {
        await db.close()
      }
    })

    it('imports a Zeeschuimer export: TikTok items observed when collected, other platforms skipped', async () => {
      const database = await target.open()
      await database.close()
      const url = target.url()
      const t0 = Date.UTC(2025, 9, 21, 8, 30, 0)
      const postItem = objectAt(post, 'itemList', 0)
      const secUid = str(postItem, 'author', 'secUid')
      const records = [
        ...recommendItems.map((item, i) =>
          zeeschuimerRecord(i + 1, objectAt(item), t0 + i * 1000, {
            pageUrl: 'https://www.tiktok.com/foryou',
            sourceUrl:
              'https://www.tiktok.com/api/recommend/item_list/?aid=1988&count=30&msToken=SECRET&X-Bogus=SECRET',
          }),
        ),
        zeeschuimerRecord(7, postItem, t0 + 60_000, {
          sourceUrl: `https://www.tiktok.com/api/post/item_list/?aid=1988&count=35&cursor=0&secUid=${secUid}&msToken=SECRET`,
        }),
        // A SIGI page item: its source is the page, not an item list.
        zeeschuimerRecord(8, objectAt(sigiItem), t0 + 120_000, {
          pageUrl: str(sigiItem, 'url'),
          sourceUrl: str(sigiItem, 'url'),
        }),
        zeeschuimerRecord(9, { id: '3412345678901234567', code: 'C0dE', like_count: 12 }, t0, {
          platform: 'instagram.com',
          pageUrl: 'https://www.instagram.com/',
          sourceUrl: 'https://www.instagram.com/graphql/query',
        }),
        zeeschuimerRecord(
          10,
          { id: '7', cid: '7', aweme_id: '7513039993741397256', text: 'nice' },
          t0,
          {
            platform: 'tiktok-comments',
            sourceUrl: 'https://www.tiktok.com/api/comment/list/?aweme_id=7513039993741397256',
          },
        ),
        // Collected again on a later page visit, unchanged: the same capture, a duplicate.
        zeeschuimerRecord(11, postItem, t0 + 90_000, {
          sourceUrl: `https://www.tiktok.com/api/post/item_list/?aid=1988&count=35&cursor=0&secUid=${secUid}&msToken=OTHER`,
        }),
      ]
      const file = write(
        join(root, `zeeschuimer-${target.name}`, 'zeeschuimer-export-tiktok.com-2025-10-21.ndjson'),
        zeeschuimerNdjson(records),
      )
      const run = await toklytics(url, file)
      assert.equal(run.code, 0, run.stderr)
      assert.ok(
        run.stdout.startsWith(`${file}: Zeeschuimer NDJSON export (11 records)\n`),
        run.stdout,
      )
      assert.match(run.stdout, /\n {2}9 captures: 8 accepted, 1 duplicate, 0 dropped, 2 skipped\n/)
      assert.match(run.stdout, /\n {2}skipped not TikTok \(instagram\.com\): 1 \(at 9\)\n/)
      assert.match(
        run.stdout,
        /\n {2}skipped TikTok comments \(Toklytics stores no comments\): 1 \(at 10\)\n/,
      )
      const db = await openDatabase(url, { migrate: 'none' })
      try {
        const snapshots = await db.db
          .selectFrom('video_snapshots')
          .select(['video_id', 'observed_at'])
          .execute()
        const at = new Map(snapshots.map((s) => [s.video_id, s.observed_at]))
        recommendItems.forEach((_, i) => {
          assert.equal(at.get(str(recommend, 'itemList', i, 'id')), (t0 + i * 1000) / 1000)
        })
        assert.equal(at.get(str(postItem, 'id')), (t0 + 60_000) / 1000)
        assert.equal(at.get(str(sigiItem, 'id')), (t0 + 120_000) / 1000)
        assert.equal(snapshots.length, recommendItems.length + 2)
        const users = (await db.db.selectFrom('creators').select('username').execute()).map(
          (r) => r.username,
        )
        assert.ok(users.includes(str(postItem, 'author', 'uniqueId')))
        assert.ok(users.includes(str(sigiItem, 'author')))
        const urls = (await db.db.selectFrom('captures').select('url').execute()).map((r) => r.url)
        assert.equal(urls.length, 8)
        for (const u of urls) assert.doesNotMatch(u, /msToken|X-Bogus|aid=/)
        assert.ok(
          urls.includes('https://www.tiktok.com/api/post/item_list/'),
          'the page item got the canonical list URL',
        )
      } finally {
        await db.close()
      }
    })

    it('exits 1 when nothing was imported: only bad files, only dropped captures, a missing path', async () => {
      const database = await target.open()
      await database.close()
      const url = target.url()
      const dir = join(root, `bad-${target.name}`)
      for (const bad of BAD) write(join(dir, bad.path), bad.body)
      const onlyBad = await toklytics(url, dir)
      assert.equal(onlyBad.code, 1)
      assert.match(
        onlyBad.stdout,
        /^total: 2 files, 2 not usable; 0 captures: 0 accepted, 0 duplicate, 0 dropped\n$/,
      )
      assert.match(onlyBad.stderr, /notes\.txt: not JSON/)
      assert.match(onlyBad.stderr, /other\.json: JSON but no known TikTok shape/)
      assert.match(onlyBad.stderr, /nothing was imported/)

      const onlyComments = await toklytics(
        url,
        write(join(dir, 'comments', 'list.json'), JSON.stringify(comments)),
      )
      assert.equal(onlyComments.code, 1)
      assert.match(onlyComments.stdout, /1 capture: 0 accepted, 0 duplicate, 1 dropped/)

      const missing = await toklytics(url, join(dir, 'does-not-exist.har'))
      assert.equal(missing.code, 1)
      assert.match(missing.stderr, /does-not-exist\.har: no such file or folder/)

      const dryBad = await toklytics(url, '--dry-run', dir)
      assert.equal(dryBad.code, 1)
      assert.match(dryBad.stderr, /nothing would be imported/)
      assert.equal((await counts(url)).captures, 0)
    })
  })
}

after(() => {
  rmSync(root, { recursive: true, force: true })
})
