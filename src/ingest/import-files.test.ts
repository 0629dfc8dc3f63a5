/** Unit tests of reading capture files: HAR entries, NDJSON lines and JSON envelopes. */

import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { readFixture } from '../../test/fixtures.js'
import { capturesFromHar, capturesFromNdjson, readCaptureFile } from './import-files.js'

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
    const captures = capturesFromHar(
      har(entry(url, T1, { mimeType: 'application/json; charset=utf-8', text: USER_DETAIL })),
    )
    assert.deepEqual(captures, [{ url, observed_at: T1, body: USER_DETAIL }])
  })

  it('decodes base64-encoded content', () => {
    const url = 'https://www.tiktok.com/api/post/item_list/?secUid=MS4w&cursor=0'
    const text = Buffer.from(ITEM_LIST, 'utf8').toString('base64')
    const captures = capturesFromHar(
      har(entry(url, T1, { mimeType: 'application/json', text, encoding: 'base64' })),
    )
    assert.deepEqual(captures, [{ url, observed_at: T1, body: ITEM_LIST }])
  })

  it('decodes base64 content with non-ASCII text intact', () => {
    const body = '{"desc":"小邹旅行🇨🇳 café"}'
    const text = Buffer.from(body, 'utf8').toString('base64')
    const url = 'https://www.tiktok.com/api/item/detail/?itemId=1'
    const captures = capturesFromHar(
      har(entry(url, T1, { mimeType: 'application/json', text, encoding: 'base64' })),
    )
    assert.equal(captures[0]?.body, body)
  })

  it('takes the rehydration JSON embedded in an HTML page', () => {
    const url = 'https://www.tiktok.com/@zg.520'
    const html = page('__UNIVERSAL_DATA_FOR_REHYDRATION__', UNIVERSAL_DATA)
    const captures = capturesFromHar(har(entry(url, T1, { mimeType: 'text/html', text: html })))
    assert.deepEqual(captures, [{ url, observed_at: T1, body: UNIVERSAL_DATA }])
  })

  it('takes the legacy SIGI_STATE JSON embedded in an HTML page', () => {
    const url = 'https://www.tiktok.com/@someone/video/7100000000000000000'
    const html = page('SIGI_STATE', SIGI_STATE)
    const captures = capturesFromHar(
      har(entry(url, T1, { mimeType: 'text/html; charset=utf-8', text: html })),
    )
    assert.deepEqual(captures, [{ url, observed_at: T1, body: SIGI_STATE }])
  })

  it('takes the embedded JSON of a base64-encoded HTML page', () => {
    const url = 'https://www.tiktok.com/@zg.520'
    const text = Buffer.from(page('__UNIVERSAL_DATA_FOR_REHYDRATION__', UNIVERSAL_DATA)).toString(
      'base64',
    )
    const captures = capturesFromHar(
      har(entry(url, T1, { mimeType: 'text/html', text, encoding: 'base64' })),
    )
    assert.equal(captures[0]?.body, UNIVERSAL_DATA)
  })

  it('skips an HTML page without embedded TikTok JSON', () => {
    const html = '<html><head><script id="other" type="application/json">{}</script></head></html>'
    const captures = capturesFromHar(
      har(entry('https://www.tiktok.com/explore', T1, { mimeType: 'text/html', text: html })),
    )
    assert.deepEqual(captures, [])
  })

  it('skips entries of hosts that are not TikTok', () => {
    const json = { mimeType: 'application/json', text: USER_DETAIL }
    const captures = capturesFromHar(
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
    const captures = capturesFromHar(har(...urls.map((url) => entry(url, T1, json))))
    assert.deepEqual(
      captures.map((c) => c.url),
      urls,
    )
  })

  it('skips entries that are neither JSON nor HTML', () => {
    const url = 'https://www.tiktok.com/static/x'
    const captures = capturesFromHar(
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
    const captures = capturesFromHar(
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
    const captures = capturesFromHar(
      har(entry(url, T1, { mimeType: 'application/json', size: 2799 }), entry(url, T2, {})),
    )
    assert.deepEqual(captures, [])
  })

  it('keeps the order of the entries it takes', () => {
    const captures = capturesFromHar(
      har(
        entry('https://www.tiktok.com/api/a/', T3, {
          mimeType: 'application/json',
          text: '{"a":1}',
        }),
        entry('https://cdn.example/x.js', T1, { mimeType: 'application/json', text: '{}' }),
        entry('https://www.tiktok.com/api/b/', T2, {
          mimeType: 'application/json',
          text: '{"b":2}',
        }),
      ),
    )
    assert.deepEqual(captures, [
      { url: 'https://www.tiktok.com/api/a/', observed_at: T3, body: '{"a":1}' },
      { url: 'https://www.tiktok.com/api/b/', observed_at: T2, body: '{"b":2}' },
    ])
  })

  it('refuses a document that is not a HAR', () => {
    assert.throws(() => capturesFromHar('{"log":{}}'))
    assert.throws(() => capturesFromHar('{"log":{"entries":[{"request":{}}]}}'))
    assert.throws(() => capturesFromHar('not json'), SyntaxError)
  })
})

describe('capturesFromNdjson', () => {
  const c1 = { url: 'https://www.tiktok.com/api/user/detail/', observed_at: T1, body: USER_DETAIL }
  const c2 = {
    url: 'https://www.tiktok.com/api/post/item_list/',
    observed_at: 1764064800000,
    body: {},
  }

  it('reads one capture per line and skips blank lines', () => {
    const text = `${JSON.stringify(c1)}\n\n   \n${JSON.stringify(c2)}\n`
    assert.deepEqual(capturesFromNdjson(text), [c1, c2])
  })

  it('reads CRLF line endings', () => {
    const text = `${JSON.stringify(c1)}\r\n\r\n${JSON.stringify(c2)}\r\n`
    assert.deepEqual(capturesFromNdjson(text), [c1, c2])
  })

  it('keeps a line that is not JSON as an object the pipeline will report', () => {
    const text = `${JSON.stringify(c1)}\nnot json at all\n${JSON.stringify(c2)}`
    assert.deepEqual(capturesFromNdjson(text), [c1, { invalid_line: 'not json at all' }, c2])
  })

  it('keeps only the first 80 characters of an invalid line', () => {
    const line = `{"url":${'x'.repeat(100)}`
    assert.deepEqual(capturesFromNdjson(line), [{ invalid_line: `{"url":${'x'.repeat(73)}` }])
  })

  it('returns nothing for an empty text', () => {
    assert.deepEqual(capturesFromNdjson(''), [])
    assert.deepEqual(capturesFromNdjson('\n\n'), [])
  })

  it('keeps JSON lines that are not objects as they are', () => {
    assert.deepEqual(capturesFromNdjson('42\n"text"\nnull'), [42, 'text', null])
  })
})

describe('readCaptureFile', () => {
  let dir = ''
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'toklytics-import-'))
  })
  after(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  const write = (name: string, text: string): string => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  }

  const capture = {
    url: 'https://www.tiktok.com/api/user/detail/',
    observed_at: T1,
    body: USER_DETAIL,
  }

  it('reads a HAR file', () => {
    const url = 'https://www.tiktok.com/api/user/detail/?uniqueId=zg.520'
    const path = write(
      'session.har',
      har(
        entry(url, T1, { mimeType: 'application/json', text: USER_DETAIL }),
        entry('https://www.tiktok.com/@zg.520', T2, {
          mimeType: 'text/html',
          text: page('__UNIVERSAL_DATA_FOR_REHYDRATION__', UNIVERSAL_DATA),
        }),
        entry('https://fonts.example/a.woff2', T3, { mimeType: 'font/woff2', text: 'AAAA' }),
      ),
    )
    assert.deepEqual(readCaptureFile(path), [
      { url, observed_at: T1, body: USER_DETAIL },
      { url: 'https://www.tiktok.com/@zg.520', observed_at: T2, body: UNIVERSAL_DATA },
    ])
  })

  it('reads an ingest envelope', () => {
    const other = {
      url: 'https://www.tiktok.com/api/post/item_list/',
      observed_at: T2,
      body: ITEM_LIST,
    }
    const path = write(
      'batch.json',
      JSON.stringify(
        {
          collector: { name: 'toklytics-extension', version: '0.1.0' },
          captures: [capture, other],
        },
        null,
        2,
      ),
    )
    assert.deepEqual(readCaptureFile(path), [capture, other])
  })

  it('reads NDJSON, blank and invalid lines included', () => {
    const path = write(
      'captures.ndjson',
      `${JSON.stringify(capture)}\n\n{"url": truncated\n${JSON.stringify(capture)}\n`,
    )
    assert.deepEqual(readCaptureFile(path), [
      capture,
      { invalid_line: '{"url": truncated' },
      capture,
    ])
  })

  it('reads a single NDJSON line as one capture', () => {
    const path = write('one.ndjson', `${JSON.stringify(capture)}\n`)
    assert.deepEqual(readCaptureFile(path), [capture])
  })

  it('reads a single capture object as one capture', () => {
    const path = write('capture.json', JSON.stringify(capture, null, 2))
    assert.deepEqual(readCaptureFile(path), [capture])
  })

  it('reads a file that starts with blank space', () => {
    const path = write('spaced.json', `\n\n  ${JSON.stringify({ captures: [capture] })}`)
    assert.deepEqual(readCaptureFile(path), [capture])
  })

  it('refuses an invalid HAR file, naming the file', () => {
    const path = write('broken.har', JSON.stringify({ log: { entries: 'none' } }))
    assert.throws(
      () => readCaptureFile(path),
      (err: unknown) => {
        assert.ok(err instanceof Error)
        assert.ok(err.message.startsWith(`${path}: not a valid HAR file (`), err.message)
        return true
      },
    )
  })
})
