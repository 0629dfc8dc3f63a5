/** Unit tests of the planner's explanation: exclusions by rule, and why money is left. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type CampaignMember, qualifyCampaignMembers } from './campaign-candidates.js'
import { formatUsd, unallocatedReason } from './campaign-explanation.js'
import { planCampaign } from './campaign-plan.js'

const member = (username: string, extra: Partial<CampaignMember> = {}): CampaignMember => ({
  username,
  followers: 50_000,
  region: 'US',
  grade: 'B',
  engagementRate: 6,
  medianViews: 20_000,
  sponsorshipLow: 200,
  sponsorshipHigh: 400,
  ...extra,
})

const rules = { minEngagementRate: 3, region: null }

describe('qualifyCampaignMembers', () => {
  it('counts each member once, under the first rule it fails', () => {
    const q = qualifyCampaignMembers(
      [
        member('ok'),
        member('elsewhere', { region: 'GB', followers: 10 }),
        member('small', { followers: 9_999, grade: 'N/A' }),
        member('unknown', { followers: null }),
        member('sparse', { grade: 'N/A', engagementRate: null, medianViews: null }),
        member('quiet', { engagementRate: 2.99 }),
        member('unmeasured', { engagementRate: null }),
      ],
      { minEngagementRate: 3, region: 'US' },
    )
    assert.deepEqual(
      q.candidates.map((c) => c.username),
      ['ok'],
    )
    assert.deepEqual(q.excluded, {
      other_region: 1,
      below_min_followers: 2,
      not_graded: 1,
      below_min_engagement_rate: 2,
    })
    assert.equal(q.members, 7)
  })
})

describe('formatUsd', () => {
  it('always shows cents and thousands separators', () => {
    assert.equal(formatUsd(9770.5), '$9,770.50')
    assert.equal(formatUsd(0), '$0.00')
    assert.equal(formatUsd(1_000_000), '$1,000,000.00')
    assert.equal(formatUsd(12.345), '$12.35')
  })
})

describe('unallocatedReason', () => {
  const explain = (budget: number, members: CampaignMember[], niche = 'fitness') => {
    const qualification = qualifyCampaignMembers(members, rules)
    const plan = planCampaign({
      budget,
      minEngagementRate: 3,
      candidates: qualification.candidates,
    })
    return { plan, reason: unallocatedReason({ niche, rules, qualification, plan }) }
  }

  it('names the total cost when every qualified creator is in the plan', () => {
    // Two micro creators at (200 + 400) / 2 = 300 and (100 + 201) / 2 = 150.5 → $450.50.
    const { plan, reason } = explain(20_000, [
      member('a'),
      member('b', { sponsorshipLow: 100, sponsorshipHigh: 201 }),
      member('c', { engagementRate: 1 }),
    ])
    assert.equal(plan.unallocated, 19_549.5)
    assert.equal(
      reason,
      '2 creators qualify in fitness at ≥ 3 % engagement; all 2 together cost $450.50. ' +
        'Lower min_engagement_rate or widen the niche to spend more.',
    )
  })

  it('names the cheapest creator left out and what its tier had left', () => {
    // Budget 1,000: macro 400, mid 350 + 400 = 750, micro 1000 − 0 = 1000.
    // The micro creator costs 1,500: left out; the mid one costs 600: taken.
    const { plan, reason } = explain(1_000, [
      member('mid', { followers: 200_000, sponsorshipLow: 400, sponsorshipHigh: 800 }),
      member('micro', { sponsorshipLow: 1_000, sponsorshipHigh: 2_000 }),
    ])
    assert.equal(plan.totals.cost, 600)
    assert.equal(
      reason,
      '2 creators qualify in fitness at ≥ 3 % engagement; 1 fit the tier budgets, the other 1 ' +
        'cost more than their tier had left (the cheapest, $1,500.00 in micro, against $400.00 ' +
        'left there). Raise the budget, or lower min_engagement_rate or widen the niche for ' +
        'more creators.',
    )
  })

  it('says which rules excluded everyone when nobody qualifies', () => {
    const { reason } = explain(500, [
      member('quiet', { engagementRate: 1 }),
      member('sparse', { grade: 'N/A' }),
      member('tiny', { followers: 500 }),
    ])
    assert.equal(
      reason,
      'No creator qualifies in fitness at ≥ 3 % engagement: of 3 creators, 1 below 3 % ' +
        'engagement, 1 without a grade (fewer than 3 sample videos), 1 below 10,000 followers. ' +
        'Lower min_engagement_rate or widen the niche.',
    )
    assert.match(explain(500, [], 'knitting').reason ?? '', /^No tracked creator is in knitting/)
  })

  it('is null when the budget is spent to the cent', () => {
    const { plan, reason } = explain(300, [member('a')])
    assert.equal(plan.unallocated, 0)
    assert.equal(reason, null)
  })
})
