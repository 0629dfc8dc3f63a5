/** Captures built from the real TikTok fixtures with chosen ids and numbers, for ingest tests. */
import { createHash } from 'node:crypto'
import { listAt, objectAt, readFixture } from '../fixtures.js'

/** The creator of `user_detail.sample1.json` (also the author of the popular post list). */
export const FIXTURE_CREATOR_ID = String(
  objectAt(readFixture('user_detail.sample1.json'), 'userInfo', 'user').id,
)
/** Exact follower count of that creator (statsV2). */
export const FIXTURE_FOLLOWERS = 427_682
/** The one video of `post_item_list.popular.sample2.json`. */
export const FIXTURE_VIDEO_ID = String(
  objectAt(readFixture('post_item_list.popular.sample2.json'), 'itemList', 0).id,
)

export const userUrl = (uniqueId = 'zg.520') =>
  `https://www.tiktok.com/api/user/detail/?uniqueId=${encodeURIComponent(uniqueId)}`
export const listUrl = (secUid = 'x', cursor = 0) =>
  `https://www.tiktok.com/api/post/item_list/?secUid=${encodeURIComponent(secUid)}&cursor=${cursor}`

/** The fixture's user detail; `id`/`username` re-identify it, `followers` sets both stats blocks. */
export function userDetailBody(spec: {
  followers: number
  id?: string
  username?: string
}): Record<string, unknown> {
  const body = objectAt(readFixture('user_detail.sample1.json'))
  objectAt(body, 'userInfo', 'statsV2').followerCount = String(spec.followers)
  objectAt(body, 'userInfo', 'stats').followerCount = spec.followers
  const user = objectAt(body, 'userInfo', 'user')
  if (spec.id !== undefined) user.id = spec.id
  if (spec.username !== undefined) user.uniqueId = spec.username
  return body
}

export interface VideoSpec {
  id: string
  plays: number
  likes?: number
  comments?: number
  shares?: number
  /** collectCount. */
  saves?: number
  /** createTime, epoch seconds (the fixture's own otherwise). */
  postedAt?: number
  /** isPinnedItem (false otherwise). */
  pinned?: boolean
  /** Another author than the fixture's (a creator only this video names). */
  author?: { id: string; username: string }
  /** Replaces the fixture's hashtags (#china #大国基建). */
  hashtags?: string[]
}

/** The fixture's video list with these videos: the real item, re-numbered, not pinned. */
export function itemListBody(...videos: VideoSpec[]): Record<string, unknown> {
  const body = objectAt(readFixture('post_item_list.popular.sample2.json'))
  const template = JSON.stringify(listAt(body, 'itemList')[0])
  body.itemList = videos.map((v) => {
    const item = JSON.parse(template) as Record<string, unknown>
    item.id = v.id
    item.isPinnedItem = v.pinned ?? false
    if (v.postedAt !== undefined) item.createTime = v.postedAt
    for (const [block, asText] of [
      ['stats', false],
      ['statsV2', true],
    ] as const) {
      const stats = objectAt(item, block)
      stats.playCount = asText ? String(v.plays) : v.plays
      for (const [key, value] of [
        ['diggCount', v.likes],
        ['commentCount', v.comments],
        ['shareCount', v.shares],
        ['collectCount', v.saves],
      ] as const) {
        if (value !== undefined) stats[key] = asText ? String(value) : value
      }
    }
    if (v.author) {
      const author = objectAt(item, 'author')
      author.id = v.author.id
      author.uniqueId = v.author.username
      author.secUid = `sec-${v.author.id}`
    }
    if (v.hashtags) {
      item.desc = v.hashtags.map((h) => `#${h}`).join(' ')
      item.challenges = v.hashtags.map((title, i) => ({ id: `${900 + i}`, title, desc: '' }))
      delete item.textExtra
      delete item.contents
    }
    return item
  })
  return body
}

/** Keys describing the person browsing, which the server removes before storing (README). */
const VIEWER_KEYS = new Set(['digged', 'collected', 'relation', 'followStatus', 'isFollowing'])

/**
 * The body without viewer keys: what the browser extension sends, and what the server stores
 * unchanged (so that `contentHash` of the text sent is the stored hash).
 */
export function withoutViewerKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutViewerKeys) as T
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !VIEWER_KEYS.has(k))
      .map(([k, v]) => [k, withoutViewerKeys(v)]),
  ) as T
}

/** A capture of the ingest envelope; `observedMs` epoch milliseconds. */
export const capture = (url: string, observedMs: number, body: unknown) => ({
  url,
  observed_at: new Date(observedMs).toISOString(),
  body,
})

/**
 * The content hash the server stores for a capture sent with its body as text, computed here
 * from its definition (SHA-256 over the sanitised URL, a newline and the SHA-256 of the body),
 * for URLs that sanitising keeps as they are and bodies without viewer fields.
 */
export function contentHash(url: string, bodyText: string): string {
  const body = createHash('sha256').update(bodyText).digest()
  return createHash('sha256').update(url).update('\n').update(body).digest('hex')
}
