/** Unit tests of the per-post sponsorship value and the niche CPMs. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cpmForNiche, formatThousands, sponsorshipValue } from './sponsorship.js'

describe('cpmForNiche', () => {
  it('prices the listed niches', () => {
    assert.equal(cpmForNiche('finance'), 18)
    assert.equal(cpmForNiche('tech'), 15)
    assert.equal(cpmForNiche('fashion'), 14)
    assert.equal(cpmForNiche('beauty'), 12)
    assert.equal(cpmForNiche('education'), 12)
    assert.equal(cpmForNiche('fitness'), 10)
    assert.equal(cpmForNiche('travel'), 10)
    assert.equal(cpmForNiche('food'), 8)
    assert.equal(cpmForNiche('gaming'), 8)
  })

  it('defaults to 10 for other, missing or odd niches', () => {
    assert.equal(cpmForNiche('comedy'), 10)
    assert.equal(cpmForNiche(null), 10)
    assert.equal(cpmForNiche('constructor'), 10)
    assert.equal(cpmForNiche(''), 10)
  })

  it('matches case-insensitively and ignores a leading #', () => {
    assert.equal(cpmForNiche('FINANCE'), 18)
    assert.equal(cpmForNiche(' #Tech '), 15)
  })
})

describe('sponsorshipValue', () => {
  it('gives the documented example with thousands separators', () => {
    // fitness f = 10 / 10 = 1: 120000 / 1000 × 10 = 1200, × 20 = 2400
    assert.deepEqual(sponsorshipValue(120_000, 'fitness'), {
      low: 1_200,
      high: 2_400,
      label: '$1,200 - $2,400',
    })
  })

  it('applies the niche factor and rounds to whole dollars', () => {
    // finance f = 1.8: 150.05 × 10 × 1.8 = 2700.9 → 2701; 150.05 × 20 × 1.8 = 5401.8 → 5402
    assert.deepEqual(sponsorshipValue(150_050, 'finance'), {
      low: 2_701,
      high: 5_402,
      label: '$2,701 - $5,402',
    })
    // food f = 0.8: 62.5 × 10 × 0.8 = 500; × 20 = 1000
    assert.deepEqual(sponsorshipValue(62_500, 'food'), {
      low: 500,
      high: 1_000,
      label: '$500 - $1,000',
    })
  })

  it('rounds exact halves up', () => {
    // finance: 0.25 × 10 × 1.8 = 4.5 → 5; 0.25 × 20 × 1.8 = 9
    assert.deepEqual(sponsorshipValue(250, 'finance'), { low: 5, high: 9, label: '$5 - $9' })
    // no niche (f = 1): 0.05 × 10 = 0.5 → 1; 0.05 × 20 = 1
    assert.deepEqual(sponsorshipValue(50, null), { low: 1, high: 1, label: '$1 - $1' })
  })

  it('formats millions', () => {
    // tech f = 1.5: 12345.678 × 15 = 185185.17 → 185185; × 30 = 370370.34 → 370370
    assert.equal(sponsorshipValue(12_345_678, 'tech')?.label, '$185,185 - $370,370')
    // finance: 100000 × 18 = 1,800,000; × 36 = 3,600,000
    assert.equal(sponsorshipValue(100_000_000, 'finance')?.label, '$1,800,000 - $3,600,000')
  })

  it('is $0 - $0 when the measured median is 0 views', () => {
    assert.deepEqual(sponsorshipValue(0, 'beauty'), { low: 0, high: 0, label: '$0 - $0' })
  })

  it('is null when nothing was measured (no median, n = 0)', () => {
    assert.equal(sponsorshipValue(null, 'beauty'), null)
    assert.equal(sponsorshipValue(null, null), null)
  })
})

describe('formatThousands', () => {
  it('groups digits by three', () => {
    assert.equal(formatThousands(0), '0')
    assert.equal(formatThousands(999), '999')
    assert.equal(formatThousands(1_000), '1,000')
    assert.equal(formatThousands(1_234_567), '1,234,567')
    assert.equal(formatThousands(-12_345), '-12,345')
  })
})
