/**
 * Finds and removes TikTok user objects that must not be stored (erased creators, private and
 * under-18 accounts) and the items authored by them, anywhere in a capture body.
 */

type Json = unknown

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * A user object: web payloads name the handle `uniqueId` and the id `id`; app payloads
 * `unique_id` and `uid` (see the fixtures under test/fixtures/tiktok/).
 */
function userIdOf(v: Json): string | null {
  if (!isObject(v)) return null
  if (!('uniqueId' in v) && !('unique_id' in v)) return null
  const id = v.id ?? v.uid
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null
}

/**
 * Flags in a user object that keep it out of storage. Private: `privateAccount: true` (web user
 * structs carry `privateAccount: false` in every fixture) and `secret: true`/1 (app author
 * objects carry `secret: false`/0). Under 18: `isUnderAge18` (web) and `is_minor` /
 * `is_under_age_18` (app spellings); any truthy value of one of them excludes the account.
 */
const EXCLUDING_FLAGS = ['privateAccount', 'secret', 'isUnderAge18', 'is_minor', 'is_under_age_18']

export function isFlaggedUser(v: Json): boolean {
  if (userIdOf(v) === null || !isObject(v)) return false
  return EXCLUDING_FLAGS.some((k) => v[k] === true || v[k] === 1)
}

/** True when `v` is a user object that is excluded (by id or by its own flags). */
function isExcludedUser(v: Json, ids: ReadonlySet<string>): boolean {
  const id = userIdOf(v)
  return id !== null && (ids.has(id) || isFlaggedUser(v))
}

/**
 * An array element about an excluded user: the user itself, or an item/card whose direct
 * `author`/`user`/`user_info`/`authorInfo` is one, or whose `authorId` is an excluded id, or
 * a wrapper (`item`, `aweme_info`) holding such an item. Two levels: feeds and searches wrap
 * items at most once.
 */
function isAbout(v: Json, ids: ReadonlySet<string>, depth = 0): boolean {
  if (isExcludedUser(v, ids)) return true
  if (!isObject(v)) return false
  const authorId = v.authorId ?? v.author_user_id
  if ((typeof authorId === 'string' || typeof authorId === 'number') && ids.has(String(authorId)))
    return true
  for (const key of ['author', 'user', 'user_info', 'authorInfo']) {
    if (isExcludedUser(v[key], ids)) return true
  }
  if (depth === 0) {
    for (const key of ['item', 'aweme_info', 'itemInfo']) {
      if (isAbout(v[key], ids, 1)) return true
    }
  }
  return false
}

/**
 * The body with every array element about an excluded user removed, and a flag telling
 * whether an excluded user is still present outside any list (a profile page, a single video
 * page): such a body is only about them and must be dropped whole. Returns the same value
 * when nothing was removed.
 */
export function withoutExcludedUsers(
  body: Json,
  ids: ReadonlySet<string>,
): { body: Json; changed: boolean; onlyAbout: boolean } {
  let changed = false
  let onlyAbout = false
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) {
      const kept: Json[] = []
      for (const item of v) {
        if (isAbout(item, ids)) {
          changed = true
          continue
        }
        kept.push(walk(item))
      }
      return kept
    }
    if (!isObject(v)) return v
    if (isExcludedUser(v, ids)) onlyAbout = true
    const out: Record<string, Json> = {}
    for (const [k, child] of Object.entries(v)) out[k] = walk(child)
    return out
  }
  const result = walk(body)
  return { body: changed ? result : body, changed, onlyAbout }
}

/**
 * A cheap test on the text before any walk: it may hold one of the ids (as a JSON string or
 * number) or a true exclusion flag.
 */
export function mayMentionExcluded(text: string, ids: ReadonlySet<string>): boolean {
  for (const id of ids) if (text.includes(id)) return true
  return /"(?:privateAccount|secret|isUnderAge18|is_minor|is_under_age_18)"\s*:\s*(?:true|1\b)/.test(
    text,
  )
}
