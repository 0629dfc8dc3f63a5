/** Tests of `/api/music/detail/` parsing: real music/author objects in the documented envelope. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { objectAt, okData, readFixture } from '../../../test/fixtures.js'
import { parseMusicDetail } from './music-detail.js'

const URL_ = new URL('https://www.tiktok.com/api/music/detail/?musicId=7287891047231933185')

// No real web music detail exists (tiktok-payloads.md §4.5): the real `music` and `author`
// objects of post_item_list.sample1 are wrapped as musicInfo{music, author, stats, statsV2}.
function musicInfo(author: unknown): Record<string, unknown> {
  const item = objectAt(readFixture('post_item_list.sample1.json'), 'itemList', 0)
  return {
    musicInfo: {
      music: objectAt(item, 'music'),
      author: author === 'item' ? objectAt(item, 'author') : author,
      stats: { videoCount: 1200 },
      statsV2: { videoCount: '1234' },
    },
    statusCode: 0,
  }
}

describe('music_detail', () => {
  it('reads the sound with userCount from statsV2.videoCount', () => {
    const data = okData(parseMusicDetail({ url: URL_, body: musicInfo('item') }))
    assert.deepEqual(data.sounds, [
      {
        id: '7287891047231933185',
        title: '原声 - Youmile',
        authorName: 'HJS-Mechanical Equipment',
        original: true,
        durationSec: 17,
        album: null,
        userCount: 1234,
      },
    ])
    // An author object is also an (embedded) creator.
    assert.equal(data.creators[0]?.id, '6799838955094836230')
    assert.equal(data.creators[0]?.source, 'embedded')
  })

  it('accepts author as a string and uses it when music.authorName is missing', () => {
    const body = musicInfo('Youmile')
    delete objectAt(body, 'musicInfo', 'music').authorName
    const data = okData(parseMusicDetail({ url: URL_, body }))
    assert.equal(data.sounds[0]?.authorName, 'Youmile')
    assert.equal(data.creators.length, 0)
  })

  it('uses the author object’s nickname when music.authorName is missing', () => {
    const body = musicInfo('item')
    delete objectAt(body, 'musicInfo', 'music').authorName
    const data = okData(parseMusicDetail({ url: URL_, body }))
    assert.equal(data.sounds[0]?.authorName, '小邹旅行🇨🇳')
  })

  it('falls back to stats.videoCount without statsV2', () => {
    const body = musicInfo('item')
    delete objectAt(body, 'musicInfo').statsV2
    assert.equal(okData(parseMusicDetail({ url: URL_, body })).sounds[0]?.userCount, 1200)
  })
})
