/** Unit tests of the statusCode / status_code check (doc §2). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { tiktokStatusError } from './tiktok-status.js'

describe('tiktokStatusError', () => {
  it('is null when both codes are 0 or absent', () => {
    assert.equal(tiktokStatusError({ statusCode: 0, status_code: 0 }), null)
    assert.equal(tiktokStatusError({ status_code: 0 }), null)
    assert.equal(tiktokStatusError({ itemList: [] }), null)
    assert.equal(tiktokStatusError(undefined), null)
  })

  it('flags a non-zero statusCode even when status_code is 0', () => {
    assert.deepEqual(tiktokStatusError({ statusCode: 10221, status_code: 0 }), {
      code: 10221,
      detail: 'TikTok statusCode 10221: user does not exist',
    })
  })

  it('flags a non-zero status_code and names the message', () => {
    assert.deepEqual(tiktokStatusError({ status_code: 2483, status_msg: 'login' }), {
      code: 2483,
      detail: 'TikTok status_code 2483: cookie invalid or login needed ("login")',
    })
  })

  it('names unknown codes and the captcha answer', () => {
    assert.equal(
      tiktokStatusError({ statusCode: '123' })?.detail,
      'TikTok statusCode 123: unknown TikTok status',
    )
    assert.equal(tiktokStatusError({ code: 10000 })?.detail, 'TikTok code 10000: captcha challenge')
  })
})
