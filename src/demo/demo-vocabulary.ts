/** Word lists the demo generator draws names, bios, captions, tags and regions from. */

import { NICHE_TAXONOMY } from '../domain/niche-taxonomy.js'
import { weightedTable } from './random.js'

/** Tags people add to reach the For You feed; none of them is a niche keyword. */
export const GENERIC_TAGS: readonly string[] = [
  'fyp',
  'foryou',
  'foryoupage',
  'viral',
  'trending',
  'tiktok',
  'viralvideo',
  'xyzbca',
]

/**
 * Popular tags of a niche that are NOT in its taxonomy keyword set, so hashtag matching also meets
 * tags that say nothing about the niche.
 */
const NICHE_EXTRA_TAGS: Readonly<Record<string, readonly string[]>> = {
  art: ['artprocess', 'artchallenge'],
  beauty: ['beautyhacks', 'glowup'],
  cars: ['carlife', 'cardetailing'],
  comedy: ['relatable', 'comedyskits'],
  dance: ['dancetrend', 'dancetutorial'],
  diy: ['diyproject', 'lifehacks'],
  education: ['studytok', 'funfacts'],
  fashion: ['thriftflip', 'fashioninspo'],
  finance: ['moneytips', 'sidehustle'],
  fitness: ['gymmotivation', 'fitnessmotivation'],
  food: ['foodhacks', 'dinnerideas'],
  gaming: ['gamingclips', 'gamingsetup'],
  health: ['healthyhabits', 'wellnesstips'],
  lifestyle: ['productivity', 'thatgirl'],
  music: ['originalsong', 'musicproducer'],
  parenting: ['familytime', 'parentingtips'],
  pets: ['petsoftiktok', 'funnyanimals'],
  sports: ['highlights', 'sportsedit'],
  tech: ['techtips', 'desksetup'],
  travel: ['travelvlog', 'hiddengems'],
}

/** Extra (non-keyword) tags of a niche; empty for a niche without a list. */
export function nicheExtraTags(niche: string): readonly string[] {
  return NICHE_EXTRA_TAGS[niche] ?? []
}

/** Keywords of a niche as in the taxonomy (the niche name alone for an unknown niche). */
export function nicheKeywords(niche: string): readonly string[] {
  return NICHE_TAXONOMY[niche] ?? [niche]
}

/** Readable keywords of each niche for bios; every word is in that niche's taxonomy set. */
const NICHE_BIO_WORDS: Readonly<Record<string, readonly string[]>> = {
  art: ['art', 'drawing', 'painting', 'illustration'],
  beauty: ['beauty', 'makeup', 'skincare', 'nails'],
  cars: ['cars', 'car', 'automotive'],
  comedy: ['comedy', 'funny', 'skit'],
  dance: ['dance', 'dancer', 'choreography', 'dancing'],
  diy: ['diy', 'crafts', 'woodworking', 'handmade'],
  education: ['education', 'science', 'history', 'teacher'],
  fashion: ['fashion', 'style', 'outfit', 'streetwear'],
  finance: ['finance', 'money', 'investing', 'budgeting'],
  fitness: ['fitness', 'gym', 'workout', 'training'],
  food: ['food', 'cooking', 'baking', 'chef'],
  gaming: ['gaming', 'gamer', 'esports', 'minecraft'],
  health: ['health', 'wellness', 'nutrition', 'yoga'],
  lifestyle: ['lifestyle', 'vlog', 'routine', 'minimalism'],
  music: ['music', 'singer', 'musician', 'guitar'],
  parenting: ['parenting', 'mom', 'dad', 'baby'],
  pets: ['pets', 'dog', 'cat', 'puppy'],
  sports: ['sports', 'football', 'basketball', 'tennis'],
  tech: ['tech', 'technology', 'gadgets', 'coding'],
  travel: ['travel', 'vacation', 'backpacking', 'roadtrip'],
}

/** Words a bio can use to name the niche (whole-word keywords, as niche matching expects). */
export function nicheBioWords(niche: string): readonly string[] {
  return NICHE_BIO_WORDS[niche] ?? [niche]
}

/** The niche as it is written in a display name ("DIY", "Fitness"). */
export function nicheTitle(niche: string): string {
  if (niche === 'diy') return 'DIY'
  return niche.charAt(0).toUpperCase() + niche.slice(1)
}

/** Caption openers per niche (before the #tags); plain ASCII so tag offsets are unambiguous. */
const NICHE_CAPTIONS: Readonly<Record<string, readonly string[]>> = {
  art: ['time lapse of this piece, 9 hours total', 'trying a new palette today', 'sketchbook tour'],
  beauty: ['my 5 minute everyday look', 'testing the viral primer', 'night routine for dry skin'],
  cars: [
    'cold start on a winter morning',
    'before and after the full detail',
    'would you daily this?',
  ],
  comedy: [
    'when the group chat goes quiet',
    'pov: first day at the new job',
    'my mom every sunday',
  ],
  dance: ['learned this in one afternoon', 'tutorial slowed down for you', 'the ending though'],
  diy: ['turning scrap wood into a shelf', 'how I fixed the wobbly table', 'weekend project done'],
  education: [
    '3 facts they never taught you in school',
    'explained in 60 seconds',
    'part 2 as promised',
  ],
  fashion: ['outfits for the week', 'styling one jacket three ways', 'thrift haul try on'],
  finance: [
    'how I split every paycheck',
    '3 money mistakes I made at 22',
    'reading this chart right',
  ],
  fitness: [
    'leg day never gets easier',
    'full upper body session, save this',
    'progress after 12 weeks',
  ],
  food: [
    '15 minute dinner that never fails',
    'grandma taught me this one',
    'crispy every single time',
  ],
  gaming: ['that clutch at the end', 'the new update is wild', 'ranked grind day 14'],
  health: [
    'small habits that changed my mornings',
    'what I eat in a day',
    'a reminder to slow down',
  ],
  lifestyle: [
    'a slow sunday reset',
    'day in my life as a night owl',
    'cleaning the whole apartment',
  ],
  music: ['wrote this at 2am', 'acoustic version you asked for', 'should I release this?'],
  parenting: ['bedtime negotiations, round 3', 'things nobody tells new parents', 'toddler logic'],
  pets: ['he heard the treat bag', 'first day home', 'she does this every single morning'],
  sports: ['the reaction says it all', 'drill for a quicker first step', 'last second winner'],
  tech: [
    'is this worth the upgrade?',
    'unboxing the new release',
    'three settings to change today',
  ],
  travel: ['48 hours in the old town', 'the view was worth the hike', 'packing list for two weeks'],
}

const GENERIC_CAPTIONS: readonly string[] = ['new video', 'wait for it', 'had to post this']

/** Caption openers of a niche (generic ones for a niche without a list). */
export function nicheCaptions(niche: string): readonly string[] {
  return NICHE_CAPTIONS[niche] ?? GENERIC_CAPTIONS
}

/** TikTok's `CategoryType` (content category) per niche, in the range the real samples show. */
const NICHE_CATEGORY_TYPE: Readonly<Record<string, number>> = {
  art: 104,
  beauty: 105,
  cars: 106,
  comedy: 107,
  dance: 108,
  diy: 109,
  education: 110,
  fashion: 111,
  finance: 112,
  fitness: 113,
  food: 114,
  gaming: 115,
  health: 116,
  lifestyle: 117,
  music: 118,
  parenting: 119,
  pets: 121,
  sports: 122,
  tech: 123,
  travel: 120,
}

/** TikTok `CategoryType` of a niche. */
export function nicheCategoryType(niche: string): number {
  return NICHE_CATEGORY_TYPE[niche] ?? 100
}

/** Bios naming the niche: `{w}` a bio word, `{W}` the same capitalised, `{c}` a city. */
export const NICHE_BIO_TEMPLATES: readonly string[] = [
  '{W} content every week',
  'Daily {w} videos',
  'Sharing my {w} journey',
  '{W} creator based in {c}',
  '{W} | collabs via DM',
  'Here for the {w}',
]

/** Bios that name no niche (checked by tests against every taxonomy keyword). */
export const GENERIC_BIOS: readonly string[] = [
  'just vibes',
  'new posts most days',
  'collabs via DM',
  'thanks for stopping by',
  'based in {c}',
  '',
]

/** Cities a bio may mention (none is a niche keyword). */
export const CITIES: readonly string[] = [
  'London',
  'Austin',
  'Manila',
  'Lagos',
  'Berlin',
  'Toronto',
  'Jakarta',
  'Madrid',
  'Sydney',
  'Seoul',
  'Paris',
  'Miami',
]

/** Creator regions (ISO-2), weighted roughly like TikTok's creators (India: banned, left out). */
export const REGIONS = weightedTable<string>([
  ['US', 28],
  ['GB', 6],
  ['ID', 6],
  ['BR', 6],
  ['MX', 5],
  ['PH', 4],
  ['DE', 4],
  ['FR', 4],
  ['CA', 4],
  ['AU', 3],
  ['ES', 3],
  ['IT', 3],
  ['TR', 3],
  ['VN', 3],
  ['TH', 3],
  ['PK', 2],
  ['SA', 2],
  ['AE', 2],
  ['EG', 2],
  ['NG', 2],
  ['AR', 2],
  ['CO', 2],
  ['MY', 2],
  ['JP', 2],
  ['KR', 1],
  ['NL', 1],
  ['PL', 1],
  ['SE', 1],
  ['ZA', 1],
])

/** Letters of pronounceable made-up names (consonant–vowel syllables). */
export const NAME_CONSONANTS = 'bdfklmnprstvz'
export const NAME_VOWELS = 'aeiou'

/** Words for the titles and artists of the made-up popular sounds. */
export const SOUND_TITLE_WORDS: readonly string[] = [
  'Golden',
  'Neon',
  'Midnight',
  'Velvet',
  'Paper',
  'Electric',
  'Summer',
  'Silver',
  'Slow',
  'Wild',
  'Ocean',
  'Glass',
  'Honey',
  'Static',
  'Lucky',
  'Cloud',
]
export const SOUND_TITLE_NOUNS: readonly string[] = [
  'Hour',
  'Skyline',
  'Heartbeat',
  'Motion',
  'Fever',
  'Lights',
  'Drive',
  'Echo',
  'Parade',
  'Signal',
  'Bloom',
  'Rush',
]
export const ARTIST_FIRST_NAMES: readonly string[] = [
  'Nova',
  'Jules',
  'Remy',
  'Sasha',
  'Kai',
  'Lina',
  'Theo',
  'Mara',
  'Ezra',
  'Ivy',
]
export const ARTIST_LAST_NAMES: readonly string[] = [
  'Lane',
  'Vale',
  'Stone',
  'Rivers',
  'Cruz',
  'Monroe',
  'Hart',
  'Quinn',
]
