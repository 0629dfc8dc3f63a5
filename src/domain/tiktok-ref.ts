/**
 * What a researcher's list names: a TikTok video (numeric id or any link form TikTok uses) or a
 * creator (username, @username, profile link). Pure: a short link (vm.tiktok.com/…) is answered
 * as unresolvable, since only TikTok knows where it points and nothing here ever asks TikTok.
 */

/** TikTok item ids are decimal digits (19 today); the store keeps nothing longer than 32. */
const VIDEO_ID = /^[0-9]{1,32}$/
/** TikTok handles: letters, digits, '.' and '_' (lower-cased here, as the store matches them). */
const USERNAME = /^[a-z0-9._]{1,64}$/

/** A link's host is TikTok's web (`tiktok.com`) or app share host (`tiktokv.com`), any subdomain. */
const TIKTOK_HOST = /(^|\.)(tiktok\.com|tiktokv\.com)$/
/** Hosts that only hand out short redirect codes (`vm.tiktok.com/ZMabc123/`). */
const SHORT_HOST = /^(vm|vt)\.tiktok\.com$/

/** The path forms that carry a video id, by the position of the id. */
const VIDEO_PATHS: readonly RegExp[] = [
  /^\/@[^/]+\/(?:video|photo)\/([0-9]+)\/?$/, // www/m: /@user/video/ID, slideshows /@user/photo/ID
  /^\/v\/([0-9]+)(?:\.html)?\/?$/, // m.tiktok.com/v/ID.html (older mobile share links)
  /^\/share\/video\/([0-9]+)\/?$/, // tiktokv.com/share/video/ID/ (data exports), tiktok.com too
  /^\/embed(?:\/v2)?\/([0-9]+)\/?$/, // embed player
  /^\/player\/v1\/([0-9]+)\/?$/, // iframe player
]

export type RefStatus = 'invalid' | 'unresolvable'

export type VideoRef = { ok: true; id: string } | { ok: false; status: RefStatus; message: string }

export type CreatorRef =
  | { ok: true; username: string }
  | { ok: false; status: RefStatus; message: string }

/** The input as quoted in a message: at most 80 characters. */
const quoted = (input: string) =>
  JSON.stringify(input.length > 80 ? `${input.slice(0, 80)}…` : input)

const SHORT_LINK_MESSAGE =
  'is a short link: only TikTok can resolve it and this server never asks TikTok; open it in a browser and pass the address it leads to (https://www.tiktok.com/@user/video/ID).'

/**
 * A TikTok URL from text with or without its scheme (`www.tiktok.com/@u` is pasted as often as
 * `https://…`); null for text that is not a URL of a TikTok host.
 */
function tiktokUrl(text: string): URL | null {
  const withScheme = /^https?:\/\//i.test(text)
    ? text
    : /^([a-z0-9-]+\.)*tiktokv?\.com(\/|$)/i.test(text)
      ? `https://${text}`
      : null
  if (withScheme === null) return null
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return null
  }
  return TIKTOK_HOST.test(url.hostname.toLowerCase()) ? url : null
}

/** A short redirect link: a short host, or `tiktok.com/t/CODE`. */
const isShortLink = (url: URL) =>
  SHORT_HOST.test(url.hostname.toLowerCase()) || /^\/t\/[A-Za-z0-9]+\/?$/.test(url.pathname)

/** A video id from a numeric id or a TikTok video link of any form listed above. */
export function parseVideoRef(input: string): VideoRef {
  const text = input.trim()
  if (VIDEO_ID.test(text)) return { ok: true, id: text }
  const url = tiktokUrl(text)
  if (url === null) {
    return {
      ok: false,
      status: 'invalid',
      message: `${quoted(input)} is neither a TikTok video id (digits) nor a tiktok.com or tiktokv.com link.`,
    }
  }
  if (isShortLink(url))
    return { ok: false, status: 'unresolvable', message: `${quoted(input)} ${SHORT_LINK_MESSAGE}` }
  for (const form of VIDEO_PATHS) {
    const id = url.pathname.match(form)?.[1]
    if (id !== undefined && VIDEO_ID.test(id)) return { ok: true, id }
  }
  return {
    ok: false,
    status: 'invalid',
    message: `${quoted(input)} is a TikTok link but not to a video (expected /@user/video/ID, /@user/photo/ID, /v/ID.html or /share/video/ID).`,
  }
}

/**
 * A lower-cased username from `name`, `@name`, a profile link (`tiktok.com/@name`) or a video
 * link naming its author (`tiktok.com/@name/video/ID`).
 */
export function parseCreatorRef(input: string): CreatorRef {
  const text = input.trim()
  const url = tiktokUrl(text)
  if (url !== null && isShortLink(url)) {
    return { ok: false, status: 'unresolvable', message: `${quoted(input)} ${SHORT_LINK_MESSAGE}` }
  }
  let name: string
  if (url !== null) {
    const handle = url.pathname.match(/^\/@([^/]+)(?:\/|$)/)?.[1]
    if (handle === undefined) {
      return {
        ok: false,
        status: 'invalid',
        message: `${quoted(input)} is a TikTok link without a username (expected https://www.tiktok.com/@user).`,
      }
    }
    name = safeDecode(handle)
  } else {
    name = text.replace(/^@/, '')
  }
  const username = name.toLowerCase()
  if (!USERNAME.test(username)) {
    return {
      ok: false,
      status: 'invalid',
      message: `${quoted(input)} is not a TikTok username (letters, digits, '.' and '_') or profile link.`,
    }
  }
  return { ok: true, username }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
