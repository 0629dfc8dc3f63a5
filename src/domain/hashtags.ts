/** Hashtag normalisation and the per-video hashtag rule of metrics.md §3. */

/**
 * Normalises one tag: trimmed, leading `#` removed, lower-cased.
 * Returns null when nothing is left (an empty tag is no tag).
 */
export function normalizeHashtag(tag: string): string | null {
  const name = tag.trim().replace(/^#+/, '').trim().toLowerCase()
  return name === '' ? null : name
}

/**
 * A video's hashtags (metrics.md §3): the union of `challenges[].title` and the `textExtra`
 * type-1 `hashtagName`s, normalised, de-duplicated, in first-seen order (challenges first).
 * The caller passes only type-1 textExtra names (type 0/5 entries are @mentions).
 */
export function videoHashtags(
  challengeTitles: readonly string[],
  textExtraNames: readonly string[],
): string[] {
  const seen = new Set<string>()
  for (const raw of [...challengeTitles, ...textExtraNames]) {
    const name = normalizeHashtag(raw)
    if (name !== null) seen.add(name)
  }
  return [...seen]
}
