/** Unit tests of niche keywords, membership and the primary niche. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { NICHE_NAMES, NICHE_TAXONOMY } from './niche-taxonomy.js'
import {
  creatorInNiche,
  keywordsFor,
  nicheOfKeyword,
  nichesOfCreator,
  normalizeNicheQuery,
  primaryNiche,
  textMatchesKeywords,
} from './niches.js'

const FITNESS = [
  'fitness',
  'gym',
  'gymtok',
  'fitnesstok',
  'workout',
  'fit',
  'training',
  'bodybuilding',
  'exercise',
]

// Two niches sharing a keyword, which the built-in taxonomy does not (yet) have.
const OVERLAPPING = { zeta: ['zeta', 'shared'], alpha: ['alpha', 'shared'] }

describe('normalizeNicheQuery', () => {
  it('lower-cases, trims and strips leading #', () => {
    assert.equal(normalizeNicheQuery('  #FitTok '), 'fittok')
    assert.equal(normalizeNicheQuery('##gym'), 'gym')
    assert.equal(normalizeNicheQuery('Fitness'), 'fitness')
    assert.equal(normalizeNicheQuery('#'), '')
  })
})

describe('keywordsFor', () => {
  it('expands a niche name to its taxonomy set', () => {
    assert.deepEqual(keywordsFor('Fitness'), FITNESS)
  })

  it('expands a keyword of a niche to that niche set', () => {
    assert.deepEqual(keywordsFor('#GYM'), FITNESS)
  })

  it('keeps an unknown word as its own set', () => {
    assert.deepEqual(keywordsFor(' #Knitting'), ['knitting'])
  })

  it('has no keywords for an empty query', () => {
    assert.deepEqual(keywordsFor('  # '), [])
  })

  it('resolves a keyword of several niches to the alphabetically first niche', () => {
    assert.deepEqual(keywordsFor('shared', OVERLAPPING), ['alpha', 'shared'])
  })
})

describe('nicheOfKeyword', () => {
  it('finds the niche of a keyword or a niche name', () => {
    assert.equal(nicheOfKeyword('gymtok'), 'fitness')
    assert.equal(nicheOfKeyword('Cooking'), 'food')
    assert.equal(nicheOfKeyword('food'), 'food')
    assert.equal(nicheOfKeyword('shared', OVERLAPPING), 'alpha')
  })

  it('is null for unknown words and prototype names', () => {
    assert.equal(nicheOfKeyword('knitting'), null)
    assert.equal(nicheOfKeyword('constructor'), null)
    assert.equal(nicheOfKeyword(''), null)
  })
})

describe('textMatchesKeywords', () => {
  it('matches whole words, case-insensitively', () => {
    assert.equal(textMatchesKeywords('Daily #GYM vibes', ['gym']), true)
    assert.equal(textMatchesKeywords('gym-rat', ['gym']), true)
    assert.equal(textMatchesKeywords('top10 tips', ['top10']), true)
  })

  it('does not match inside a longer word', () => {
    assert.equal(textMatchesKeywords('gymnastics coach', ['gym']), false)
    assert.equal(textMatchesKeywords('gym_life', ['gym']), false)
    assert.equal(textMatchesKeywords('FitnessFan', ['fitness']), false)
  })

  it('handles accented letters, composed or not', () => {
    assert.equal(textMatchesKeywords('Café owner', ['café']), true)
    // "e" + combining acute accent is the same word after NFC normalization
    assert.equal(textMatchesKeywords('Cafe\u0301 owner', ['café']), true)
  })

  it('normalizes the keywords too', () => {
    assert.equal(textMatchesKeywords('at the gym', ['#Gym']), true)
  })

  it('is false for a null or empty text or no keywords', () => {
    assert.equal(textMatchesKeywords(null, ['gym']), false)
    assert.equal(textMatchesKeywords('', ['gym']), false)
    assert.equal(textMatchesKeywords('gym', []), false)
  })
})

describe('creatorInNiche', () => {
  const fitness = keywordsFor('fitness')

  it('matches on a video hashtag', () => {
    const c = { hashtags: ['dance', 'gymtok'], bio: null, nickname: null }
    assert.equal(creatorInNiche(c, fitness), true)
    assert.equal(creatorInNiche({ hashtags: ['#Gym'], bio: null, nickname: null }, fitness), true)
  })

  it('matches on a whole word of the bio or nickname', () => {
    assert.equal(
      creatorInNiche({ hashtags: [], bio: 'Coach. Workout plans below', nickname: null }, fitness),
      true,
    )
    assert.equal(creatorInNiche({ hashtags: [], bio: null, nickname: 'Fit Sam' }, fitness), true)
  })

  it('does not match otherwise', () => {
    assert.equal(
      creatorInNiche({ hashtags: ['food'], bio: 'gymnastics', nickname: 'FitnessFan' }, fitness),
      false,
    )
    assert.equal(creatorInNiche({ hashtags: ['gym'], bio: 'gym', nickname: 'gym' }, []), false)
  })
})

describe('primaryNiche', () => {
  it('picks the niche with the most hashtag uses', () => {
    // fitness: gym 3; food: cooking 2 + recipe 2 = 4
    const uses = new Map([
      ['gym', 3],
      ['cooking', 2],
      ['recipe', 2],
      ['random', 9],
    ])
    assert.equal(primaryNiche(uses), 'food')
  })

  it('breaks ties alphabetically', () => {
    // fitness 2, food 2 → "fitness" < "food"
    const uses = new Map([
      ['cooking', 2],
      ['gym', 2],
    ])
    assert.equal(primaryNiche(uses), 'fitness')
  })

  it('normalizes hashtags', () => {
    assert.equal(primaryNiche(new Map([['#GYM', 1]])), 'fitness')
  })

  it('is null when no keyword is used', () => {
    assert.equal(primaryNiche(new Map()), null)
    assert.equal(primaryNiche(new Map([['random', 5]])), null)
    assert.equal(primaryNiche(new Map([['gym', 0]])), null)
  })

  it('counts a keyword of several niches for each of them', () => {
    // alpha: shared 2 = 2; zeta: shared 2 + zeta 1 = 3
    const uses = new Map([
      ['shared', 2],
      ['zeta', 1],
    ])
    assert.equal(primaryNiche(uses, OVERLAPPING), 'zeta')
    // alpha 2, zeta 2 → alpha
    assert.equal(primaryNiche(new Map([['shared', 2]]), OVERLAPPING), 'alpha')
  })
})

describe('nichesOfCreator', () => {
  it('names exactly the niches creatorInNiche accepts', () => {
    const keyword = fc.constantFrom(...Object.values(NICHE_TAXONOMY).flat(), 'random', 'GYM')
    const text = fc.oneof(
      fc.constant(null),
      fc.array(fc.oneof(keyword, fc.string()), { maxLength: 6 }).map((w) => w.join(' ')),
    )
    fc.assert(
      fc.property(fc.array(keyword, { maxLength: 5 }), text, text, (hashtags, bio, nickname) => {
        const creator = { hashtags, bio, nickname }
        const expected = NICHE_NAMES.filter((n) => creatorInNiche(creator, NICHE_TAXONOMY[n] ?? []))
        assert.deepEqual(nichesOfCreator(creator), expected)
      }),
      { numRuns: 500 },
    )
  })

  it('counts a keyword of several niches for each of them', () => {
    const creator = { hashtags: ['shared'], bio: null, nickname: 'Zeta fan' }
    assert.deepEqual(nichesOfCreator(creator, OVERLAPPING), ['alpha', 'zeta'])
    assert.deepEqual(nichesOfCreator({ hashtags: [], bio: null, nickname: null }), [])
  })
})
