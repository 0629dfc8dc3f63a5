/** What a stored video id can look like, so junk in the path is a 404 without a query. */

/** TikTok item ids are decimal digits (19 today); anything else cannot be stored. */
export const isVideoId = (id: string): boolean => /^[0-9]{1,32}$/.test(id)
