/**
 * Names of what a write changed, recorded with the data version (data-version.ts) so that a
 * cached entity answer is dropped only when something it read changed: one rule for the
 * writer that records them and the reader that notes what it read (queries/read-set.ts).
 */

/** A creator's row, snapshots, metrics, or any of its videos. */
export const creatorKey = (id: string) => `c:${id}`

/** Whichever creator holds this lower-cased handle (a new account can take it over). */
export const handleKey = (usernameLower: string) => `u:${usernameLower}`

/** A video's row, snapshots or hashtags. */
export const videoKey = (id: string) => `v:${id}`

/** A sound's own fields (title, author, TikTok's counts). */
export const soundKey = (id: string) => `s:${id}`

/** A sound's tracked totals (they move with every video that uses it). */
export const soundTotalsKey = (id: string) => `st:${id}`

/** A hashtag's own fields and tracked totals. */
export const hashtagKey = (name: string) => `h:${name}`

/** What a write changed: the keys above, or everything (bulk rebuilds, operator commands). */
export type ChangeScope = ReadonlySet<string> | 'all'
