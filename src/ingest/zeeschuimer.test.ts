/** Zeeschuimer export records (its real record format, real TikTok item structs) as captures. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { objectAt, readFixture } from '../../test/fixtures.js'
import { zeeschuimerRecord } from '../../test/support/zeeschuimer-export.js'
import { parseCapture } from './parsers/registry.js'
import { captureOfZeeschuimer, isZeeschuimerRecord } from './zeeschuimer.js'

const COLLECTED = Date.UTC(2025, 9, 21, 8, 30)
const item = objectAt(readFixture('post_item_list.sample1.json'), 'itemList', 0)
/** The SIGI ItemModule shape, which Zeeschuimer exports as it found it (author as a string). */
const sigiItem = objectAt(readFixture('sigi_state.ItemModule_item.sample1.json'))

function captureOf(value: unknown) {
  const result = captureOfZeeschuimer(value)
  assert.ok(result.ok, result.ok ? '' : result.skip)
  return result.capture
}

describe('captureOfZeeschuimer', () => {
  it('recognises a record by the fields every Zeeschuimer record has', () => {
    assert.equal(isZeeschuimerRecord(zeeschuimerRecord(1, item, COLLECTED)), true)
    assert.equal(isZeeschuimerRecord({ url: 'x', body: {} }), false)
    assert.equal(isZeeschuimerRecord(null), false)
  })

  it('makes a one-item item list, observed when Zeeschuimer collected it', () => {
    const capture = captureOf(zeeschuimerRecord(1, item, COLLECTED))
    assert.equal(capture.observed_at, COLLECTED)
    assert.deepEqual(capture.body, { itemList: [item] })
    // The item list parser reads it: the video id and author of the sample, read by hand.
    const result = parseCapture({ url: new URL(capture.url), body: capture.body })
    assert.ok(result.ok)
    assert.deepEqual(
      result.data.videos.map((v) => v.id),
      ['7513039993741397256'],
    )
    assert.deepEqual(
      result.data.creators.map((c) => c.username),
      ['zg.520'],
    )
  })

  it('keeps an item list source_url (for its query), and uses the canonical list URL otherwise', () => {
    const challenge = 'https://www.tiktok.com/api/challenge/item_list/?challengeID=42&msToken=x'
    assert.equal(
      captureOf(zeeschuimerRecord(1, item, COLLECTED, { sourceUrl: challenge })).url,
      challenge,
    )
    const canonical = 'https://www.tiktok.com/api/post/item_list/'
    for (const sourceUrl of [
      'https://www.tiktok.com/api/search/general/full/?keyword=cats',
      'https://www.tiktok.com/@zg.520',
      'https://evil.example/api/post/item_list/',
      'http://www.tiktok.com/api/post/item_list/',
      'not a url',
    ]) {
      assert.equal(captureOf(zeeschuimerRecord(1, item, COLLECTED, { sourceUrl })).url, canonical)
    }
  })

  it('reads SIGI-shaped items, whose author is a string', () => {
    const capture = captureOf(
      zeeschuimerRecord(1, sigiItem, COLLECTED, { sourceUrl: 'https://www.tiktok.com/@x/video/1' }),
    )
    const result = parseCapture({ url: new URL(capture.url), body: capture.body })
    assert.ok(result.ok)
    assert.deepEqual(
      result.data.videos.map((v) => v.id),
      ['7171782248281165058'],
    )
  })

  it('skips other platforms, TikTok comments, undated records and data that is no item', () => {
    const skipOf = (value: unknown) => {
      const result = captureOfZeeschuimer(value)
      assert.ok(!result.ok)
      return result.skip
    }
    assert.equal(
      skipOf(zeeschuimerRecord(1, { id: '1' }, COLLECTED, { platform: 'instagram.com' })),
      'not TikTok (instagram.com)',
    )
    assert.equal(
      skipOf(zeeschuimerRecord(1, { id: '1' }, COLLECTED, { platform: 'tiktok-comments' })),
      'TikTok comments (Toklytics stores no comments)',
    )
    const { timestamp_collected: _t, ...undated } = zeeschuimerRecord(1, item, COLLECTED)
    assert.equal(skipOf(undated), 'no timestamp_collected (when it was seen is unknown)')
    assert.equal(
      skipOf(zeeschuimerRecord(1, { id: '1', liveRoomInfo: {} }, COLLECTED)),
      'data is not a TikTok item',
    )
    assert.match(
      skipOf({ source_platform: 7, data: item }),
      /^not a Zeeschuimer record \(source_platform: /,
    )
  })
})
