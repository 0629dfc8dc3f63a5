/**
 * The 2019–2020 web list (`/share/item/list` → `body.itemListData[]`) on the real answer of
 * 2020-03-23 (legacy2020_share_item_list.sample1: @charlidamelio's first page, trimmed to three
 * entries). Expected values are read off the file by hand.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { listAt, okData, readFixture } from '../../../test/fixtures.js'
import { classifyShape } from '../../contract/capture-shape.js'
import { parseLegacyItemList } from './legacy-item-list.js'

// The answer records the URL it served (body.pageState.fullUrl), here without its signature.
const URL_2020 = new URL(
  'https://m.tiktok.com/share/item/list?secUid=MS4wLjABAAAA-VASjiXTh7wDDyXvjk10VFhMWUAoxr8bgfO1kAL1-9s&id=5831967&type=1&count=30&minCursor=0&maxCursor=0',
)
const sample = readFixture('legacy2020_share_item_list.sample1.json')

describe('legacy_item_list: legacy2020_share_item_list.sample1', () => {
  const data = okData(parseLegacyItemList({ url: URL_2020, body: sample }))

  it('reads every entry: string createTime, seconds, counters, and no saves (none existed)', () => {
    assert.deepEqual(
      data.videos.map((v) => [
        v.id,
        v.postedAt,
        v.durationSec,
        v.plays,
        v.likes,
        v.comments,
        v.shares,
        v.saves,
      ]),
      [
        ['6807325450981969158', 1584953968, 15, 5893701, 1563781, 46142, 6728, null],
        ['6807321065019231494', 1584952947, 12, 5135509, 1260295, 27571, 3275, null],
        ['6807191893592509702', 1584922871, 15, 11538897, 2980613, 53768, 12659, null],
      ],
    )
    assert.ok(data.videos.every((v) => v.creatorId === '5831967'))
  })

  it('takes hashtags from challengeInfoList and the textExtra beside itemInfos', () => {
    assert.deepEqual(
      data.videos.map((v) => v.hashtags),
      [[], [], ['greenscreen']],
    )
    assert.deepEqual(
      data.hashtags.map((h) => [h.name, h.id]),
      [['greenscreen', '801886']],
    )
  })

  it('reads the author with authorStats (heartCount is a string above 2^31)', () => {
    assert.equal(data.creators.length, 1)
    const [author] = data.creators
    assert.ok(author)
    assert.equal(author.username, 'charlidamelio')
    assert.equal(author.verified, true)
    assert.equal(author.privateAccount, false)
    assert.deepEqual(
      [author.followers, author.following, author.totalLikes, author.videoCount],
      [40431380, 932, 2426012173, 1072],
    )
  })

  it('reads each sound without a duration (none was sent)', () => {
    const third = data.sounds.find((s) => s.id === '6794096335151811334')
    assert.deepEqual(third && [third.title, third.authorName, third.original, third.durationSec], [
      'original sound',
      'armando.m25',
      true,
      null,
    ])
  })

  it('is recognised by shape in its envelope, in a saved body, and as a bare entry', () => {
    assert.equal(classifyShape(sample)?.kind, 'legacy_item_list')
    const body = (sample as { body: unknown }).body
    assert.equal(classifyShape(body)?.kind, 'legacy_item_list')
    const entry = listAt(sample, 'body', 'itemListData')[0]
    assert.equal(classifyShape(entry)?.kind, 'legacy_item_list')
    assert.equal(classifyShape(entry)?.wrapped, true)
    const again = okData(parseLegacyItemList({ url: URL_2020, body }))
    assert.equal(again.videos.length, 3)
  })

  it('refuses a list that is not an array, and says when no entry is usable', () => {
    const wrong = parseLegacyItemList({ url: URL_2020, body: { body: { itemListData: {} } } })
    assert.equal(wrong.ok ? '' : wrong.reason, 'schema_mismatch')
    const entry = listAt(sample, 'body', 'itemListData')[0] as { itemInfos: object }
    const noId = { ...entry, itemInfos: { ...entry.itemInfos, id: undefined } }
    const empty = parseLegacyItemList({ url: URL_2020, body: { body: { itemListData: [noId] } } })
    assert.equal(empty.ok ? '' : empty.reason, 'no_entities')
  })
})
