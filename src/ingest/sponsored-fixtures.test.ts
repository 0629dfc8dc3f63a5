/** The sponsored rule (metrics.md §11) over the real TikTok payloads of test/fixtures/tiktok. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readFixture } from '../../test/fixtures.js'
import { mentionedHandles, videoSponsorship } from '../domain/sponsored.js'
import type { ParsedVideo } from './parsed.js'
import { parseAwemeItem } from './parsers/aweme-item.js'
import type { ItemOutcome } from './parsers/item-outcome.js'
import { parseItemStruct } from './parsers/item-struct.js'

function videoOf(outcome: ItemOutcome): ParsedVideo {
  if (!outcome.ok) throw new Error(`item skipped: ${outcome.skip}`)
  return outcome.item.video
}

function listAt(name: string, key: string): unknown[] {
  const body = readFixture(name) as Record<string, unknown>
  const list = body[key]
  if (!Array.isArray(list)) throw new Error(`${name}: no ${key}[]`)
  return list
}

const verdict = (v: ParsedVideo) => videoSponsorship(v.details, v.description)

describe('sponsored rule on real payloads', () => {
  it('web For You items send isAd: false and adAuthorization: false: known, not sponsored', () => {
    const items = listAt('recommend_item_list.sample1.json', 'itemList')
    assert.equal(items.length, 6)
    for (const item of items) {
      const v = videoOf(parseItemStruct(item))
      assert.equal(v.details.is_ad, false)
      assert.equal(v.details.ad_authorization, false)
      assert.deepEqual(verdict(v), { sponsored: false, evidence: [] })
    }
  })

  it('a search item with adLabelVersion 2 but isAd false is not sponsored', () => {
    const entries = listAt('search_general_full.sample1.json', 'data') as Array<{ item?: unknown }>
    const item = entries.find((e) => (e.item as { adLabelVersion?: number })?.adLabelVersion === 2)
    const v = videoOf(parseItemStruct(item?.item))
    assert.equal(v.id, '7603305642186525973')
    assert.deepEqual(verdict(v), { sponsored: false, evidence: [] })
  })

  it('the projected SSR item carries no commercial field: unknown (null), not false', () => {
    const v = videoOf(
      parseItemStruct(readFixture('ssr_video_detail.itemStruct_projected.sample1.json')),
    )
    assert.deepEqual(verdict(v), { sponsored: null, evidence: [] })
  })

  it('app aweme: is_ads false is known; a list aweme without is_ads and branded type is unknown', () => {
    const detail = listAt('aweme_multi_detail.sample1.json', 'aweme_details')[0]
    assert.deepEqual(verdict(videoOf(parseAwemeItem(detail))), { sponsored: false, evidence: [] })
    const listed = listAt('aweme_challenge_aweme_list.sample1.json', 'aweme_list')[0]
    const v = videoOf(parseAwemeItem(listed))
    // commerce_info there has adv_promotable / auction_ad_invited only: neither says "paid".
    assert.deepEqual(verdict(v), { sponsored: null, evidence: [] })
    // The caption credits "(🎥: @jordan.rzepka)"; the app gives the mention as a user id only.
    assert.deepEqual(mentionedHandles(v.details, v.description), ['jordan.rzepka'])
  })

  it('the same real items with the flag set, or a disclosure tag, become sponsored', () => {
    const item = listAt('recommend_item_list.sample1.json', 'itemList')[0] as Record<
      string,
      unknown
    >
    const ad = videoOf(parseItemStruct({ ...item, isAd: true }))
    assert.deepEqual(verdict(ad), { sponsored: true, evidence: ['tiktok:is_ad'] })
    const partner = videoOf(
      parseItemStruct({ ...item, adAuthorization: true, desc: 'new drop #AD' }),
    )
    assert.deepEqual(verdict(partner), {
      sponsored: true,
      evidence: ['tiktok:ad_authorization', 'hashtag:#ad'],
    })
    const aweme = listAt('aweme_multi_detail.sample1.json', 'aweme_details')[0] as Record<
      string,
      unknown
    >
    const branded = videoOf(
      parseAwemeItem({
        ...aweme,
        commerce_info: { ...(aweme.commerce_info as object), branded_content_type: 1 },
      }),
    )
    assert.deepEqual(verdict(branded), {
      sponsored: true,
      evidence: ['tiktok:branded_content_type'],
    })
  })
})
