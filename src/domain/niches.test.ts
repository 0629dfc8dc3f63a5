/** Unit tests of niche keywords, membership and the primary niche. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { NICHE_NAMES, NICHE_TAXONOMY } from './niche-taxonomy.js'
import {
  classifiedTagUses,
  creatorInNiche,
  keywordsFor,
  nicheOfKeyword,
  nicheShare,
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

/** A creator's evidence: hashtag → videos carrying it, and the texts. */
const creator = (
  uses: Record<string, number>,
  bio: string | null = null,
  nickname: string | null = null,
) => ({ hashtagUses: new Map(Object.entries(uses)), bio, nickname })

describe('nicheShare', () => {
  it('is uses(N) over the classified pairs; generic tags dilute nothing', () => {
    // fitness: gym 2 + workout 1 = 3; classified: 3 + food 4 + comedy 1 = 8; fyp is in no set.
    const uses = new Map([
      ['gym', 2],
      ['workout', 1],
      ['food', 4],
      ['funny', 1],
      ['fyp', 50],
    ])
    assert.equal(nicheShare(uses, 'fitness'), 3 / 8)
    assert.equal(nicheShare(uses, '#GymTok'), 3 / 8)
    assert.equal(nicheShare(uses, 'food'), 4 / 8)
  })

  it('counts a word outside the taxonomy as classified for its own share', () => {
    // palette 1 over (taxonomy-classified 3 + palette 1)
    const uses = new Map([
      ['palette', 1],
      ['gym', 3],
    ])
    assert.equal(nicheShare(uses, 'palette'), 1 / 4)
  })

  it('is 0 when nothing is classified', () => {
    assert.equal(nicheShare(new Map([['fyp', 9]]), 'fitness'), 0)
    assert.equal(nicheShare(new Map(), 'fitness'), 0)
  })
})

describe('creatorInNiche', () => {
  it('holds from a quarter of the classified tags (exactly 1/4 is in)', () => {
    // fitness 1 of 4 classified pairs; food 3 is the primary niche.
    assert.equal(creatorInNiche(creator({ gym: 1, cooking: 3 }), 'fitness'), true)
    // fitness 1 of 5: below a quarter and not primary.
    assert.equal(creatorInNiche(creator({ gym: 1, cooking: 4 }), 'fitness'), false)
  })

  it('does not put a comedian with one #fitness post into fitness', () => {
    const comedian = creator({ comedy: 6, funny: 5, skit: 3, fitness: 1, fyp: 20 })
    assert.equal(creatorInNiche(comedian, 'fitness'), false)
    assert.equal(creatorInNiche(comedian, 'comedy'), true)
  })

  it('holds for the primary niche even below a quarter', () => {
    // beauty, fashion, fitness, food 2 each, comedy 1: each below 1/4 of 9; beauty wins the tie
    const c = creator({ gym: 2, cooking: 2, makeup: 2, ootd: 2, funny: 1 })
    assert.equal(primaryNiche(c.hashtagUses), 'beauty')
    assert.equal(creatorInNiche(c, 'beauty'), true)
    assert.equal(creatorInNiche(c, 'fitness'), false)
  })

  it('holds on a whole word of the bio or nickname', () => {
    assert.equal(creatorInNiche(creator({}, 'Coach. Workout plans below'), 'fitness'), true)
    assert.equal(creatorInNiche(creator({}, null, 'Fit Sam'), 'fitness'), true)
    assert.equal(creatorInNiche(creator({ cooking: 9 }, null, 'Dadana | Comedy'), 'comedy'), true)
  })

  it('does not hold otherwise', () => {
    assert.equal(creatorInNiche(creator({ food: 1 }, 'gymnastics', 'FitnessFan'), 'fitness'), false)
    assert.equal(creatorInNiche(creator({ gym: 1 }, 'gym', 'gym'), ''), false)
  })

  it('reads any other word as a hashtag niche of its own', () => {
    assert.equal(creatorInNiche(creator({ palette: 1, gym: 3 }), 'palette'), true)
    assert.equal(creatorInNiche(creator({ palette: 1, gym: 4 }), 'palette'), false)
    assert.equal(creatorInNiche(creator({ gym: 4 }, 'my palette'), 'palette'), true)
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
    const uses = fc
      .array(fc.tuple(keyword, fc.integer({ min: 0, max: 6 })), { maxLength: 6 })
      .map((pairs) => new Map(pairs))
    fc.assert(
      fc.property(uses, text, text, (hashtagUses, bio, nickname) => {
        const c = { hashtagUses, bio, nickname }
        const expected = NICHE_NAMES.filter((n) => creatorInNiche(c, n))
        assert.deepEqual(nichesOfCreator(c), expected)
      }),
      { numRuns: 500 },
    )
  })

  it('counts a keyword of several niches for each of them', () => {
    assert.deepEqual(nichesOfCreator(creator({ shared: 1 }, null, 'Zeta fan'), OVERLAPPING), [
      'alpha',
      'zeta',
    ])
    assert.deepEqual(nichesOfCreator(creator({})), [])
  })
})

describe('classifiedTagUses', () => {
  it('sums the uses of taxonomy hashtags only', () => {
    assert.equal(
      classifiedTagUses(
        new Map([
          ['gym', 2],
          ['fyp', 9],
          ['Cooking', 3],
        ]),
      ),
      5,
    )
  })
})
