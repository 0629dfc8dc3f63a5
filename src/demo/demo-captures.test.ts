/** Tests of the demo capture generator: determinism, distributions, payload shapes, streaming. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { NICHE_NAMES, NICHE_TAXONOMY } from '../domain/niche-taxonomy.js'
import { roundCount } from './count-rounding.js'
import { type DemoCapture, generateDemoCaptures } from './demo-captures.js'
import { MAX_DEMO_CREATORS } from './demo-ids.js'
import type {
  TikTokExtra,
  TikTokItem,
  TikTokUser,
  TikTokUserStats,
  TikTokUserStatsV2,
} from './demo-payloads.js'
import { TIERS, tierOf } from './demo-tiers.js'
import {
  GENERIC_BIOS,
  GENERIC_TAGS,
  NICHE_BIO_TEMPLATES,
  nicheBioWords,
  nicheExtraTags,
} from './demo-vocabulary.js'

const NOW = 1_760_940_000
const DAY = 86_400

interface Envelope {
  statusCode: number
  status_code: number
  status_msg: string
  extra: TikTokExtra
  log_pb: { impr_id: string }
}
interface UserDetailBody extends Envelope {
  userInfo: { user: TikTokUser; stats: TikTokUserStats; statsV2: TikTokUserStatsV2 }
}
interface ItemListBody extends Envelope {
  itemList?: TikTokItem[]
  hasMore: boolean
  cursor: string
}
interface ChallengeDetailBody {
  statusCode: number
  status_code: number
  challengeInfo: {
    challenge: { id: string; title: string; desc: string; isCommerce: boolean }
    stats: { videoCount: number; viewCount: number }
    statsV2: { videoCount: string; viewCount: string }
  }
}
interface MusicDetailBody {
  statusCode: number
  status_code: number
  musicInfo: {
    music: { id: string; title: string; authorName: string; original: boolean; duration: number }
    author: { id: string; uniqueId: string }
    stats: { videoCount: number }
    statsV2: { videoCount: string }
  }
}

const isUserDetail = (c: DemoCapture): boolean => c.url.includes('/api/user/detail/')
const isItemList = (c: DemoCapture): boolean => c.url.includes('/api/post/item_list/')
const isChallenge = (c: DemoCapture): boolean => c.url.includes('/api/challenge/detail/')
const isMusic = (c: DemoCapture): boolean => c.url.includes('/api/music/detail/')

/** One creator's batch, digested. */
interface CreatorView {
  captures: DemoCapture[]
  users: { observedAt: number; body: UserDetailBody }[]
  /** Every item observation, in capture order. */
  items: { observedAt: number; item: TikTokItem }[]
  /** Latest observation of each item. */
  latest: Map<string, TikTokItem>
}

function viewCreator(batch: DemoCapture[]): CreatorView {
  const view: CreatorView = { captures: batch, users: [], items: [], latest: new Map() }
  for (const capture of batch) {
    if (isUserDetail(capture)) {
      view.users.push({ observedAt: capture.observed_at, body: capture.body as UserDetailBody })
    } else if (isItemList(capture)) {
      for (const item of (capture.body as ItemListBody).itemList ?? []) {
        view.items.push({ observedAt: capture.observed_at, item })
        view.latest.set(item.id, item)
      }
    }
  }
  return view
}

function generate(creators: number, seed = 7): { creators: CreatorView[]; details: DemoCapture[] } {
  const result: { creators: CreatorView[]; details: DemoCapture[] } = { creators: [], details: [] }
  for (const batch of generateDemoCaptures({ creators, seed, now: NOW })) {
    if (batch.some(isUserDetail)) result.creators.push(viewCreator(batch))
    else result.details.push(...batch)
  }
  return result
}

function hashtagsOf(item: TikTokItem): string[] {
  const tags: string[] = []
  for (const c of item.challenges ?? []) tags.push(c.title.toLowerCase())
  for (const t of item.textExtra ?? []) if (t.type === 1) tags.push(t.hashtagName.toLowerCase())
  return [...new Set(tags)]
}

/** metrics.md §4 primary niche: most video-hashtag uses, ties alphabetical. */
function primaryNiche(items: Iterable<TikTokItem>): string | null {
  const uses = new Map<string, number>()
  for (const item of items) {
    for (const tag of hashtagsOf(item)) {
      for (const niche of NICHE_NAMES) {
        if (NICHE_TAXONOMY[niche]?.includes(tag)) uses.set(niche, (uses.get(niche) ?? 0) + 1)
      }
    }
  }
  let best: string | null = null
  let bestCount = 0
  for (const niche of NICHE_NAMES) {
    const count = uses.get(niche) ?? 0
    if (count > bestCount) {
      best = niche
      bestCount = count
    }
  }
  return best
}

/** Views-based engagement of the creator sample (30 newest non-pinned posts), metrics.md §2. */
function engagementRate(view: CreatorView): number {
  const sample = [...view.latest.values()]
    .filter((item) => !item.isPinnedItem)
    .sort((a, b) => b.createTime - a.createTime)
    .slice(0, 30)
  let engagements = 0
  let plays = 0
  for (const item of sample) {
    engagements +=
      Number(item.statsV2.diggCount) +
      Number(item.statsV2.commentCount) +
      Number(item.statsV2.shareCount)
    plays += Number(item.statsV2.playCount)
  }
  return plays === 0 ? 0 : engagements / plays
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

let cachedRun: ReturnType<typeof generate> | undefined
/** 500 creators, generated once on first use (after the streaming tests). */
function run(): ReturnType<typeof generate> {
  cachedRun ??= generate(500)
  return cachedRun
}
const followersOf = (view: CreatorView): number =>
  Number(view.users[view.users.length - 1]?.body.userInfo.statsV2.followerCount ?? 0)

describe('generateDemoCaptures streaming', () => {
  // First in the file: a large retained run would slow the collector down for these.
  it('streams: the first batch comes at once, whatever the creator count', () => {
    const begin = performance.now()
    const first = generateDemoCaptures({ creators: MAX_DEMO_CREATORS, seed: 3, now: NOW }).next()
    assert.equal(first.done, false)
    assert.ok(performance.now() - begin < 500)
  })

  it('streams many creators with flat memory', () => {
    // Only a full collection tells retained memory from garbage awaiting collection.
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    gc()
    const start = process.memoryUsage().heapUsed
    let peak = start
    let batches = 0
    for (const batch of generateDemoCaptures({ creators: 5_000, seed: 3, now: NOW })) {
      assert.ok(batch.length > 0)
      if (++batches % 2_500 === 0) {
        gc()
        peak = Math.max(peak, process.memoryUsage().heapUsed)
      }
    }
    assert.ok(batches > 5_000)
    assert.ok(peak - start < 20e6, `retained heap grew by ${Math.round((peak - start) / 1e6)} MB`)
  })
})

describe('generateDemoCaptures', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const take = (seed: number): DemoCapture[][] => {
      const batches: DemoCapture[][] = []
      for (const batch of generateDemoCaptures({ creators: 50, seed, now: NOW })) {
        batches.push(batch)
        if (batches.length === 3) break
      }
      return batches
    }
    assert.deepEqual(take(42), take(42))
    assert.notDeepEqual(take(42)[0], take(43)[0])
  })

  it('rejects invalid options', () => {
    const bad = [
      { creators: -1, seed: 1, now: NOW },
      { creators: 1.5, seed: 1, now: NOW },
      { creators: 1, seed: Number.NaN, now: NOW },
      { creators: 1, seed: 1, now: Number.POSITIVE_INFINITY },
      { creators: 1, seed: 1, now: 10 },
      { creators: 1, seed: 1, now: NOW * 1000 },
    ]
    for (const options of bad) assert.throws(() => generateDemoCaptures(options).next(), RangeError)
  })

  it('yields one batch per creator with 2–5 observations, then detail batches', () => {
    assert.equal(run().creators.length, 500)
    for (const view of run().creators) {
      assert.ok(
        view.users.length >= 2 && view.users.length <= 5,
        `${view.users.length} observations`,
      )
      assert.ok(view.captures.every((c) => isUserDetail(c) || isItemList(c)))
    }
    assert.ok(run().details.length > 0)
    assert.ok(run().details.every((c) => isChallenge(c) || isMusic(c)))
  })

  it('represents every niche of the taxonomy with 20 creators', () => {
    const { creators } = generate(20, 11)
    const primaries = new Set(creators.map((view) => primaryNiche(view.latest.values())))
    assert.deepEqual([...primaries].sort(), [...NICHE_NAMES])
  })

  it('keeps followers within [1000, 50M] and represents every tier', () => {
    const tiers = new Set<string>()
    for (const view of run().creators) {
      for (const { body } of view.users) {
        const followers = Number(body.userInfo.statsV2.followerCount)
        assert.ok(followers >= 1_000 && followers <= 50_000_000, `${followers} followers`)
      }
      tiers.add(tierOf(followersOf(view)))
    }
    assert.deepEqual([...tiers].sort(), TIERS.map((t) => t.name).sort())
    const nanoOrMicro = run().creators.filter((v) => followersOf(v) < 100_000).length
    assert.ok(nanoOrMicro > run().creators.length * 0.7, 'most creators are nano or micro')
  })

  it('gives each creator 10–60 distinct videos', () => {
    for (const view of run().creators) {
      assert.ok(view.latest.size >= 10 && view.latest.size <= 60, `${view.latest.size} videos`)
    }
  })

  it('never shows a video before its createTime and keeps times within 90 days of now', () => {
    for (const view of run().creators) {
      for (const capture of view.captures) assert.ok(capture.observed_at <= NOW * 1000)
      for (const { observedAt, item } of view.items) {
        assert.ok(item.createTime >= NOW - 90 * DAY && item.createTime <= NOW)
        assert.ok(item.createTime * 1000 <= observedAt, `${item.id} observed before it was posted`)
      }
      const times = view.users.map((u) => u.observedAt)
      assert.ok(times[0] !== undefined && times[0] >= (NOW - 31 * DAY) * 1000)
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
      )
    }
  })

  it('sends statsV2 as exact integer strings and stats rounded like TikTok', () => {
    const integer = /^(0|[1-9]\d*)$/
    for (const view of run().creators.slice(0, 100)) {
      for (const { body } of view.users) {
        const { stats, statsV2 } = body.userInfo
        for (const key of Object.keys(stats) as (keyof TikTokUserStats)[]) {
          assert.match(statsV2[key], integer)
          assert.equal(stats[key], roundCount(Number(statsV2[key])))
        }
      }
      for (const { item } of view.items) {
        assert.match(item.statsV2.repostCount, integer)
        for (const key of Object.keys(item.stats) as (keyof TikTokItem['stats'])[]) {
          assert.match(item.statsV2[key], integer)
          assert.equal(item.stats[key], roundCount(Number(item.statsV2[key])))
        }
        for (const key of Object.keys(item.authorStats) as (keyof TikTokUserStats)[]) {
          assert.equal(item.authorStatsV2[key], String(item.authorStats[key]))
        }
      }
    }
    assert.equal(roundCount(427_682), 427_700)
    assert.equal(roundCount(6_764_096), 6_800_000)
    assert.equal(roundCount(59_149), 59_100)
    assert.equal(roundCount(1_234_567), 1_200_000)
    assert.equal(roundCount(5_012), 5_012)
  })

  it('puts engagement near the tier benchmarks', () => {
    for (const tier of TIERS) {
      const rates = run()
        .creators.filter((view) => tierOf(followersOf(view)) === tier.name)
        .map(engagementRate)
      const typical = median(rates)
      assert.ok(
        typical > tier.engagement * 0.7 && typical < tier.engagement * 1.4,
        `${tier.name}: median engagement ${typical} vs benchmark ${tier.engagement}`,
      )
    }
  })

  it('has viral outliers, pinned posts, slideshows and all duration buckets', () => {
    let pinnedCreators = 0
    let viralCreators = 0
    let slideshows = 0
    let videos = 0
    const buckets = { short: 0, medium: 0, long: 0 }
    for (const view of run().creators) {
      const items = [...view.latest.values()]
      const pinned = items.filter((item) => item.isPinnedItem).length
      assert.ok(pinned <= 3)
      if (pinned > 0) pinnedCreators++
      const plays = items.filter((i) => !i.isPinnedItem).map((i) => Number(i.statsV2.playCount))
      const mid = median(plays)
      if (plays.some((p) => p >= Math.max(3 * mid, 100_000))) viralCreators++
      for (const item of items) {
        videos++
        if (item.imagePost !== undefined) {
          slideshows++
          assert.equal(item.video.duration, 0)
          assert.ok(item.imagePost.images.length > 0)
          for (const image of item.imagePost.images) assert.ok(image.imageURL.urlList.length > 0)
        } else if (item.video.duration < 60) buckets.short++
        else if (item.video.duration <= 300) buckets.medium++
        else buckets.long++
      }
    }
    const pinnedShare = pinnedCreators / run().creators.length
    assert.ok(pinnedShare > 0.2 && pinnedShare < 0.4, `pinned share ${pinnedShare}`)
    assert.ok(viralCreators > 10, `${viralCreators} creators with a viral post`)
    const slideShare = slideshows / videos
    assert.ok(slideShare > 0.05 && slideShare < 0.11, `slideshow share ${slideShare}`)
    assert.ok(buckets.short > buckets.medium && buckets.medium > buckets.long && buckets.long > 0)
  })

  it('lists pinned posts first, then newest first, in pages of at most 30', () => {
    for (const view of run().creators.slice(0, 100)) {
      let observation: TikTokItem[] = []
      const check = (): void => {
        const firstRegular = observation.findIndex((i) => !i.isPinnedItem)
        const regular = observation.slice(firstRegular)
        assert.ok(regular.every((i) => !i.isPinnedItem))
        for (let i = 1; i < regular.length; i++) {
          assert.ok((regular[i - 1]?.createTime ?? 0) >= (regular[i]?.createTime ?? 0))
        }
      }
      for (const capture of view.captures) {
        if (isUserDetail(capture)) {
          if (observation.length > 0) check()
          observation = []
          continue
        }
        const body = capture.body as ItemListBody
        const items = body.itemList ?? []
        assert.ok(items.length > 0 && items.length <= 30)
        assert.match(body.cursor, /^\d+$/)
        observation.push(...items)
      }
      check()
    }
  })

  it('never lets a video counter decrease between observations', () => {
    for (const view of run().creators) {
      const previous = new Map<string, TikTokItem>()
      for (const { item } of view.items) {
        const before = previous.get(item.id)
        if (before !== undefined) {
          for (const key of Object.keys(item.statsV2) as (keyof TikTokItem['statsV2'])[]) {
            assert.ok(Number(item.statsV2[key]) >= Number(before.statsV2[key]), `${item.id} ${key}`)
          }
        }
        previous.set(item.id, item)
      }
    }
    // And counters do change between observations (bodies differ).
    const view = run().creators.find((v) => v.users.length >= 2)
    assert.ok(view !== undefined)
    assert.notDeepEqual(view.users[0]?.body.userInfo.statsV2, view.users[1]?.body.userInfo.statsV2)
  })

  it('keeps creator counters consistent with the posts', () => {
    for (const view of run().creators) {
      // Per observation: the profile's post count covers the posts the grid showed.
      const observations: { videoCount: number; items: number }[] = []
      for (const capture of view.captures) {
        if (isUserDetail(capture)) {
          const { statsV2 } = (capture.body as UserDetailBody).userInfo
          assert.equal(statsV2.heart, statsV2.heartCount)
          observations.push({ videoCount: Number(statsV2.videoCount), items: 0 })
        } else {
          const current = observations[observations.length - 1]
          assert.ok(current !== undefined, 'a profile visit starts with the user detail')
          current.items += ((capture.body as ItemListBody).itemList ?? []).length
        }
      }
      for (const { videoCount, items } of observations) assert.ok(videoCount >= items)
      const last = view.users[view.users.length - 1]?.body.userInfo.statsV2
      assert.ok(last !== undefined)
      const likes = [...view.latest.values()].reduce((s, i) => s + Number(i.statsV2.diggCount), 0)
      assert.ok(Number(last.heart) >= likes)
    }
  })

  it('uses unique, well-formed identities', () => {
    const ids = new Set<string>()
    const handles = new Set<string>()
    const itemIds = new Set<string>()
    let verified = 0
    let withRegion = 0
    for (const view of run().creators) {
      const user = view.users[0]?.body.userInfo.user
      assert.ok(user !== undefined)
      assert.match(user.id, /^69\d{17}$/)
      assert.match(user.secUid, /^MS4wLjABAAAA[\w-]{64}$/)
      assert.match(user.uniqueId, /^[a-z0-9_.]{2,24}$/)
      assert.ok(view.users.every((u) => u.body.userInfo.user.id === user.id))
      ids.add(user.id)
      handles.add(user.uniqueId)
      if (user.verified) verified++
      if (user.region !== undefined) {
        withRegion++
        assert.match(user.region, /^[A-Z]{2}$/)
      }
      for (const item of view.latest.values()) {
        assert.match(item.id, /^69\d{17}$/)
        assert.equal(item.author.id, user.id)
        assert.ok(!itemIds.has(item.id), 'item ids are unique across creators')
        itemIds.add(item.id)
      }
    }
    assert.equal(ids.size, run().creators.length)
    assert.equal(handles.size, run().creators.length)
    assert.ok(verified > 0 && verified < run().creators.length * 0.08, `${verified} verified`)
    assert.ok(withRegion > run().creators.length * 0.8)
  })

  it('tags posts with the niche keywords in challenges, textExtra and desc', () => {
    for (const view of run().creators.slice(0, 100)) {
      for (const item of view.latest.values()) {
        if (item.challenges === undefined) {
          assert.equal(item.textExtra, undefined)
          continue
        }
        const extras = item.textExtra ?? []
        assert.equal(extras.length, item.challenges.length)
        item.challenges.forEach((challenge, i) => {
          const extra = extras[i]
          assert.ok(extra !== undefined)
          assert.equal(extra.type, 1)
          assert.equal(extra.hashtagName.toLowerCase(), challenge.title)
          assert.equal(extra.hashtagId, challenge.id)
          assert.equal(item.desc.slice(extra.start, extra.end), `#${extra.hashtagName}`)
        })
      }
    }
  })

  it('gives sounds: mostly the creator original, otherwise a pool sound', () => {
    let original = 0
    let pool = 0
    for (const view of run().creators) {
      const originals = new Set<string>()
      for (const item of view.latest.values()) {
        if (item.music.original) {
          original++
          originals.add(item.music.id)
          assert.equal(item.music.title, `original sound - ${item.author.uniqueId}`)
        } else pool++
        assert.match(item.music.id, /^69\d{17}$/)
      }
      assert.ok(originals.size <= 1)
    }
    assert.ok(original > pool && pool > 0)
  })

  it('ends with challenge and music details for the tags and pool sounds used', () => {
    const usedTags = new Map<string, string>()
    const demoVideos = new Map<string, number>()
    const usedSounds = new Set<string>()
    for (const view of run().creators) {
      for (const item of view.latest.values()) {
        for (const challenge of item.challenges ?? []) {
          const known = usedTags.get(challenge.title)
          assert.ok(known === undefined || known === challenge.id, 'one id per tag')
          usedTags.set(challenge.title, challenge.id)
          demoVideos.set(challenge.title, (demoVideos.get(challenge.title) ?? 0) + 1)
        }
        if (!item.music.original) usedSounds.add(item.music.id)
      }
    }
    const challenges = run().details.filter(isChallenge)
    assert.equal(challenges.length, usedTags.size)
    for (const capture of challenges) {
      const body = capture.body as ChallengeDetailBody
      const { challenge, statsV2 } = body.challengeInfo
      assert.equal(body.statusCode, 0)
      assert.equal(
        capture.url,
        `https://www.tiktok.com/api/challenge/detail/?challengeName=${challenge.title}`,
      )
      assert.equal(usedTags.get(challenge.title), challenge.id)
      assert.equal(challenge.isCommerce, false)
      assert.ok(Number(statsV2.videoCount) > 100 * (demoVideos.get(challenge.title) ?? 0))
      assert.ok(Number(statsV2.viewCount) > Number(statsV2.videoCount))
    }
    const sounds = run().details.filter(isMusic)
    assert.deepEqual(
      sounds.map((c) => (c.body as MusicDetailBody).musicInfo.music.id).sort(),
      [...usedSounds].sort(),
    )
    for (const capture of sounds) {
      const { musicInfo } = capture.body as MusicDetailBody
      assert.equal(musicInfo.music.original, false)
      assert.match(musicInfo.statsV2.videoCount, /^\d+$/)
      assert.equal(
        capture.url,
        `https://www.tiktok.com/api/music/detail/?musicId=${musicInfo.music.id}`,
      )
    }
    for (const capture of run().details) assert.ok(capture.observed_at <= NOW * 1000)
  })

  it('wraps bodies in the TikTok envelope and leaves out viewer-private data', () => {
    for (const view of run().creators.slice(0, 50)) {
      for (const capture of view.captures) {
        const body = capture.body as Envelope
        assert.equal(body.statusCode, 0)
        assert.equal(body.status_code, 0)
        assert.equal(body.extra.logid, body.log_pb.impr_id)
        assert.match(body.extra.logid, /^\d{14}[0-9A-F]{20}$/)
        assert.equal(body.extra.now, capture.observed_at)
        assert.doesNotMatch(capture.url, /msToken|X-Bogus|X-Gnarly|_signature|verifyFp/)
        assert.ok(capture.url.startsWith('https://www.tiktok.com/api/'))
      }
      const json = JSON.stringify(view.captures)
      for (const field of ['"digged"', '"collected"', '"relation"']) {
        assert.ok(!json.includes(field), `${field} must not be sent`)
      }
    }
  })
})

describe('demo vocabulary', () => {
  const wholeWords = (text: string): string[] => text.toLowerCase().split(/[^a-z0-9]+/)
  const allKeywords = new Set(Object.values(NICHE_TAXONOMY).flat())

  it('writes niche bios with taxonomy keywords and generic bios with none', () => {
    for (const niche of NICHE_NAMES) {
      for (const word of nicheBioWords(niche)) assert.ok(NICHE_TAXONOMY[niche]?.includes(word))
    }
    for (const text of [...GENERIC_BIOS, ...NICHE_BIO_TEMPLATES]) {
      const words = wholeWords(text.replace(/\{[wWc]\}/g, ' '))
      assert.ok(!words.some((w) => allKeywords.has(w)), `"${text}" names a niche`)
    }
  })

  it('keeps generic and extra tags out of other niches', () => {
    for (const tag of GENERIC_TAGS) assert.ok(!allKeywords.has(tag), tag)
    for (const niche of NICHE_NAMES) {
      for (const tag of nicheExtraTags(niche)) {
        for (const other of NICHE_NAMES) {
          if (other !== niche)
            assert.ok(!NICHE_TAXONOMY[other]?.includes(tag), `${tag} in ${other}`)
        }
      }
    }
  })
})
