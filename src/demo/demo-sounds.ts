/** Sounds of the demo: TikTok's item `music` block and a fixed pool of popular sounds. */

import { NICHE_NAMES } from '../domain/niche-taxonomy.js'
import { demoArtistId, demoPoolSoundId, demoSecUid, MAX_DEMO_CREATORS } from './demo-ids.js'
import { avatarUrl, soundCoverUrl, soundPlayUrl } from './demo-media.js'
import {
  ARTIST_FIRST_NAMES,
  ARTIST_LAST_NAMES,
  SOUND_TITLE_NOUNS,
  SOUND_TITLE_WORDS,
} from './demo-vocabulary.js'
import { Random } from './random.js'

/** An item's `music` block, key for key as in the real post item_list samples. */
export interface TikTokMusic {
  album?: string
  authorName: string
  coverLarge: string
  coverMedium: string
  coverThumb: string
  duration: number
  id: string
  isCopyrighted: boolean
  original: boolean
  playUrl: string
  private: boolean
  title: string
  tt2dsp: Record<string, never>
}

/** Builds a `music` block; `album` is only sent for label tracks (absent on original sounds). */
export function tiktokMusic(
  id: string,
  title: string,
  authorName: string,
  original: boolean,
  duration: number,
  album?: string,
): TikTokMusic {
  const music: TikTokMusic = {
    authorName,
    coverLarge: soundCoverUrl(id, 1080),
    coverMedium: soundCoverUrl(id, 720),
    coverThumb: soundCoverUrl(id, 100),
    duration,
    id,
    isCopyrighted: !original,
    original,
    playUrl: soundPlayUrl(id),
    private: false,
    title,
    tt2dsp: {},
  }
  if (album !== undefined) music.album = album
  return music
}

/** The artist account behind a pool sound (`musicInfo.author` of its music detail). */
export interface PoolArtist {
  id: string
  uniqueId: string
  nickname: string
  secUid: string
  signature: string
  verified: boolean
  avatarThumb: string
  avatarMedium: string
  avatarLarger: string
}

/** A popular (non-original) sound that many creators use. */
export interface PoolSound {
  /** Niche whose creators favour it; null for the cross-niche trending sounds. */
  readonly niche: string | null
  /** Shared by every item using the sound (read-only). */
  readonly music: TikTokMusic
  readonly artist: PoolArtist
  /** TikTok's own count of videos using the sound: far above what the demo posts. */
  readonly videoCount: number
}

const TRENDING_SOUND_COUNT = 10
const SOUNDS_PER_NICHE = 5
/** The pool is the same for every seed, like TikTok's catalogue, so a sound id means one sound. */
const POOL_SEED = 0x50f7d5

function buildPool(): { trending: PoolSound[]; byNiche: Map<string, PoolSound[]> } {
  const random = new Random(POOL_SEED)
  const usedTitles = new Set<string>()
  let poolIndex = 0
  const make = (niche: string | null): PoolSound => {
    let title = ''
    do {
      title = `${random.pick(SOUND_TITLE_WORDS)} ${random.pick(SOUND_TITLE_NOUNS)}`
    } while (usedTitles.has(title))
    usedTitles.add(title)
    const first = random.pick(ARTIST_FIRST_NAMES)
    const last = random.pick(ARTIST_LAST_NAMES)
    const artistId = demoArtistId(poolIndex)
    const artist: PoolArtist = {
      id: artistId,
      uniqueId: `${first.toLowerCase()}${last.toLowerCase()}.${poolIndex}`,
      nickname: `${first} ${last}`,
      // Artist accounts live past the creator index range so their secUids never coincide.
      secUid: demoSecUid(MAX_DEMO_CREATORS + poolIndex),
      signature: 'Official account',
      verified: random.chance(0.7),
      avatarThumb: avatarUrl(artistId, 100),
      avatarMedium: avatarUrl(artistId, 720),
      avatarLarger: avatarUrl(artistId, 1080),
    }
    const album = random.chance(0.6) ? `${title} (Single)` : ''
    const music = tiktokMusic(
      demoPoolSoundId(poolIndex),
      title,
      artist.nickname,
      false,
      random.int(15, 60),
      album,
    )
    // Trending sounds are used by millions of videos, niche favourites by tens of thousands.
    const videoCount = Math.round(
      niche === null
        ? random.truncatedPareto(500_000, 20_000_000, 0.9)
        : random.truncatedPareto(20_000, 2_000_000, 0.8),
    )
    poolIndex++
    return { niche, music, artist, videoCount }
  }
  const trending: PoolSound[] = []
  for (let i = 0; i < TRENDING_SOUND_COUNT; i++) trending.push(make(null))
  const byNiche = new Map<string, PoolSound[]>()
  for (const niche of NICHE_NAMES) {
    const sounds: PoolSound[] = []
    for (let i = 0; i < SOUNDS_PER_NICHE; i++) sounds.push(make(niche))
    byNiche.set(niche, sounds)
  }
  return { trending, byNiche }
}

const POOL = buildPool()

/** Sounds trending across all niches. */
export const TRENDING_SOUNDS: readonly PoolSound[] = POOL.trending

/** Popular sounds of a niche (the trending ones for a niche outside the taxonomy). */
export function nicheSounds(niche: string): readonly PoolSound[] {
  return POOL.byNiche.get(niche) ?? POOL.trending
}
