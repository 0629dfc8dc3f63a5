/** Builders of TikTok web API bodies: user detail, post item_list, challenge and music detail. */

import { roundCount } from './count-rounding.js'
import type { DemoCreator, DemoVideo } from './demo-creator.js'
import { challengeRef, challengeTotals, type TikTokChallengeRef } from './demo-hashtags.js'
import { avatarUrl, slideUrl, videoImageUrl, videoStreamUrl } from './demo-media.js'
import type { PoolSound, TikTokMusic } from './demo-sounds.js'
import { fmix32 } from './random.js'

// Bodies share read-only sub-objects (author, music, challenge refs, media blocks) between items
// and captures instead of copying them: the ingest benchmark pushes millions of items through
// here. Consumers must not mutate bodies.

/** `extra` of the response envelope (§2 of tiktok-payloads.md). */
export interface TikTokExtra {
  fatal_item_ids: string[]
  logid: string
  now: number
}

/** The author block embedded in every item (viewer-relative `relation` left out). */
export interface TikTokAuthor {
  UserStoryStatus: number
  avatarLarger: string
  avatarMedium: string
  avatarThumb: string
  commentSetting: number
  downloadSetting: number
  duetSetting: number
  ftc: boolean
  id: string
  isADVirtual: boolean
  isEmbedBanned: boolean
  nickname: string
  openFavorite: boolean
  privateAccount: boolean
  secUid: string
  secret: boolean
  signature: string
  stitchSetting: number
  uniqueId: string
  verified: boolean
}

/** `userInfo.user` of a user detail response. */
export interface TikTokUser extends TikTokAuthor {
  canExpPlaylist: boolean
  commerceUserInfo: { category?: string; categoryButton?: boolean; commerceUser: boolean }
  followingVisibility: number
  language: string
  nickNameModifyTime: number
  profileEmbedPermission: number
  profileTab: { showPlayListTab: boolean }
  region?: string
  ttSeller: boolean
}

/** Creator counters (`userInfo.stats`, `authorStats`): integers, rounded by TikTok. */
export interface TikTokUserStats {
  diggCount: number
  followerCount: number
  followingCount: number
  friendCount: number
  heart: number
  heartCount: number
  videoCount: number
}

/** The same counters as strings (`statsV2`, `authorStatsV2`). */
export type TikTokUserStatsV2 = { [K in keyof TikTokUserStats]: string }

/** Exact creator counters at one observation. */
export interface CreatorCounters {
  followers: number
  following: number
  friends: number
  likesGiven: number
  /** Total likes received. */
  heart: number
  videoCount: number
}

export interface TikTokTextExtra {
  awemeId: string
  end: number
  hashtagId: string
  hashtagName: string
  isCommerce: boolean
  start: number
  subType: number
  type: number
}

interface TikTokImage {
  imageHeight: number
  imageURL: { urlList: string[] }
  imageWidth: number
}

/** Slideshow pictures (`imagePost`), as TikTokPy / TobyG74 model it. */
export interface TikTokImagePost {
  cover: TikTokImage
  images: TikTokImage[]
  shareCover: TikTokImage
  title: string
}

export interface TikTokVideo {
  VQScore: string
  bitrate: number
  codecType: string
  cover: string
  definition: string
  downloadAddr: string
  duration: number
  dynamicCover: string
  encodeUserTag: string
  encodedType: string
  format: string
  height: number
  id: string
  originCover: string
  playAddr: string
  ratio: string
  size: number
  videoID: string
  videoQuality: string
  volumeInfo: { Loudness: number; Peak: number }
  width: number
}

export interface TikTokItemStats {
  collectCount: number
  commentCount: number
  diggCount: number
  playCount: number
  shareCount: number
}

export interface TikTokItemStatsV2 {
  collectCount: string
  commentCount: string
  diggCount: string
  playCount: string
  repostCount: string
  shareCount: string
}

/** An `itemList[]` element (viewer-relative `digged` / `collected` left out). */
export interface TikTokItem {
  AIGCDescription: string
  CategoryType: number
  author: TikTokAuthor
  authorStats: TikTokUserStats
  authorStatsV2: TikTokUserStatsV2
  backendSourceEventTracking: string
  challenges?: TikTokChallengeRef[]
  contents: { desc: string; textExtra?: TikTokTextExtra[] }[]
  createTime: number
  creatorAIComment: { eligibleVideo: boolean; hasAITopic: boolean; notEligibleReason: number }
  desc: string
  diversificationId: number
  duetDisplay: number
  duetEnabled: boolean
  forFriend: boolean
  id: string
  imagePost?: TikTokImagePost
  isAd: boolean
  isPinnedItem: boolean
  isReviewing: boolean
  itemCommentStatus: number
  item_control: { can_repost: boolean }
  music: TikTokMusic
  officalItem: boolean
  originalItem: boolean
  privateItem: boolean
  secret: boolean
  shareEnabled: boolean
  stats: TikTokItemStats
  statsV2: TikTokItemStatsV2
  stitchDisplay: number
  stitchEnabled: boolean
  textExtra?: TikTokTextExtra[]
  textLanguage: string
  textTranslatable: boolean
  video: TikTokVideo
}

/** The parts of an item that do not change between observations, built once per post. */
export interface ItemParts {
  readonly desc: string
  readonly challenges: TikTokChallengeRef[] | undefined
  readonly textExtra: TikTokTextExtra[] | undefined
  readonly contents: { desc: string; textExtra?: TikTokTextExtra[] }[]
  readonly video: TikTokVideo
  readonly imagePost: TikTokImagePost | undefined
}

const CREATOR_AI_COMMENT = { eligibleVideo: false, hasAITopic: false, notEligibleReason: 101 }
const ITEM_CONTROL = { can_repost: true }

/** The author block shared by all items of a creator. */
export function buildAuthor(creator: DemoCreator): TikTokAuthor {
  return {
    UserStoryStatus: 0,
    avatarLarger: avatarUrl(creator.userId, 1080),
    avatarMedium: avatarUrl(creator.userId, 720),
    avatarThumb: avatarUrl(creator.userId, 100),
    commentSetting: 0,
    downloadSetting: 0,
    duetSetting: 0,
    ftc: false,
    id: creator.userId,
    isADVirtual: false,
    isEmbedBanned: false,
    nickname: creator.nickname,
    openFavorite: false,
    privateAccount: false,
    secUid: creator.secUid,
    secret: false,
    signature: creator.signature,
    stitchSetting: 0,
    uniqueId: creator.handle,
    verified: creator.verified,
  }
}

/** `userInfo.user` of the creator's profile; `nowSec` anchors the nickname change date. */
export function buildProfileUser(creator: DemoCreator, nowSec: number): TikTokUser {
  const user: TikTokUser = {
    ...buildAuthor(creator),
    canExpPlaylist: true,
    commerceUserInfo:
      creator.commerceCategory === null
        ? { commerceUser: false }
        : { category: creator.commerceCategory, categoryButton: false, commerceUser: true },
    followingVisibility: 1,
    language: 'en',
    nickNameModifyTime: nowSec - 86_400 * (100 + (fmix32(creator.index) % 900)),
    profileEmbedPermission: 1,
    profileTab: { showPlayListTab: false },
    ttSeller: false,
  }
  if (creator.region !== null) user.region = creator.region
  return user
}

/** `stats` and `statsV2` of a creator: rounded integers and exact strings. */
export function userStats(counters: CreatorCounters): {
  stats: TikTokUserStats
  statsV2: TikTokUserStatsV2
} {
  return {
    stats: {
      diggCount: roundCount(counters.likesGiven),
      followerCount: roundCount(counters.followers),
      followingCount: roundCount(counters.following),
      friendCount: roundCount(counters.friends),
      heart: roundCount(counters.heart),
      heartCount: roundCount(counters.heart),
      videoCount: roundCount(counters.videoCount),
    },
    statsV2: {
      diggCount: String(counters.likesGiven),
      followerCount: String(counters.followers),
      followingCount: String(counters.following),
      friendCount: String(counters.friends),
      heart: String(counters.heart),
      heartCount: String(counters.heart),
      videoCount: String(counters.videoCount),
    },
  }
}

/** Embedded author counters: TikTok rounds both blocks in item context (427700 / "427700"). */
export function authorStatsPair(stats: TikTokUserStats): {
  authorStats: TikTokUserStats
  authorStatsV2: TikTokUserStatsV2
} {
  return {
    authorStats: stats,
    authorStatsV2: {
      diggCount: String(stats.diggCount),
      followerCount: String(stats.followerCount),
      followingCount: String(stats.followingCount),
      friendCount: String(stats.friendCount),
      heart: String(stats.heart),
      heartCount: String(stats.heartCount),
      videoCount: String(stats.videoCount),
    },
  }
}

function slide(itemId: string, index: number): TikTokImage {
  return {
    imageHeight: 1440,
    imageURL: { urlList: [slideUrl(itemId, index, 0), slideUrl(itemId, index, 1)] },
    imageWidth: 1080,
  }
}

/** Builds the observation-independent parts of a post's item struct. */
export function buildItemParts(video: DemoVideo): ItemParts {
  const { id } = video
  let desc = video.caption
  let challenges: TikTokChallengeRef[] | undefined
  let textExtra: TikTokTextExtra[] | undefined
  if (video.tags.length > 0) {
    challenges = []
    textExtra = []
    for (let i = 0; i < video.tags.length; i++) {
      const tag = video.tags[i] ?? ''
      const typed = video.typedTags[i] ?? tag
      const ref = challengeRef(tag)
      desc += ' '
      const start = desc.length
      desc += `#${typed}`
      challenges.push(ref)
      textExtra.push({
        awemeId: '',
        end: desc.length,
        hashtagId: ref.id,
        hashtagName: typed,
        isCommerce: false,
        start,
        subType: 0,
        type: 1,
      })
    }
  }
  const slideshow = video.slides > 0
  const size = slideshow ? 0 : video.duration * 180_000
  const videoBlock: TikTokVideo = {
    VQScore: slideshow ? '0' : (55 + (fmix32(video.createTime) % 4000) / 100).toFixed(2),
    bitrate: slideshow ? 0 : 1_440_000,
    codecType: 'h264',
    cover: videoImageUrl(id, 'cover'),
    definition: '720p',
    downloadAddr: slideshow ? '' : videoStreamUrl(id, 'download'),
    duration: video.duration,
    dynamicCover: videoImageUrl(id, 'dynamic'),
    encodeUserTag: '',
    encodedType: 'normal',
    format: 'mp4',
    height: slideshow ? 1440 : 1280,
    id,
    originCover: videoImageUrl(id, 'origin'),
    playAddr: slideshow ? '' : videoStreamUrl(id, 'play'),
    ratio: '720p',
    size,
    videoID: `v14044g50000${id}`,
    videoQuality: 'normal',
    volumeInfo: { Loudness: -14.2, Peak: 0.89 },
    width: slideshow ? 1080 : 720,
  }
  let imagePost: TikTokImagePost | undefined
  if (slideshow) {
    const images: TikTokImage[] = []
    for (let i = 0; i < video.slides; i++) images.push(slide(id, i))
    const cover = images[0] ?? slide(id, 0)
    imagePost = { cover, images, shareCover: cover, title: video.caption }
  }
  const contents = textExtra === undefined ? [{ desc }] : [{ desc, textExtra }]
  return { desc, challenges, textExtra, contents, video: videoBlock, imagePost }
}

/** The item struct of a post observed with `plays` plays (other counters follow its rates). */
export function buildItem(
  creator: DemoCreator,
  video: DemoVideo,
  parts: ItemParts,
  author: TikTokAuthor,
  authorStats: TikTokUserStats,
  authorStatsV2: TikTokUserStatsV2,
  plays: number,
): TikTokItem {
  const likes = Math.floor(plays * video.likeRate)
  const comments = Math.floor(plays * video.commentRate)
  const shares = Math.floor(plays * video.shareRate)
  const saves = Math.floor(likes * video.saveRate)
  const reposts = Math.floor(shares * video.repostRate)
  const item: TikTokItem = {
    AIGCDescription: '',
    CategoryType: creator.categoryType,
    author,
    authorStats,
    authorStatsV2,
    backendSourceEventTracking: '',
    contents: parts.contents,
    createTime: video.createTime,
    creatorAIComment: CREATOR_AI_COMMENT,
    desc: parts.desc,
    diversificationId: creator.diversificationId,
    duetDisplay: 0,
    duetEnabled: true,
    forFriend: false,
    id: video.id,
    isAd: false,
    isPinnedItem: video.pinned,
    isReviewing: false,
    itemCommentStatus: 0,
    item_control: ITEM_CONTROL,
    music: video.music,
    officalItem: false,
    originalItem: false,
    privateItem: false,
    secret: false,
    shareEnabled: true,
    stats: {
      collectCount: roundCount(saves),
      commentCount: roundCount(comments),
      diggCount: roundCount(likes),
      playCount: roundCount(plays),
      shareCount: roundCount(shares),
    },
    statsV2: {
      collectCount: String(saves),
      commentCount: String(comments),
      diggCount: String(likes),
      playCount: String(plays),
      repostCount: String(reposts),
      shareCount: String(shares),
    },
    stitchDisplay: 0,
    stitchEnabled: true,
    textLanguage: 'en',
    textTranslatable: true,
    video: parts.video,
  }
  // TikTok omits these keys entirely (not []) when a caption has no tags or a post no pictures.
  if (parts.challenges !== undefined) item.challenges = parts.challenges
  if (parts.textExtra !== undefined) item.textExtra = parts.textExtra
  if (parts.imagePost !== undefined) item.imagePost = parts.imagePost
  return item
}

/** Likes of a post with `plays` plays (the same floor as in {@link buildItem}). */
export function likesFor(video: DemoVideo, plays: number): number {
  return Math.floor(plays * video.likeRate)
}

/** Human count as in `shareMeta` ("427.7K", "6.8M"). */
function humanCount(value: number): string {
  if (value < 1000) return String(value)
  const [unit, suffix] = value < 1e6 ? [1e3, 'K'] : value < 1e9 ? [1e6, 'M'] : [1e9, 'B']
  return `${(value / unit).toFixed(1).replace(/\.0$/, '')}${suffix}`
}

function envelopeExtra(logid: string, nowMs: number): TikTokExtra {
  return { fatal_item_ids: [], logid, now: nowMs }
}

/** Body of `/api/user/detail/`. */
export function userDetailBody(
  creator: DemoCreator,
  user: TikTokUser,
  stats: TikTokUserStats,
  statsV2: TikTokUserStatsV2,
  logid: string,
  nowMs: number,
): unknown {
  return {
    extra: envelopeExtra(logid, nowMs),
    log_pb: { impr_id: logid },
    shareMeta: {
      desc:
        `@${creator.handle} \u2014 ${humanCount(stats.followerCount)} followers, ` +
        `${humanCount(stats.followingCount)} following, ${humanCount(stats.heart)} likes \u2014 ` +
        `Watch amazing short videos created by ${creator.nickname}.`,
      title: `${creator.nickname} on TikTok`,
    },
    statusCode: 0,
    status_code: 0,
    status_msg: '',
    userInfo: { stats, statsV2, user },
  }
}

/** Body of one `/api/post/item_list/` page; `cursor` is a ms timestamp string as TikTok sends. */
export function itemListBody(
  itemList: TikTokItem[],
  hasMore: boolean,
  cursor: string,
  logid: string,
  nowMs: number,
): unknown {
  return {
    cursor,
    extra: envelopeExtra(logid, nowMs),
    hasMore,
    itemList,
    log_pb: { impr_id: logid },
    statusCode: 0,
    status_code: 0,
    status_msg: '',
  }
}

/** Body of `/api/challenge/detail/` for a lower-cased tag. */
export function challengeDetailBody(tag: string, logid: string, nowMs: number): unknown {
  const ref = challengeRef(tag)
  const totals = challengeTotals(tag)
  return {
    challengeInfo: {
      challenge: {
        coverLarger: '',
        coverMedium: '',
        coverThumb: '',
        desc: ref.desc,
        id: ref.id,
        isCommerce: false,
        profileLarger: '',
        profileMedium: '',
        profileThumb: '',
        title: tag,
      },
      challengeAnnouncement: {},
      stats: {
        videoCount: totals.zeroVideoCountInStats ? 0 : roundCount(totals.videoCount),
        viewCount: roundCount(totals.viewCount),
      },
      statsV2: { videoCount: String(totals.videoCount), viewCount: String(totals.viewCount) },
    },
    extra: envelopeExtra(logid, nowMs),
    log_pb: { impr_id: logid },
    shareMeta: {
      desc:
        `${humanCount(totals.viewCount)} views - ` +
        `Watch awesome short videos created with trending hashtag #${tag}`,
      title: `#${tag} Hashtag Videos on TikTok`,
    },
    statusCode: 0,
    status_code: 0,
    status_msg: '',
  }
}

/** Body of `/api/music/detail/` for a pool sound. */
export function musicDetailBody(sound: PoolSound, logid: string, nowMs: number): unknown {
  return {
    extra: envelopeExtra(logid, nowMs),
    log_pb: { impr_id: logid },
    musicInfo: {
      author: sound.artist,
      music: sound.music,
      stats: { videoCount: roundCount(sound.videoCount) },
      statsV2: { videoCount: String(sound.videoCount) },
    },
    shareMeta: {
      desc:
        `${humanCount(sound.videoCount)} videos - ` +
        `Watch awesome short videos created with \u266c ${sound.music.title}`,
      title: `${sound.music.title} created by ${sound.music.authorName} | Popular songs on TikTok`,
    },
    statusCode: 0,
    status_code: 0,
    status_msg: '',
  }
}
