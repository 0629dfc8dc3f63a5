/** The search planner's one rule, at its boundaries. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { chooseSearchPlan } from './search-plan.js'

describe('chooseSearchPlan', () => {
  const limits = { readAllMatchesUpTo: 1_000, walkDepthRatio: 10 }

  it('reads every match up to the limit, walks beyond it', () => {
    assert.equal(chooseSearchPlan(1_000, 20, limits), 'read')
    assert.equal(chooseSearchPlan(1_001, 20, limits), 'walk')
  })

  it('walks only while the page ends in the first tenth of the matches', () => {
    // 5,000 matches: pages ending at 500 or before walk; one ending at 501 reads.
    assert.equal(chooseSearchPlan(5_000, 500, limits), 'walk')
    assert.equal(chooseSearchPlan(5_000, 501, limits), 'read')
  })
})
