/** Deterministic TikTok-style identifiers: 19-digit ids starting "69", secUids, logids. */

import { fmix32, hashString, Random } from './random.js'

/**
 * Most demo creators a run can hold: item ids pack `creator index × 64 + video index` into the
 * 32 bits that fmix32 permutes, and a creator has at most 60 videos.
 */
export const MAX_DEMO_CREATORS = 2 ** 26

/** The third digit tells the id spaces apart, so a user id can never equal a music id. */
const KIND_DIGIT = {
  user: '1',
  item: '2',
  originalSound: '3',
  poolSound: '4',
  challenge: '5',
  artist: '6',
} as const

type IdKind = keyof typeof KIND_DIGIT

/**
 * `69` + kind digit + 6 digits of decoration + 10 digits of a bijective 32-bit permutation of
 * `key`: unique per (kind, key) by construction, yet random-looking like TikTok's ids.
 */
function makeId(kind: IdKind, key: number, salt: number): string {
  const decoration = fmix32(key ^ (salt + 0x7f4a7c15)) % 1_000_000
  const unique = fmix32((key ^ salt) >>> 0)
  const digits = String(decoration).padStart(6, '0') + String(unique).padStart(10, '0')
  return `69${KIND_DIGIT[kind]}${digits}`
}

/** User id of the demo creator with this index. */
export function demoUserId(index: number): string {
  return makeId('user', index, 0x1b873593)
}

/** Item id of a creator's `videoIndex`-th video (videoIndex < 64). */
export function demoItemId(creatorIndex: number, videoIndex: number): string {
  return makeId('item', creatorIndex * 64 + videoIndex, 0x2d51f0c3)
}

/** Id of the creator's "original sound" (one per creator). */
export function demoOriginalSoundId(creatorIndex: number): string {
  return makeId('originalSound', creatorIndex, 0x3c6ef372)
}

/** Id of a sound of the shared popular-sound pool. */
export function demoPoolSoundId(poolIndex: number): string {
  return makeId('poolSound', poolIndex, 0x4b0d5f2a)
}

/** User id of the artist account behind a pool sound. */
export function demoArtistId(poolIndex: number): string {
  return makeId('artist', poolIndex, 0x5a827999)
}

/** Challenge (hashtag) id: a pure function of the lower-cased tag, so a tag always gets one id. */
export function demoChallengeId(tag: string): string {
  const decoration = hashString(tag, 0x6ed9eba1) % 1_000_000
  const unique = hashString(tag, 0x8f1bbcdc)
  return `695${String(decoration).padStart(6, '0')}${String(unique).padStart(10, '0')}`
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** secUid in TikTok's shape (`MS4wLjABAAAA` + 64 base64url chars), derived from the user id key. */
export function demoSecUid(creatorIndex: number): string {
  const random = new Random(fmix32(creatorIndex ^ 0x5ec0a1d))
  let out = 'MS4wLjABAAAA'
  for (let i = 0; i < 64; i++) out += BASE64URL[random.nextUint32() & 63] ?? 'A'
  return out
}

const HEX = '0123456789ABCDEF'

/** TikTok logid / impr_id: UTC `yyyyMMddHHmmss` of the response, then 20 upper-case hex digits. */
export function demoLogId(epochMs: number, random: Random): string {
  // 2025-10-20T06:02:21.357Z → 20251020060221
  let out = new Date(epochMs).toISOString().slice(0, 19).replace(/\D/g, '')
  for (let i = 0; i < 20; i++) out += HEX[random.nextUint32() & 15] ?? '0'
  return out
}
