/** Unit tests of the campaign planner. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type CampaignCandidate, compareCampaignCandidates } from './campaign-candidates.js'
import { campaignCost, campaignTierOf, planCampaign } from './campaign-plan.js'

function candidate(
  username: string,
  followers: number,
  engagementRate: number,
  low: number,
  high: number,
  medianViews: number,
  extra: Partial<CampaignCandidate> = {},
): CampaignCandidate {
  return {
    username,
    followers,
    engagementRate,
    medianViews,
    grade: 'B',
    sponsorshipLow: low,
    sponsorshipHigh: high,
    ...extra,
  }
}

describe('campaignTierOf', () => {
  it('maps followers to macro (mega included), mid and micro', () => {
    assert.equal(campaignTierOf(9_999), null)
    assert.equal(campaignTierOf(10_000), 'micro')
    assert.equal(campaignTierOf(99_999), 'micro')
    assert.equal(campaignTierOf(100_000), 'mid')
    assert.equal(campaignTierOf(499_999), 'mid')
    assert.equal(campaignTierOf(500_000), 'macro')
    assert.equal(campaignTierOf(999_999), 'macro')
    assert.equal(campaignTierOf(1_000_000), 'macro')
  })
})

describe('campaignCost', () => {
  it('is the exact midpoint of the sponsorship range', () => {
    assert.equal(campaignCost({ sponsorshipLow: 1_200, sponsorshipHigh: 2_400 }), 1_800)
    assert.equal(campaignCost({ sponsorshipLow: 1_200, sponsorshipHigh: 2_401 }), 1_800.5)
  })
})

describe('compareCampaignCandidates', () => {
  it('orders by engagement desc, followers desc, username asc', () => {
    const list = [
      { username: 'bob', followers: 50_000, engagementRate: 10 },
      { username: 'zed', followers: 60_000, engagementRate: 9 },
      { username: 'alice', followers: 50_000, engagementRate: 10 },
      { username: 'amy', followers: 70_000, engagementRate: 10 },
    ]
    assert.deepEqual(
      [...list].sort(compareCampaignCandidates).map((c) => c.username),
      ['amy', 'alice', 'bob', 'zed'],
    )
  })
})

describe('planCampaign', () => {
  it('fills macro, mid and micro with skip-and-continue and carry-over', () => {
    const candidates = [
      // micro, listed first to show the input order does not matter
      candidate('dave', 15_000, 3.15, 300, 500, 1_000),
      candidate('bob', 50_000, 10, 800, 1_200, 30_000),
      candidate('carol', 20_000, 9, 500, 700, 20_000),
      candidate('alice', 50_000, 10, 800, 1_200, 40_000),
      candidate('edge', 10_000, 3.5, 90_000, 110_000, 500_000),
      // mid
      candidate('d1', 200_000, 8, 1_500, 2_500, 85_000),
      candidate('d3', 150_000, 7, 1_999, 2_000, 70_000),
      candidate('d2', 300_000, 8, 1_500, 2_500, 90_000),
      // macro (m1 is mega)
      candidate('m2', 600_000, 5, 1_500, 2_000, 150_000),
      candidate('m1', 2_000_000, 6, 2_000, 3_000, 200_000),
      candidate('m3', 800_000, 4, 1_000, 1_001, 100_000),
      // filtered out by the planner
      candidate('nina', 50_000, 20, 10, 20, 10_000, { grade: 'N/A' }),
      candidate('low', 50_000, 2.99, 10, 20, 10_000),
      candidate('tiny', 9_999, 15, 10, 20, 10_000),
    ]
    const plan = planCampaign({ budget: 10_000, minEngagementRate: 3, candidates })

    assert.deepEqual(plan, {
      tiers: [
        {
          tier: 'macro',
          // 10000 × 40 % = 4000
          budget: 4_000,
          // m1 2500 (1500 left); m2 1750 > 1500 skipped; m3 (1000 + 1001) / 2 = 1000.5 (499.5 left)
          spent: 3_500.5,
          creators: [
            {
              username: 'm1',
              followers: 2_000_000,
              engagementRate: 6,
              cost: 2_500,
              estimatedReach: 200_000,
              // 200000 × 6 / 100
              estimatedEngagements: 12_000,
            },
            {
              username: 'm3',
              followers: 800_000,
              engagementRate: 4,
              cost: 1_000.5,
              estimatedReach: 100_000,
              // 100000 × 4 / 100
              estimatedEngagements: 4_000,
            },
          ],
        },
        {
          tier: 'mid',
          // 10000 × 35 % = 3500, + 499.5 carried from macro
          budget: 3_999.5,
          // d2 (er 8, 300k) before d1 (er 8, 200k): d2 2000 (1999.5 left); d1 2000 skipped;
          // d3 (1999 + 2000) / 2 = 1999.5 fits exactly (0 left)
          spent: 3_999.5,
          creators: [
            {
              username: 'd2',
              followers: 300_000,
              engagementRate: 8,
              cost: 2_000,
              estimatedReach: 90_000,
              // 90000 × 8 / 100
              estimatedEngagements: 7_200,
            },
            {
              username: 'd3',
              followers: 150_000,
              engagementRate: 7,
              cost: 1_999.5,
              estimatedReach: 70_000,
              // 70000 × 7 / 100
              estimatedEngagements: 4_900,
            },
          ],
        },
        {
          tier: 'micro',
          // 10000 × 25 % = 2500, + 0 carried
          budget: 2_500,
          // alice 1000 (1500 left), bob 1000 (500 left), carol 600 skipped, edge 100000 skipped,
          // dave 400 (100 left)
          spent: 2_400,
          creators: [
            {
              username: 'alice',
              followers: 50_000,
              engagementRate: 10,
              cost: 1_000,
              estimatedReach: 40_000,
              // 40000 × 10 / 100
              estimatedEngagements: 4_000,
            },
            {
              username: 'bob',
              followers: 50_000,
              engagementRate: 10,
              cost: 1_000,
              estimatedReach: 30_000,
              // 30000 × 10 / 100
              estimatedEngagements: 3_000,
            },
            {
              username: 'dave',
              followers: 15_000,
              engagementRate: 3.15,
              cost: 400,
              estimatedReach: 1_000,
              // 1000 × 3.15 / 100 = 31.5 → 32
              estimatedEngagements: 32,
            },
          ],
        },
      ],
      totals: {
        // 3500.5 + 3999.5 + 2400
        cost: 9_900,
        // 200000 + 100000 + 90000 + 70000 + 40000 + 30000 + 1000
        reach: 531_000,
        // 12000 + 4000 + 7200 + 4900 + 4000 + 3000 + 32
        engagements: 35_132,
        // 9900 / 531000 × 1000 = 18.644… → 18.64
        cpm: 18.64,
        // 9900 / 35132 = 0.2817… → 0.28
        costPerEngagement: 0.28,
        // 531000 / 1000 × 10 = 5310
        estimatedMediaValue: 5_310,
        // (5310 − 9900) / 9900 = −0.4636… → −0.46
        roi: -0.46,
      },
      // 10000 − 9900
      unallocated: 100,
      // 14 candidates − nina (N/A) − low (2.99 < 3) − tiny (9999 followers) = 11
      candidatesConsidered: 11,
    })
  })

  it('carries unspent budget through empty tiers', () => {
    const plan = planCampaign({
      budget: 1_000,
      minEngagementRate: 3,
      candidates: [candidate('solo', 20_000, 5, 800, 1_000, 10_000)],
    })
    // macro 400 (nothing), mid 350 + 400 = 750 (nothing), micro 250 + 750 = 1000 → solo 900
    assert.deepEqual(
      plan.tiers.map((t) => [t.tier, t.budget, t.spent]),
      [
        ['macro', 400, 0],
        ['mid', 750, 0],
        ['micro', 1_000, 900],
      ],
    )
    // 1000 − 900
    assert.equal(plan.unallocated, 100)
  })

  it('keeps the budget shares in unrounded dollars', () => {
    const plan = planCampaign({
      budget: 1_001,
      minEngagementRate: 3,
      // (1000 + 1001) / 2 = 1000.5 ≤ 1001 available to micro
      candidates: [candidate('solo', 20_000, 5, 1_000, 1_001, 10_000)],
    })
    // 1001 × 40 % = 400.4; 1001 × 35 % = 350.35 + 400.4 = 750.75; 250.25 + 750.75 = 1001
    assert.deepEqual(
      plan.tiers.map((t) => t.budget),
      [400.4, 750.75, 1_001],
    )
    // 1001 − 1000.5
    assert.equal(plan.unallocated, 0.5)
  })

  it('applies a custom minimum engagement rate inclusively', () => {
    const candidates = [
      candidate('a', 20_000, 5, 10, 10, 1_000),
      candidate('b', 20_000, 4.99, 10, 10, 1_000),
    ]
    const plan = planCampaign({ budget: 1_000, minEngagementRate: 5, candidates })
    assert.equal(plan.candidatesConsidered, 1)
    assert.deepEqual(
      plan.tiers[2]?.creators.map((c) => c.username),
      ['a'],
    )
  })

  it('rounds an ROI of exactly 1.005 up', () => {
    const plan = planCampaign({
      budget: 1_000,
      minEngagementRate: 3,
      // cost (50 + 150) / 2 = 100; reach 20050; engagements 20050 × 5 / 100 = 1002.5 → 1003
      candidates: [candidate('solo', 20_000, 5, 50, 150, 20_050)],
    })
    assert.deepEqual(plan.totals, {
      cost: 100,
      reach: 20_050,
      engagements: 1_003,
      // 100 / 20050 × 1000 = 4.9875… → 4.99
      cpm: 4.99,
      // 100 / 1003 = 0.0997… → 0.1
      costPerEngagement: 0.1,
      // 20050 / 1000 × 10 = 200.5
      estimatedMediaValue: 200.5,
      // (200.5 − 100) / 100 = 1.005 → 1.01
      roi: 1.01,
    })
  })

  it('guards every division against zero', () => {
    const empty = planCampaign({ budget: 1_000, minEngagementRate: 3, candidates: [] })
    assert.deepEqual(empty.totals, {
      cost: 0,
      reach: 0,
      engagements: 0,
      cpm: 0,
      costPerEngagement: 0,
      estimatedMediaValue: 0,
      roi: 0,
    })
    assert.equal(empty.unallocated, 1_000)
    assert.equal(empty.candidatesConsidered, 0)
    assert.deepEqual(
      empty.tiers.map((t) => [t.tier, t.budget, t.spent, t.creators.length]),
      [
        ['macro', 400, 0, 0],
        ['mid', 750, 0, 0],
        ['micro', 1_000, 0, 0],
      ],
    )

    // a creator with no views costs $0: reach 0 and cost 0
    const free = planCampaign({
      budget: 1_000,
      minEngagementRate: 3,
      candidates: [candidate('zero', 20_000, 5, 0, 0, 0)],
    })
    assert.deepEqual(free.totals, {
      cost: 0,
      reach: 0,
      engagements: 0,
      cpm: 0,
      costPerEngagement: 0,
      estimatedMediaValue: 0,
      roi: 0,
    })

    // engagements round to 0: 10 × 3 / 100 = 0.3 → 0
    const tiny = planCampaign({
      budget: 1_000,
      minEngagementRate: 3,
      candidates: [candidate('tiny', 20_000, 3, 40, 60, 10)],
    })
    assert.deepEqual(tiny.totals, {
      cost: 50,
      reach: 10,
      engagements: 0,
      // 50 / 10 × 1000
      cpm: 5_000,
      costPerEngagement: 0,
      // 10 / 1000 × 10 = 0.1
      estimatedMediaValue: 0.1,
      // (0.1 − 50) / 50 = −0.998 → −1
      roi: -1,
    })
  })

  it('does not mutate the candidate list', () => {
    const candidates = [
      candidate('b', 20_000, 4, 10, 10, 1_000),
      candidate('a', 20_000, 5, 10, 10, 1_000),
    ]
    planCampaign({ budget: 1_000, minEngagementRate: 3, candidates })
    assert.deepEqual(
      candidates.map((c) => c.username),
      ['b', 'a'],
    )
  })
})
