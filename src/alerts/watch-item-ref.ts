/**
 * What an owner may name as a watched item, normalised to one spelling per entity: a creator's
 * lower-cased username (with or without @, or its tiktok.com profile URL), a video's numeric id
 * (or its URL), a hashtag without '#', a sound's numeric id (or its music URL).
 */
import type { WatchItemKind } from '../domain/alert-rules.js'
import { normalizeHashtag } from '../domain/hashtags.js'
import { parseCreatorRef, parseVideoRef } from '../domain/tiktok-ref.js'
import { invalid } from '../support/refusal.js'

const NUMERIC_ID = /^\d{1,25}$/

export function normalizeItemRef(kind: WatchItemKind, given: string): string {
  const raw = given.trim()
  const url = tiktokUrl(raw)
  switch (kind) {
    case 'creator': {
      // The same reading of usernames and profile links as the bulk lookup's.
      const ref = parseCreatorRef(raw)
      if (!ref.ok) {
        throw invalid(`Invalid body field 'ref': "${raw.slice(0, 80)}" is not a TikTok username.`)
      }
      return ref.username
    }
    case 'video': {
      const ref = parseVideoRef(raw)
      if (!ref.ok) {
        throw invalid(
          `Invalid body field 'ref': "${raw.slice(0, 80)}" is not a TikTok video id or URL.`,
        )
      }
      return ref.id
    }
    case 'sound': {
      const id = url?.pathname.match(/-(\d+)\/?$/)?.[1] ?? raw
      if (!NUMERIC_ID.test(id)) {
        throw invalid(
          `Invalid body field 'ref': "${raw.slice(0, 80)}" is not a TikTok sound id or music URL.`,
        )
      }
      return id
    }
    case 'hashtag': {
      const name = normalizeHashtag(
        safeDecode(url?.pathname.match(/^\/tag\/([^/?#]+)/)?.[1] ?? raw),
      )
      if (name === null || name.length > 100 || /[\s#]/.test(name)) {
        throw invalid(`Invalid body field 'ref': "${raw.slice(0, 80)}" is not a hashtag.`)
      }
      return name
    }
  }
}

function tiktokUrl(raw: string): URL | null {
  if (!/^https?:\/\//i.test(raw)) return null
  try {
    const url = new URL(raw)
    return /(^|\.)tiktok\.com$/i.test(url.hostname) ? url : null
  } catch {
    return null
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
