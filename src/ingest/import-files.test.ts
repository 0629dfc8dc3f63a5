/** Unit tests of reading import files by content: HAR, envelope, NDJSON, Zeeschuimer, raw responses, pages. */

import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { objectAt, readFixture } from '../../test/fixtures.js'
import { zeeschuimerNdjson, zeeschuimerRecord } from '../../test/support/zeeschuimer-export.js'
import {
  capturesFromHar,
  type ImportFileResult,
  type ImportRead,
  readImportFile,
  readImportText,
} from './import-files.js'
import { importPaths } from './import-paths.js'

const USER_DETAIL = JSON.stringify(readFixture('user_detail.sample1.json'))
const ITEM_LIST = JSON.stringify(readFixture('post_item_list.sample1.json'))
const UNIVERSAL_DATA = JSON.stringify({
  __DEFAULT_SCOPE__: {
    'webapp.user-detail': { userInfo: readFixture('ssr_user_detail.userInfo.sample1.json') },
  },
})
const SIGI_STATE = JSON.stringify({
  ItemModule: { '7100000000000000000': readFixture('sigi_state.ItemModule_item.sample1.json') },
})

/** The usable result's read; fails the test with the reason otherwise. */
function usable(result: ImportFileResult): ImportRead {
  assert.ok(result.ok, result.ok ? '' : result.reason)
  return result.read
}

/** The reason of an unusable result; fails the test when the file was usable. */
function reasonOf(result: ImportFileResult): string {
  assert.ok(!result.ok, 'expected the file to be refused')
  return result.reason
}

/** The captures a HAR text gives ([] when none: the file is then refused). */
function harCaptures(text: string): Record<string, unknown>[] {
  const result = capturesFromHar(JSON.parse(text))
  return result.ok ? result.read.captures.map((c) => objectAt(c)) : []
}

const T1 = '2026-11-25T10:00:00.000Z'
const T2 = '2026-11-25T10:00:01.000Z'
const T3 = '2026-11-25T10:00:02.000Z'
const T4 = '2026-11-25T10:00:03.000Z'

interface Content {
  mimeType?: string
  text?: string
  encoding?: string
  size?: number
}

function entry(url: string, startedDateTime: string, content: Content) {
  return {
    startedDateTime,
    request: { method: 'GET', url, headers: [] },
    response: { status: 200, headers: [], content },
  }
}

const har = (...entries: ReturnType<typeof entry>[]) =>
  JSON.stringify({ log: { version: '1.2', creator: { name: 'Chrome' }, entries } })

const page = (scriptId: string, json: string) =>
  `<!DOCTYPE html><html><head><title>TikTok</title><script>window.x=1</script>` +
  `<script id="${scriptId}" type="application/json">${json}</script></head><body></body></html>`

describe('capturesFromHar', () => {
  it('turns a JSON XHR entry into a capture with its text as the body', () => {
    const url = 'https://www.tiktok.com/api/user/detail/?uniqueId=zg.520&msToken=x'
    const captures = harCaptures(
      har(entry(url, T1, { mimeType: 'application/json; charset=utf-8', text: USER_DETAIL })),
    )
    assert.deepEqual(captures, [{ url, observed_at: T1, body: USER_DETAIL }])
  })

  it('decodes base64-encoded content', () => {
    const url = 'https://www.tiktok.com/api/post/item_list/?secUid=MS4w&cursor=0'
    const text = Buffer.from(ITEM_LIST, 'utf8').toString('base64')
    const captures = harCaptures(
      har(entry(url, T1, { mimeType: 'application/json', text, encoding: 'base64' })),
    )
    assert.deepEqual(captures, [{ url, observed_at: T1, body: ITEM_LIST }])
  })

  it('decodes base64 content with non-ASCII text intact', () => {
    const body = '{"desc":"小邹旅行🇨🇳 café"}'
    const text = Buffer.from(body, 'utf8').toString('base64')
    const url = 'https://www.tiktok.com/api/item/detail/?itemId=1'
    const captures = harCaptures(
      har(entry(url, T1, { mimeType: 'application/json', text, encoding: 'base64' })),
    )
    assert.equal(captures[0]?.body, body)
  })

  it('takes the rehydration JSON embedded in an HTML page', () => {
    const url = 'https://www.tiktok.com/@zg.520'
    const html = page('__UNIVERSAL_DATA_FOR_REHYDRATION__', UNIVERSAL_DATA)
    const captures = harCaptures(har(entry(url, T1, { mimeType: 'text/html', text: html })))
    assert.deepEqual(captures, [{ url, observed_at: T1, body: UNIVERSAL_DATA }])
  })

  it('takes the legacy SIGI_STATE JSON embedded in an HTML page', () => {
    const url = 'https://www.tiktok.com/@someone/video/7100000000000000000'
    const html = page('SIGI_STATE', SIGI_STATE)
    const captures = harCaptures(
      har(entry(url, T1, { mimeType: 'text/html; charset=utf-8', text: html })),
    )
    assert.deepEqual(captures, [{ url, observed_at: T1, body: SIGI_STATE }])
  })

  it('takes the embedded JSON of a base64-encoded HTML page', () => {
    const url = 'https://www.tiktok.com/@zg.520'
    const text = Buffer.from(page('__UNIVERSAL_DATA_FOR_REHYDRATION__', UNIVERSAL_DATA)).toString(
      'base64',
    )
    const captures = harCaptures(
      har(entry(url, T1, { mimeType: 'text/html', text, encoding: 'base64' })),
    )
    assert.equal(captures[0]?.body, UNIVERSAL_DATA)
  })

  it('skips an HTML page without embedded TikTok JSON', () => {
    const html = '<html><head><script id="other" type="application/json">{}</script></head></html>'
    const captures = harCaptures(
      har(entry('https://www.tiktok.com/explore', T1, { mimeType: 'text/html', text: html })),
    )
    assert.deepEqual(captures, [])
  })

  it('skips entries of hosts that are not TikTok', () => {
    const json = { mimeType: 'application/json', text: USER_DETAIL }
    const captures = harCaptures(
      har(
        entry('https://www.google-analytics.com/g/collect?v=2', T1, json),
        entry('https://tiktok.com.evil.example/api/user/detail/', T2, json),
        entry('https://nottiktok.com/api/user/detail/', T3, json),
        entry('not a url', T4, json),
      ),
    )
    assert.deepEqual(captures, [])
  })

  it('keeps entries of tiktok.com, its subdomains and tiktokv.com', () => {
    const json = { mimeType: 'application/json', text: USER_DETAIL }
    const urls = [
      'https://tiktok.com/api/user/detail/',
      'https://m.tiktok.com/api/user/detail/',
      'https://webcast.us.tiktok.com/webcast/room/',
      'https://api16-normal-c-useast1a.tiktokv.com/aweme/v1/feed/',
    ]
    const captures = harCaptures(har(...urls.map((url) => entry(url, T1, json))))
    assert.deepEqual(
      captures.map((c) => c.url),
      urls,
    )
  })

  it('skips entries that are neither JSON nor HTML', () => {
    const url = 'https://www.tiktok.com/static/x'
    const captures = harCaptures(
      har(
        entry(url, T1, { mimeType: 'image/webp', text: 'UklGRg==', encoding: 'base64' }),
        entry(url, T2, { mimeType: 'application/javascript', text: 'window.__x={"a":1}' }),
        entry(url, T3, { mimeType: 'text/css', text: 'body{margin:0}' }),
      ),
    )
    assert.deepEqual(captures, [])
  })

  it('keeps a JSON body served under another mime type or none', () => {
    const url = 'https://www.tiktok.com/api/user/detail/'
    const captures = harCaptures(
      har(
        entry(url, T1, { mimeType: 'text/plain', text: `  ${USER_DETAIL}` }),
        entry(url, T2, { text: USER_DETAIL }),
      ),
    )
    assert.deepEqual(captures, [
      { url, observed_at: T1, body: `  ${USER_DETAIL}` },
      { url, observed_at: T2, body: USER_DETAIL },
    ])
  })

  it('skips entries without content text (bodies not saved)', () => {
    const url = 'https://www.tiktok.com/api/user/detail/'
    const captures = harCaptures(
      har(entry(url, T1, { mimeType: 'application/json', size: 2799 }), entry(url, T2, {})),
    )
    assert.deepEqual(captures, [])
  })

  it('keeps the order of the entries it takes', () => {
    const captures = harCaptures(
      har(
        entry('https://www.tiktok.com/api/user/detail/', T3, {
          mimeType: 'application/json',
          text: '{"a":1}',
        }),
        entry('https://cdn.example/x.js', T1, { mimeType: 'application/json', text: '{}' }),
        entry('https://www.tiktok.com/api/item/detail/', T2, {
          mimeType: 'application/json',
          text: '{"b":2}',
        }),
      ),
    )
    assert.deepEqual(captures, [
      { url: 'https://www.tiktok.com/api/user/detail/', observed_at: T3, body: '{"a":1}' },
      { url: 'https://www.tiktok.com/api/item/detail/', observed_at: T2, body: '{"b":2}' },
    ])
  })

  it('skips TikTok requests no parser reads, naming them, and refuses a HAR of only those', () => {
    const json = { mimeType: 'application/json', text: '{"code":0}' }
    const result = capturesFromHar(
      JSON.parse(
        har(
          entry('https://www.tiktok.com/api/im/resources/', T1, json),
          entry('https://www.tiktok.com/api/ba/business/suite/permission/list', T2, json),
          entry('https://www.tiktok.com/api/user/detail/?uniqueId=zg.520', T3, {
            mimeType: 'application/json',
          }),
        ),
      ),
    )
    assert.equal(
      reasonOf(result),
      'HAR with no TikTok responses Toklytics reads (2 × a TikTok request Toklytics does not read; 1 × no saved body (save the HAR "with content"))',
    )
  })

  it('reports the skipped entries of a usable HAR by reason and entry number', () => {
    const read = usable(
      capturesFromHar(
        JSON.parse(
          har(
            entry('https://www.tiktok.com/api/im/resources/', T1, {
              mimeType: 'application/json',
              text: '{}',
            }),
            entry('https://www.tiktok.com/api/user/detail/', T2, {
              mimeType: 'application/json',
              text: USER_DETAIL,
            }),
            entry('https://www.tiktok.com/@zg.520', T3, { mimeType: 'text/html', text: '<html>' }),
          ),
        ),
      ),
    )
    assert.equal(read.format, 'HAR (3 entries, 3 TikTok responses)')
    assert.equal(read.captures.length, 1)
    assert.deepEqual(
      [...read.skipped],
      [
        ['a TikTok request Toklytics does not read', [1]],
        ['a TikTok page without its embedded JSON', [3]],
      ],
    )
  })

  it('refuses a HAR without TikTok entries, and a document that is not a HAR', () => {
    const other = har(
      entry('https://example.com/api/', T1, { mimeType: 'application/json', text: '{}' }),
    )
    assert.equal(
      reasonOf(capturesFromHar(JSON.parse(other))),
      'HAR with no TikTok responses (1 entry, none a JSON answer or page of tiktok.com)',
    )
    assert.match(reasonOf(capturesFromHar({ log: {} })), /^not a valid HAR file \(log\.entries: /)
    assert.match(
      reasonOf(capturesFromHar({ log: { entries: [{ request: {} }] } })),
      /^not a valid HAR file \(log\.entries\.0\./,
    )
  })
})

describe('readImportText', () => {
  const FILE_TIME = Date.UTC(2026, 0, 10, 12, 0, 0)
  const NOW = Date.UTC(2026, 0, 11)
  const read = (text: string) => readImportText(text, FILE_TIME, NOW)
  const capture = {
    url: 'https://www.tiktok.com/api/user/detail/',
    observed_at: T1,
    body: USER_DETAIL,
  }

  it('reads a raw TikTok response, dated by its extra.now, with the text as TikTok sent it', () => {
    const text = JSON.stringify(readFixture('post_item_list.sample1.json'), null, 2)
    const r = usable(read(`${text}\n`))
    // The sample's extra.now, read by hand: 2025-10-20T06:02:21Z.
    assert.deepEqual(r.captures, [
      { url: 'https://www.tiktok.com/api/post/item_list/', observed_at: 1760940141000, body: text },
    ])
    assert.equal(r.format, "TikTok response: item_list (itemList), dated by TikTok's extra.now")
  })

  it('dates a response without extra.now by the file, and puts a fragment back in its response', () => {
    const info = readFixture('ssr_user_detail.userInfo.sample1.json')
    const r = usable(read(JSON.stringify(info)))
    assert.deepEqual(r.captures, [
      {
        url: 'https://www.tiktok.com/api/user/detail/',
        observed_at: FILE_TIME,
        body: { userInfo: info },
      },
    ])
    assert.match(r.format, /user_detail \(a bare userInfo \(user, stats\)\), dated by file time$/)
  })

  it('does not trust an extra.now in the future or before TikTok', () => {
    const body = { extra: { now: NOW + 24 * 3600_000 }, itemList: [] }
    assert.equal(objectAt(usable(read(JSON.stringify(body))).captures[0]).observed_at, FILE_TIME)
    const old = { extra: { now: 1_000 }, itemList: [] }
    assert.equal(objectAt(usable(read(JSON.stringify(old))).captures[0]).observed_at, FILE_TIME)
  })

  it('reads a saved tiktok.com page by its embedded JSON', () => {
    const r = usable(read(page('__UNIVERSAL_DATA_FOR_REHYDRATION__', UNIVERSAL_DATA)))
    assert.deepEqual(r.captures, [
      { url: 'https://www.tiktok.com/', observed_at: FILE_TIME, body: UNIVERSAL_DATA },
    ])
    assert.match(r.format, /^saved TikTok page: universal_data/)
    const sigi = usable(read(page('SIGI_STATE', SIGI_STATE)))
    assert.match(sigi.format, /^saved TikTok page: sigi_state/)
  })

  it('refuses HTML without TikTok page data', () => {
    assert.equal(
      reasonOf(read('<!doctype html><html><body>Hello</body></html>')),
      'HTML without TikTok page data (no __UNIVERSAL_DATA_FOR_REHYDRATION__ or SIGI_STATE script)',
    )
  })

  it('reads an ingest envelope, and refuses an empty one', () => {
    const r = usable(
      read(JSON.stringify({ collector: { name: 'x', version: '1' }, captures: [capture] })),
    )
    assert.deepEqual(r.captures, [capture])
    assert.equal(r.format, 'ingest envelope')
    assert.equal(reasonOf(read('{"captures": []}')), 'an ingest envelope with no captures')
  })

  it('reads a single capture object, pretty-printed or on one line', () => {
    assert.deepEqual(usable(read(JSON.stringify(capture, null, 2))).captures, [capture])
    assert.deepEqual(usable(read(`${JSON.stringify(capture)}\n`)).captures, [capture])
  })

  it('reads NDJSON of captures, skipping lines that are not JSON by line number', () => {
    const c2 = {
      url: 'https://www.tiktok.com/api/post/item_list/',
      observed_at: 1764064800000,
      body: {},
    }
    const text = `${JSON.stringify(capture)}\r\n\r\nnot json\n{"url": truncated\n${JSON.stringify(c2)}\n42\n`
    const r = usable(read(text))
    assert.deepEqual(r.captures, [capture, c2])
    assert.equal(r.format, 'NDJSON of captures (5 lines)')
    assert.deepEqual(
      [...r.skipped],
      [
        ['not JSON', [3, 4]],
        ['not a JSON object (number)', [6]],
      ],
    )
  })

  it('reads NDJSON of raw TikTok responses, one per line', () => {
    const lines = [
      readFixture('user_detail.sample1.json'),
      readFixture('recommend_item_list.sample1.json'),
    ]
    const r = usable(read(lines.map((l) => JSON.stringify(l)).join('\n')))
    assert.equal(r.format, 'NDJSON of TikTok responses (2 lines)')
    // extra.now of each sample, read by hand.
    assert.deepEqual(
      r.captures.map((c) => [objectAt(c).url, objectAt(c).observed_at]),
      [
        ['https://www.tiktok.com/api/user/detail/', 1760939824000],
        ['https://www.tiktok.com/api/post/item_list/', 1668048634000],
      ],
    )
  })

  it('reads a Zeeschuimer export: TikTok items as one-item lists, other platforms skipped', () => {
    const item = objectAt(readFixture('post_item_list.sample1.json'), 'itemList', 0)
    const insta = { id: '3456', code: 'Cabc', caption: { text: 'hi' } }
    const collected = Date.UTC(2025, 9, 21, 8, 30)
    const text = zeeschuimerNdjson([
      zeeschuimerRecord(1, item, collected),
      zeeschuimerRecord(2, insta, collected, { platform: 'instagram.com' }),
      zeeschuimerRecord(3, { id: '7', cid: '7', aweme_id: '1' }, collected, {
        platform: 'tiktok-comments',
      }),
    ])
    const r = usable(read(text))
    assert.equal(r.format, 'Zeeschuimer NDJSON export (3 records)')
    assert.deepEqual(r.captures, [
      {
        // The record's own XHR URL (an item list); the pipeline cuts its query to the whitelist.
        url: 'https://www.tiktok.com/api/post/item_list/?WebIdLastTime=1760939000&aid=1988&count=35&cursor=0&secUid=MS4wLjABAAAA_example&msToken=SECRET_TOKEN&X-Bogus=DFSzswVSECRET&X-Gnarly=SECRET',
        observed_at: collected,
        body: { itemList: [item] },
      },
    ])
    assert.deepEqual(
      [...r.skipped],
      [
        ['not TikTok (instagram.com)', [2]],
        ['TikTok comments (Toklytics stores no comments)', [3]],
      ],
    )
  })

  it('refuses a Zeeschuimer export of another platform, saying so', () => {
    const text = zeeschuimerNdjson([
      zeeschuimerRecord(1, { id: '1' }, Date.UTC(2025, 0, 1), { platform: 'instagram.com' }),
      zeeschuimerRecord(2, { id: '2' }, Date.UTC(2025, 0, 1), { platform: 'instagram.com' }),
    ])
    assert.equal(
      reasonOf(read(text)),
      'Zeeschuimer NDJSON export (2 records) with nothing to import (2 × not TikTok (instagram.com))',
    )
  })

  it('refuses what is not JSON, an empty file, a JSON array and JSON of no TikTok shape', () => {
    assert.match(reasonOf(read('hello world\nsecond line')), /^not JSON \(Unexpected token/)
    assert.match(reasonOf(read('{"truncated": [1, 2,\n')), /^not JSON \(/)
    assert.equal(reasonOf(read(' \n\t')), 'an empty file')
    assert.equal(
      reasonOf(read('[{"id": 1}]')),
      'a JSON array of 1 element: expected a TikTok response object, a HAR, an ingest envelope or NDJSON',
    )
    assert.equal(
      reasonOf(read('{"name": "toklytics", "version": "0.1.0"}')),
      'JSON but no known TikTok shape (top-level keys: name, version)',
    )
    assert.equal(
      reasonOf(read('{"cursor": "0", "extra": {}, "hasMore": false, "statusCode": 0}')),
      'a TikTok response with nothing Toklytics reads (top-level keys: cursor, extra, hasMore, statusCode)',
    )
  })

  it('reads a file that starts with a byte-order mark or blank space', () => {
    assert.deepEqual(
      usable(read(`\uFEFF\n  ${JSON.stringify({ captures: [capture] })}`)).captures,
      [capture],
    )
  })
})

describe('readImportFile and importPaths', () => {
  let dir = ''
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'toklytics-import-'))
  })
  after(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  const write = (name: string, data: string | Uint8Array): string => {
    const path = join(dir, name)
    mkdirSync(join(path, '..'), { recursive: true })
    writeFileSync(path, data)
    return path
  }

  it('dates a raw response without extra.now by the file’s modification time', () => {
    const path = write(
      'video.json',
      JSON.stringify(readFixture('ssr_video_detail.itemStruct_projected.sample1.json')),
    )
    const saved = new Date(Date.UTC(2026, 1, 3, 4, 5, 6))
    utimesSync(path, saved, saved)
    const r = usable(readImportFile(path, Date.UTC(2026, 2, 1)))
    assert.equal(objectAt(r.captures[0]).observed_at, saved.getTime())
  })

  it('reads a gzip-compressed file, and refuses a binary one', () => {
    const path = write(
      'batch.json.gz',
      gzipSync(JSON.stringify({ captures: [{ url: 'x', body: 1 }] })),
    )
    assert.equal(usable(readImportFile(path, Date.now())).format, 'ingest envelope')
    const png = write(
      'image.png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    )
    assert.equal(reasonOf(readImportFile(png, Date.now())), 'not JSON (a binary file)')
  })

  it('walks folders recursively, reads named files whatever their name, reports missing ones', () => {
    const walkDir = join(dir, 'walk')
    write('walk/b/item_list', '{}')
    write('walk/a.json', '{}')
    write('walk/b/c/page.html', '<html>')
    write('walk/b/cover.jpeg', 'x')
    write('walk/.hidden.json', '{}')
    write('walk/.git/config.json', '{}')
    const named = write('named.png', '{}')
    const found = importPaths([walkDir, named, join(dir, 'nope')])
    assert.deepEqual(found.files, [
      join(walkDir, 'a.json'),
      join(walkDir, 'b/c/page.html'),
      join(walkDir, 'b/item_list'),
      named,
    ])
    assert.deepEqual(found.ignored, [join(walkDir, 'b/cover.jpeg')])
    assert.deepEqual(found.missing, [{ path: join(dir, 'nope'), reason: 'no such file or folder' }])
  })
})
