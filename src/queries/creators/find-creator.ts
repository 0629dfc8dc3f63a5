/** Looks a creator up by username, case-insensitively: the first step of every creator read. */
import { creatorKey, handleKey } from '../../db/change-keys.js'
import type { CreatorRecord } from '../creator-view.js'
import type { QueryContext } from '../query-context.js'
import { noteReads } from '../read-set.js'

/** The lower-cased username a path parameter names (`@` and surrounding spaces tolerated). */
export function usernameKey(username: string): string {
  return username.trim().replace(/^@/, '').toLowerCase()
}

/**
 * The creator whose `username_lower` is the lower-cased `username`; when several rows share it
 * (a handle TikTok gave to a new account), the most recently updated one. Undefined when unknown.
 */
export async function findCreator(
  ctx: QueryContext,
  username: string,
): Promise<CreatorRecord | undefined> {
  const key = usernameKey(username)
  // No stored handle is empty or holds U+0000 (which PostgreSQL text cannot even compare).
  if (key === '' || key.includes('\u0000')) return undefined
  const creator = await ctx.db
    .selectFrom('creators')
    .selectAll()
    .where('username_lower', '=', key)
    .orderBy('last_updated', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
  noteReads(handleKey(key), ...(creator ? [creatorKey(creator.id)] : []))
  return creator
}
