/** The model of one demo creator: identity, audience, posts and how their counters evolve. */

import { NICHE_NAMES, NICHE_TAXONOMY } from '../domain/niche-taxonomy.js'
import { demoItemId, demoOriginalSoundId, demoSecUid, demoUserId } from './demo-ids.js'
import {
  nicheSounds,
  type PoolSound,
  type TikTokMusic,
  TRENDING_SOUNDS,
  tiktokMusic,
} from './demo-sounds.js'
import { MAX_FOLLOWERS, MIN_FOLLOWERS, TIERS, type TierProfile } from './demo-tiers.js'
import {
  CITIES,
  GENERIC_BIOS,
  GENERIC_TAGS,
  NAME_CONSONANTS,
  NAME_VOWELS,
  NICHE_BIO_TEMPLATES,
  nicheBioWords,
  nicheCaptions,
  nicheCategoryType,
  nicheExtraTags,
  nicheKeywords,
  nicheTitle,
  REGIONS,
} from './demo-vocabulary.js'
import { mixSeed, Random, truncatedParetoQuantile, weightedTable } from './random.js'

const DAY = 86_400
/** 1/φ: index × this (mod 1) is a low-discrepancy sequence, so every tier gets its share early. */
const GOLDEN_FRACTION = 0.618_033_988_749_895

/** Run-wide values shared by all creators of one generation. */
export interface DemoContext {
  readonly seed: number
  /** Reference time, epoch seconds. */
  readonly now: number
  /** Seed-dependent rotation of the follower quantile sequence. */
  readonly quantileOffset: number
  /** Seed-dependent rotation of the round-robin niche assignment. */
  readonly nicheOffset: number
}

/** Prepares the run-wide values of a generation. */
export function createDemoContext(seed: number, now: number): DemoContext {
  return {
    seed,
    now,
    quantileOffset: mixSeed(seed, 0xf011) / 4_294_967_296,
    nicheOffset: mixSeed(seed, 0x61c8) % NICHE_NAMES.length,
  }
}

/** One post of a creator, with everything needed to compute its counters at any time. */
export interface DemoVideo {
  readonly id: string
  /** Epoch seconds. */
  readonly createTime: number
  /** Plays the post tends to (its counters approach this asymptotically). */
  readonly finalPlays: number
  /** Seconds over which most early plays arrive. */
  readonly growthTau: number
  /** Counters per play (likes, comments, shares) and per like / share (saves, reposts). */
  readonly likeRate: number
  readonly commentRate: number
  readonly shareRate: number
  readonly saveRate: number
  readonly repostRate: number
  pinned: boolean
  /** Seconds; 0 for slideshows. */
  readonly duration: number
  /** Number of pictures of a slideshow; 0 for a video. */
  readonly slides: number
  /** Lower-cased tags, caption order. */
  readonly tags: readonly string[]
  /** The same tags as typed in the caption (some capitalised). */
  readonly typedTags: readonly string[]
  readonly caption: string
  readonly music: TikTokMusic
  /** The pool sound used, or null for the creator's original sound. */
  readonly poolSound: PoolSound | null
}

/** A demo creator; `random` continues the creator's deterministic stream for payload details. */
export interface DemoCreator {
  readonly index: number
  readonly niche: string
  readonly tier: TierProfile
  readonly userId: string
  readonly secUid: string
  readonly handle: string
  readonly nickname: string
  readonly signature: string
  readonly verified: boolean
  readonly region: string | null
  readonly commerceCategory: string | null
  readonly categoryType: number
  readonly diversificationId: number
  /** Followers at the last observation. */
  readonly followers: number
  /** Daily relative follower growth (negative: the account is losing followers). */
  readonly followerGrowth: number
  readonly following: number
  readonly followingPerDay: number
  readonly friendCount: number
  readonly likesGiven: number
  readonly likesGivenPerDay: number
  /** Posts from before the 90-day window and the likes they collected. */
  readonly olderPosts: number
  readonly olderLikes: number
  /** Observation times, epoch ms, ascending; the last one is the reference for counters. */
  readonly observations: readonly number[]
  /** Posts, newest first. */
  readonly videos: readonly DemoVideo[]
  readonly random: Random
}

/** Keywords of every niche: made-up names must not accidentally read as one of them. */
const ALL_KEYWORDS = new Set(Object.values(NICHE_TAXONOMY).flat())

const GENERIC_TAG_COUNT = weightedTable<number>([
  [0, 0.3],
  [1, 0.35],
  [2, 0.25],
  [3, 0.1],
])

const GENERIC_TAG_CHOICE = weightedTable<string>(
  GENERIC_TAGS.map((tag, i): readonly [string, number] => [tag, i === 0 ? 4 : i < 3 ? 2 : 1]),
)

const PINNED_COUNT = weightedTable<number>([
  [1, 0.6],
  [2, 0.3],
  [3, 0.1],
])

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/** A pronounceable made-up name of consonant–vowel syllables that is no niche keyword. */
function madeUpName(random: Random): string {
  for (;;) {
    const syllables = random.int(2, 3)
    let name = ''
    for (let i = 0; i < syllables; i++) {
      name += NAME_CONSONANTS.charAt(random.int(0, NAME_CONSONANTS.length - 1))
      name += NAME_VOWELS.charAt(random.int(0, NAME_VOWELS.length - 1))
    }
    if (!ALL_KEYWORDS.has(name)) return name
  }
}

/** Follower count from the creator's stratified quantile: tier by share, Pareto inside the tier. */
function followersAtQuantile(quantile: number): { tier: TierProfile; followers: number } {
  let low = 0
  for (const tier of TIERS) {
    if (quantile < low + tier.share || tier === TIERS[TIERS.length - 1]) {
      const u = Math.min(Math.max((quantile - low) / tier.share, 0), 0.999_999)
      const followers = truncatedParetoQuantile(u, tier.minFollowers, tier.maxFollowers, tier.alpha)
      return { tier, followers: Math.round(followers) }
    }
    low += tier.share
  }
  throw new Error('unreachable: TIERS is not empty')
}

function pickTags(
  random: Random,
  niche: string,
  favourites: readonly string[],
  secondaryNiche: string,
): string[] {
  const tags: string[] = []
  const add = (tag: string): void => {
    if (!tags.includes(tag)) tags.push(tag)
  }
  if (random.chance(0.55)) add(niche)
  const favouriteCount = random.int(1, 2)
  for (let i = 0; i < favouriteCount; i++) add(random.pick(favourites))
  const extras = nicheExtraTags(niche)
  if (extras.length > 0 && random.chance(0.2)) add(random.pick(extras))
  // A minority of posts crosses into another niche, as creators do; it stays a minority so the
  // primary niche is still the assigned one.
  if (random.chance(0.08)) add(random.pick(nicheKeywords(secondaryNiche)))
  const generic = random.weighted(GENERIC_TAG_COUNT)
  for (let i = 0; i < generic; i++) add(random.weighted(GENERIC_TAG_CHOICE))
  return tags
}

function typedForm(random: Random, tag: string): string {
  const u = random.next()
  if (u < 0.1) return capitalise(tag)
  if (u < 0.13) return tag.toUpperCase()
  return tag
}

/**
 * Share of a post's final plays reached `age` seconds after posting: most arrive in the first days
 * (time constant `tau`), a long tail keeps trickling in. Strictly increasing, so counters never
 * go down between observations.
 */
export function growthShare(age: number, tau: number): number {
  if (age <= 0) return 0
  return 0.9 * (1 - Math.exp(-age / tau)) + (0.1 * age) / (age + 30 * DAY)
}

/** Plays of a post at `time` (epoch seconds). */
export function playsAt(video: DemoVideo, time: number): number {
  return Math.floor(video.finalPlays * growthShare(time - video.createTime, video.growthTau))
}

/** Followers at `timeMs`: exponential growth (or decline) towards the last observation's value. */
export function followersAt(creator: DemoCreator, timeMs: number): number {
  const lastMs = creator.observations[creator.observations.length - 1] ?? timeMs
  const days = (timeMs - lastMs) / 86_400_000
  const value = Math.round(creator.followers * Math.exp(creator.followerGrowth * days))
  return Math.min(Math.max(value, MIN_FOLLOWERS), MAX_FOLLOWERS)
}

/** A counter that only grows: its value at the last observation plus a daily rate. */
export function growingAt(
  creator: DemoCreator,
  base: number,
  perDay: number,
  timeMs: number,
): number {
  const lastMs = creator.observations[creator.observations.length - 1] ?? timeMs
  return Math.max(0, base + Math.round((perDay * (timeMs - lastMs)) / 86_400_000))
}

/** Builds the model of the `index`-th demo creator (deterministic for a context and index). */
export function planCreator(index: number, context: DemoContext): DemoCreator {
  const random = new Random(mixSeed(context.seed, index, 0xc7ea))
  const nowMs = context.now * 1000
  const niche = NICHE_NAMES[(index + context.nicheOffset) % NICHE_NAMES.length] ?? 'lifestyle'
  let secondaryNiche = random.pick(NICHE_NAMES)
  if (secondaryNiche === niche) secondaryNiche = 'lifestyle'

  const quantile = (index * GOLDEN_FRACTION + context.quantileOffset) % 1
  const { tier, followers } = followersAtQuantile(quantile)

  // Identity.
  const first = madeUpName(random)
  const last = madeUpName(random)
  const handleStyle = random.next()
  const handleBase =
    handleStyle < 0.45
      ? `${first}${last}`
      : handleStyle < 0.75
        ? `${first}_${last}`
        : `${first}${niche}`
  // The base36 index after the only '.' makes handles unique whatever the made-up name is.
  const handle = `${handleBase}.${index.toString(36)}`
  const nicknameStyle = random.next()
  const nickname =
    nicknameStyle < 0.45
      ? `${capitalise(first)} ${capitalise(last)}`
      : nicknameStyle < 0.75
        ? `${capitalise(first)} | ${nicheTitle(niche)}`
        : nicknameStyle < 0.9
          ? capitalise(first)
          : `${capitalise(first)} ${capitalise(last)} \u2728`
  const city = random.pick(CITIES)
  let signature: string
  if (random.chance(0.55)) {
    const word = random.pick(nicheBioWords(niche))
    signature = random
      .pick(NICHE_BIO_TEMPLATES)
      .replace('{W}', word === 'diy' ? 'DIY' : capitalise(word))
      .replace('{w}', word)
      .replace('{c}', city)
  } else {
    signature = random.pick(GENERIC_BIOS).replace('{c}', city)
  }
  const verified = random.chance(tier.verified)
  const region = random.chance(0.9) ? random.weighted(REGIONS) : null
  const commerceCategory = random.chance(0.25) ? nicheTitle(niche) : null

  // Observations: 2–5 visits over the last 30 days, the last within 36 h of `now`. Every visit
  // ends at least a minute before `now`, leaving room for its paging captures.
  const observationCount = random.int(2, 5)
  const lastMs = nowMs - random.int(120_000, 36 * 3_600_000)
  const observations: number[] = [lastMs]
  for (let i = 1; i < observationCount; i++) {
    observations.push(random.int(nowMs - 30 * 86_400_000, lastMs - 3_600_000))
  }
  observations.sort((a, b) => a - b)
  const firstSec = Math.floor((observations[0] ?? lastMs) / 1000)
  const lastSec = Math.floor(lastMs / 1000)

  // Posting window: the whole 90 days for most, a shorter recent run for the rest.
  const spanDays = random.chance(0.6) ? 90 : random.uniform(40, 90)
  const windowStart = Math.ceil(context.now - spanDays * DAY)
  const windowEnd = lastSec - 600
  const videoCount = random.int(10, 60)
  const times: number[] = []
  for (let i = 0; i < videoCount; i++) times.push(random.int(windowStart, windowEnd))
  // At least one post predates the first visit, so every visit sees a non-empty profile.
  let oldest = 0
  for (let i = 1; i < times.length; i++) if ((times[i] ?? 0) < (times[oldest] ?? 0)) oldest = i
  if ((times[oldest] ?? 0) > firstSec - DAY) times[oldest] = random.int(windowStart, firstSec - DAY)
  times.sort((a, b) => b - a)

  // Audience and engagement.
  const reach = followers * tier.reach * random.logNormal(-0.125, 0.5)
  const quality = random.logNormal(0, 0.35)
  const creatorEngagement = tier.engagement * quality
  const viralProbability = random.chance(0.4) ? random.uniform(0.04, 0.12) : 0.01
  const breakoutProbability = tier.name === 'nano' || tier.name === 'micro' ? 0.004 : 0

  const keywords = nicheKeywords(niche)
  const favourites: string[] = []
  const favouriteCount = Math.min(keywords.length, random.int(3, 4))
  while (favourites.length < favouriteCount) {
    const keyword = random.pick(keywords)
    if (!favourites.includes(keyword)) favourites.push(keyword)
  }
  const captions = nicheCaptions(niche)
  const ownSound = tiktokMusic(
    demoOriginalSoundId(index),
    `original sound - ${handle}`,
    nickname,
    true,
    random.int(8, 60),
  )
  const nicheSoundPool = nicheSounds(niche)

  const videos: DemoVideo[] = []
  let likesSum = 0
  times.forEach((createTime, videoIndex) => {
    let plays = reach * random.logNormal(0, tier.playSigma)
    if (random.chance(viralProbability)) plays *= Math.min(3 * random.pareto(1, 1.6), 60)
    if (random.chance(breakoutProbability))
      plays = Math.max(plays, random.uniform(100_000, 3_000_000))
    const engagement = Math.min(creatorEngagement * random.logNormal(-0.045, 0.3), 0.5)
    const commentShare = random.uniform(0.01, 0.05)
    const shareShare = random.uniform(0.02, 0.1)
    const kind = random.next()
    const slides = kind < 0.08 ? random.int(3, 10) : 0
    const duration =
      slides > 0
        ? 0
        : kind < 0.8
          ? random.int(7, 59)
          : kind < 0.96
            ? random.int(60, 300)
            : random.int(301, 900)
    const untagged = random.chance(0.05)
    const tags = untagged ? [] : pickTags(random, niche, favourites, secondaryNiche)
    const typedTags = tags.map((tag) => typedForm(random, tag))
    const soundRoll = random.next()
    const poolSound =
      soundRoll < 0.65
        ? null
        : soundRoll < 0.9
          ? random.pick(nicheSoundPool)
          : random.pick(TRENDING_SOUNDS)
    const finalPlays = Math.max(30, Math.round(plays))
    const likeRate = engagement * (1 - commentShare - shareShare)
    likesSum += finalPlays * likeRate
    videos.push({
      id: demoItemId(index, videoIndex),
      createTime,
      finalPlays,
      growthTau: random.uniform(0.4, 3) * DAY,
      likeRate,
      commentRate: engagement * commentShare,
      shareRate: engagement * shareShare,
      saveRate: random.uniform(0.04, 0.15),
      repostRate: random.chance(0.5) ? 0 : random.uniform(0, 0.15),
      pinned: false,
      duration,
      slides,
      tags,
      typedTags,
      caption: random.pick(captions),
      music: poolSound === null ? ownSound : poolSound.music,
      poolSound,
    })
  })

  // ~30 % pin 1–3 posts: their best performers among those visible since the first visit, the
  // hand-picked outliers the creator sample leaves out.
  if (random.chance(0.3)) {
    const eligible = videos.filter((video) => video.createTime <= firstSec)
    eligible.sort((a, b) => b.finalPlays - a.finalPlays)
    const pinnedCount = Math.min(random.weighted(PINNED_COUNT), eligible.length)
    for (let i = 0; i < pinnedCount; i++) {
      const video = eligible[i]
      if (video !== undefined) video.pinned = true
    }
  }

  const olderPosts = Math.min(Math.round(random.logNormal(Math.log(tier.olderPosts), 0.9)), 8000)
  const olderLikes = Math.round(
    olderPosts * (likesSum / Math.max(videos.length, 1)) * random.logNormal(0, 0.5),
  )
  const following = Math.min(Math.round(random.logNormal(Math.log(300), 1.1)), 9000)

  return {
    index,
    niche,
    tier,
    userId: demoUserId(index),
    secUid: demoSecUid(index),
    handle,
    nickname,
    signature,
    verified,
    region,
    commerceCategory,
    categoryType: nicheCategoryType(niche),
    diversificationId: 10_000 + nicheCategoryType(niche),
    followers,
    followerGrowth: Math.min(Math.max(random.normal(0.003, 0.004), -0.01), 0.03),
    following,
    followingPerDay: random.chance(0.5) ? random.uniform(0, 1) : 0,
    friendCount: Math.round(following * random.uniform(0.05, 0.4)),
    likesGiven: Math.round(random.logNormal(Math.log(3000), 1.3)),
    likesGivenPerDay: random.uniform(0, 30),
    olderPosts,
    olderLikes,
    observations,
    videos,
    random,
  }
}
