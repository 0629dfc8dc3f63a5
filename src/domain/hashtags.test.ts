/** Unit tests of the hashtag rule (metrics.md §3). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { normalizeHashtag, videoHashtags } from './hashtags.js'

describe('normalizeHashtag', () => {
  it('lower-cases, strips the leading # and trims', () => {
    assert.equal(normalizeHashtag('#FYP'), 'fyp')
    assert.equal(normalizeHashtag('  #Filme '), 'filme')
    assert.equal(normalizeHashtag('LearnOnTikTok'), 'learnontiktok')
    assert.equal(normalizeHashtag('##double'), 'double')
  })

  it('keeps non-Latin tags as they are', () => {
    assert.equal(normalizeHashtag('中国高铁🚅'), '中国高铁🚅')
    assert.equal(normalizeHashtag('#이어찍기'), '이어찍기')
  })

  it('returns null for empty tags', () => {
    assert.equal(normalizeHashtag(''), null)
    assert.equal(normalizeHashtag('   '), null)
    assert.equal(normalizeHashtag('#'), null)
    assert.equal(normalizeHashtag(' # '), null)
  })
})

describe('videoHashtags', () => {
  it('unions challenges and textExtra, challenges first, de-duplicated', () => {
    assert.deepEqual(videoHashtags(['diving'], ['diving', 'WaitForTheGreats', 'olympian']), [
      'diving',
      'waitforthegreats',
      'olympian',
    ])
  })

  it('keeps first-seen order and drops repeats and empties', () => {
    assert.deepEqual(videoHashtags(['China', 'fyp'], ['#fyp', '', 'ka', 'KA', 'china', 'like']), [
      'china',
      'fyp',
      'ka',
      'like',
    ])
  })

  it('returns [] when there is nothing', () => {
    assert.deepEqual(videoHashtags([], []), [])
  })
})
