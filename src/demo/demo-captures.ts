/** Streams demo captures `{url, observed_at, body}` in TikTok's real payload shapes. */

import {
  createDemoContext,
  type DemoCreator,
  followersAt,
  growingAt,
  planCreator,
  playsAt,
} from './demo-creator.js'
import { demoLogId, MAX_DEMO_CREATORS } from './demo-ids.js'
import {
  authorStatsPair,
  buildAuthor,
  buildItem,
  buildItemParts,
  buildProfileUser,
  challengeDetailBody,
  itemListBody,
  likesFor,
  musicDetailBody,
  type TikTokItem,
  userDetailBody,
  userStats,
} from './demo-payloads.js'
import type { PoolSound } from './demo-sounds.js'
import { mixSeed, Random } from './random.js'

/** One capture as the browser extension uploads it. */
export interface DemoCapture {
  url: string
  /** Epoch milliseconds. */
  observed_at: number
  body: unknown
}

export interface DemoOptions {
  /** Number of creators to generate. */
  creators: number
  /** Seed of every random choice: the same options always give the same captures. */
  seed: number
  /** Reference time, epoch SECONDS: every post and observation lies at or before it. */
  now: number
}

const API = 'https://www.tiktok.com/api'
/** Items per post item_list page (the web app asks for 30). */
const PAGE_SIZE = 30
/** Captures per batch of the closing hashtag / sound detail batches. */
const DETAIL_BATCH_SIZE = 100

function validate(options: DemoOptions): void {
  const { creators, seed, now } = options
  if (!Number.isInteger(creators) || creators < 0 || creators > MAX_DEMO_CREATORS) {
    throw new RangeError(
      `creators must be an integer in [0, ${MAX_DEMO_CREATORS}], got ${creators}`,
    )
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`)
  // 91 days after the epoch at least, so the 90-day posting window stays at positive times.
  // Below 1e11 (year 5138): catches milliseconds passed by mistake.
  if (!Number.isFinite(now) || now < 91 * 86_400 || now >= 1e11) {
    throw new RangeError(`now must be epoch seconds, got ${now}`)
  }
}

/** The captures of one creator: per observation a user detail and the post item_list pages. */
function creatorCaptures(creator: DemoCreator, nowSec: number): DemoCapture[] {
  const { random, videos } = creator
  const author = buildAuthor(creator)
  const user = buildProfileUser(creator, nowSec)
  const parts = videos.map(buildItemParts)
  const handle = encodeURIComponent(creator.handle)
  const userUrl = `${API}/user/detail/?uniqueId=${handle}&secUid=${creator.secUid}`
  const listUrl = `${API}/post/item_list/?secUid=${creator.secUid}&count=${PAGE_SIZE}&cursor=`
  // Profile order: pinned posts first (as with needPinnedItemIds), then newest first.
  const order: number[] = []
  videos.forEach((video, i) => {
    if (video.pinned) order.push(i)
  })
  videos.forEach((video, i) => {
    if (!video.pinned) order.push(i)
  })
  const plays = new Float64Array(videos.length)
  const captures: DemoCapture[] = []

  for (const observedAt of creator.observations) {
    const time = Math.floor(observedAt / 1000)
    // Counters first: the embedded authorStats of every item carry the like total.
    let heart = creator.olderLikes
    let visible = 0
    for (let i = 0; i < videos.length; i++) {
      const video = videos[i]
      // A post is only seen once it exists: later posts appear in later observations only.
      if (video === undefined || video.createTime * 1000 > observedAt) {
        plays[i] = -1
        continue
      }
      const count = playsAt(video, time)
      plays[i] = count
      heart += likesFor(video, count)
      visible++
    }
    const { stats, statsV2 } = userStats({
      followers: followersAt(creator, observedAt),
      following: growingAt(creator, creator.following, creator.followingPerDay, observedAt),
      friends: creator.friendCount,
      likesGiven: growingAt(creator, creator.likesGiven, creator.likesGivenPerDay, observedAt),
      heart,
      videoCount: creator.olderPosts + visible,
    })
    const { authorStats, authorStatsV2 } = authorStatsPair(stats)
    const userLogId = demoLogId(observedAt, random)
    captures.push({
      url: userUrl,
      observed_at: observedAt,
      body: userDetailBody(creator, user, stats, statsV2, userLogId, observedAt),
    })

    // Then the profile grid, scrolled page by page a few seconds apart.
    let pageAt = observedAt
    let requestCursor = '0'
    let cursorMs = 0
    let emitted = 0
    let page: TikTokItem[] = []
    const flush = (): void => {
      pageAt += random.int(1_200, 4_000)
      const responseCursor = String(cursorMs)
      const logid = demoLogId(pageAt, random)
      captures.push({
        url: listUrl + requestCursor,
        observed_at: pageAt,
        body: itemListBody(page, emitted < visible, responseCursor, logid, pageAt),
      })
      requestCursor = responseCursor
      page = []
    }
    for (const i of order) {
      const count = plays[i] ?? -1
      const video = videos[i]
      const itemParts = parts[i]
      if (count < 0 || video === undefined || itemParts === undefined) continue
      page.push(buildItem(creator, video, itemParts, author, authorStats, authorStatsV2, count))
      emitted++
      // The cursor walks back in time over the chronological part of the grid.
      if (!video.pinned) cursorMs = video.createTime * 1000
      if (page.length === PAGE_SIZE) flush()
    }
    if (page.length > 0) flush()
  }
  return captures
}

/** Challenge and music detail captures for the tags and pool sounds the creators used. */
function* detailCaptures(
  tags: ReadonlySet<string>,
  sounds: ReadonlyMap<string, PoolSound>,
  seed: number,
  nowSec: number,
): Generator<DemoCapture[]> {
  const random = new Random(mixSeed(seed, 0xde7a11))
  const tagList = [...tags].sort()
  const soundList = [...sounds.values()].sort((a, b) => (a.music.id < b.music.id ? -1 : 1))
  const total = tagList.length + soundList.length
  // Browsed one page every two seconds, the last one right before `now`.
  const firstAt = nowSec * 1000 - total * 2_000
  let index = 0
  let batch: DemoCapture[] = []
  const add = (
    url: string,
    build: (logid: string, at: number) => unknown,
  ): DemoCapture[] | null => {
    const at = firstAt + index * 2_000
    index++
    batch.push({ url, observed_at: at, body: build(demoLogId(at, random), at) })
    if (batch.length < DETAIL_BATCH_SIZE) return null
    const full = batch
    batch = []
    return full
  }
  for (const tag of tagList) {
    const full = add(
      `${API}/challenge/detail/?challengeName=${encodeURIComponent(tag)}`,
      (logid, at) => challengeDetailBody(tag, logid, at),
    )
    if (full !== null) yield full
  }
  if (batch.length > 0) {
    yield batch
    batch = []
  }
  for (const sound of soundList) {
    const full = add(`${API}/music/detail/?musicId=${sound.music.id}`, (logid, at) =>
      musicDetailBody(sound, logid, at),
    )
    if (full !== null) yield full
  }
  if (batch.length > 0) yield batch
}

/**
 * Generates demo captures lazily: one batch per creator (all their observations, 2–5 each),
 * then batches of hashtag and sound detail captures. Memory stays flat whatever the creator
 * count: only the bounded sets of used tags and pool sounds are kept. Batches share read-only
 * sub-objects between bodies; do not mutate them.
 */
export function* generateDemoCaptures(options: DemoOptions): Generator<DemoCapture[]> {
  validate(options)
  const nowSec = Math.floor(options.now)
  const context = createDemoContext(options.seed, nowSec)
  const tags = new Set<string>()
  const sounds = new Map<string, PoolSound>()
  for (let index = 0; index < options.creators; index++) {
    const creator = planCreator(index, context)
    for (const video of creator.videos) {
      for (const tag of video.tags) tags.add(tag)
      if (video.poolSound !== null) sounds.set(video.poolSound.music.id, video.poolSound)
    }
    yield creatorCaptures(creator, nowSec)
  }
  yield* detailCaptures(tags, sounds, options.seed, nowSec)
}
