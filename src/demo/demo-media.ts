/** Media URLs of demo payloads: TikTok's URL slots, pointing at a reserved `.invalid` host. */

/**
 * RFC 2606 reserves `.invalid`, so a dashboard rendering demo data never fetches from (or leaks
 * requests to) a real CDN, while the URLs stay well-formed.
 */
export const DEMO_MEDIA_HOST = 'https://cdn.toklytics-demo.invalid'

/** Avatar URL of a user at one of TikTok's three sizes. */
export function avatarUrl(userId: string, size: 100 | 720 | 1080): string {
  return `${DEMO_MEDIA_HOST}/avatar/${userId}~${size}x${size}.jpeg`
}

/** Cover image of a sound. */
export function soundCoverUrl(soundId: string, size: 100 | 720 | 1080): string {
  return `${DEMO_MEDIA_HOST}/music/${soundId}~${size}x${size}.jpeg`
}

/** Audio URL of a sound. */
export function soundPlayUrl(soundId: string): string {
  return `${DEMO_MEDIA_HOST}/music/${soundId}.mp3`
}

/** A still of a video (`cover`, `originCover`, `dynamicCover`). */
export function videoImageUrl(itemId: string, kind: 'cover' | 'origin' | 'dynamic'): string {
  return `${DEMO_MEDIA_HOST}/video/${itemId}/${kind}.jpeg`
}

/** The stream of a video (`playAddr`, `downloadAddr`). */
export function videoStreamUrl(itemId: string, kind: 'play' | 'download'): string {
  return `${DEMO_MEDIA_HOST}/video/${itemId}/${kind}.mp4`
}

/** One picture of a slideshow, in one of the two mirrors TikTok lists in `urlList`. */
export function slideUrl(itemId: string, slide: number, mirror: number): string {
  return `${DEMO_MEDIA_HOST}/photo/${itemId}/${slide}.jpeg?mirror=${mirror}`
}

/** Hashtag page artwork. */
export function challengeImageUrl(challengeId: string, kind: 'profile' | 'cover'): string {
  return `${DEMO_MEDIA_HOST}/challenge/${challengeId}/${kind}.jpeg`
}
