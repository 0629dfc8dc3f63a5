/** The forms of video and creator references researchers paste, from real TikTok links. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseCreatorRef, parseVideoRef } from './tiktok-ref.js'

const ID = '7171782248281165058'

describe('parseVideoRef', () => {
  const found: [string, string][] = [
    [ID, ID],
    [`  ${ID}\n`, ID],
    [`https://www.tiktok.com/@argenby/video/${ID}`, ID],
    [`https://www.tiktok.com/@argenby/video/${ID}/`, ID],
    [`https://www.tiktok.com/@argenby/video/${ID}?is_from_webapp=1&sender_device=pc`, ID],
    [`https://www.tiktok.com/@argenby/video/${ID}?lang=en#comments`, ID],
    [`https://www.tiktok.com/@some.one_2/photo/${ID}`, ID],
    [`https://m.tiktok.com/@argenby/video/${ID}`, ID],
    [`https://m.tiktok.com/v/${ID}.html`, ID],
    [`https://m.tiktok.com/v/${ID}.html?u_code=abc&share_item_id=${ID}`, ID],
    [`https://m.tiktok.com/v/${ID}`, ID],
    // The link form of TikTok's "Download your data" export (test/fixtures/donation/README.md).
    [`https://www.tiktokv.com/share/video/${ID}/`, ID],
    [`https://www.tiktokv.com/share/video/${ID}`, ID],
    [`https://www.tiktok.com/share/video/${ID}`, ID],
    [`https://www.tiktok.com/embed/v2/${ID}`, ID],
    [`https://www.tiktok.com/embed/${ID}`, ID],
    [`https://www.tiktok.com/player/v1/${ID}?autoplay=1`, ID],
    [`www.tiktok.com/@argenby/video/${ID}`, ID],
    [`tiktok.com/@argenby/video/${ID}`, ID],
    [`HTTPS://WWW.TIKTOK.COM/@Argenby/video/${ID}`, ID],
    [`http://www.tiktok.com/@argenby/video/${ID}`, ID],
  ]
  for (const [input, id] of found) {
    it(`reads ${JSON.stringify(input)}`, () => {
      assert.deepEqual(parseVideoRef(input), { ok: true, id })
    })
  }

  it('answers short links as unresolvable, saying to pass the resolved URL', () => {
    for (const input of [
      'https://vm.tiktok.com/ZMhvqjqjq/',
      'https://vm.tiktok.com/ZMhvqjqjq',
      'vm.tiktok.com/ZMhvqjqjq/',
      'https://vt.tiktok.com/ZSabc123/',
      'https://www.tiktok.com/t/ZTRabc123/',
    ]) {
      const ref = parseVideoRef(input)
      assert.equal(ref.ok, false, input)
      if (ref.ok) continue
      assert.equal(ref.status, 'unresolvable', input)
      assert.match(ref.message, /short link/)
      assert.match(ref.message, /resolve/)
      assert.match(ref.message, /never asks TikTok/)
    }
  })

  it('answers anything else as invalid, quoting it', () => {
    for (const input of [
      '',
      'hello',
      '12a',
      '1'.repeat(33),
      '-5',
      'https://www.youtube.com/watch?v=abc',
      'https://eviltiktok.com/@x/video/1',
      'https://www.tiktok.com.evil.example/@x/video/1',
      'https://www.tiktok.com/@argenby',
      'https://www.tiktok.com/tag/fyp',
      'https://www.tiktok.com/@argenby/video/abc',
      'https://www.tiktok.com/@argenby/video/1/extra',
      'https://',
    ]) {
      const ref = parseVideoRef(input)
      assert.equal(ref.ok, false, input)
      if (!ref.ok) assert.equal(ref.status, 'invalid', input)
    }
    const long = parseVideoRef('x'.repeat(200))
    assert.ok(!long.ok && long.message.length < 300)
  })
})

describe('parseCreatorRef', () => {
  const found: [string, string][] = [
    ['zg.520', 'zg.520'],
    ['@zg.520', 'zg.520'],
    [' @Khaby.Lame ', 'khaby.lame'],
    ['user_name_1', 'user_name_1'],
    ['https://www.tiktok.com/@zg.520', 'zg.520'],
    ['https://www.tiktok.com/@zg.520/', 'zg.520'],
    ['https://www.tiktok.com/@zg.520?lang=en&is_from_webapp=1', 'zg.520'],
    ['https://m.tiktok.com/@ZG.520', 'zg.520'],
    ['www.tiktok.com/@zg.520', 'zg.520'],
    [`https://www.tiktok.com/@zg.520/video/${ID}`, 'zg.520'],
    [`https://www.tiktok.com/@zg.520/photo/${ID}?lang=en`, 'zg.520'],
  ]
  for (const [input, username] of found) {
    it(`reads ${JSON.stringify(input)}`, () => {
      assert.deepEqual(parseCreatorRef(input), { ok: true, username })
    })
  }

  it('answers short links as unresolvable', () => {
    const ref = parseCreatorRef('https://vm.tiktok.com/ZMhvqjqjq/')
    assert.equal(ref.ok ? 'found' : ref.status, 'unresolvable')
  })

  it('answers anything else as invalid', () => {
    for (const input of [
      '',
      '@',
      'two words',
      'name#tag',
      'https://www.tiktokv.com/share/video/1/',
      'https://www.tiktok.com/tag/fyp',
      'https://example.com/@zg.520',
      'a'.repeat(65),
    ]) {
      const ref = parseCreatorRef(input)
      assert.equal(ref.ok ? 'found' : ref.status, 'invalid', input)
    }
  })
})
