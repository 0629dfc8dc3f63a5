/** Keeps the contributor's private data out of storage: URL query whitelist and viewer-field scrub. */
import { VIEWER_KEYS } from '../contract/capture-privacy.js'

// The rules themselves are shared with the browser extension, which applies them first.
export { sanitizeCaptureUrl, scrubViewerFields } from '../contract/capture-privacy.js'

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Any viewer key written as a JSON object key, or a \u escape of a letter, '_', '-' or '.' (the
 * only way to spell such a key that the first branch would miss; TikTok's own escapes of '&', '<'
 * and '>' (\u0026…) do not match). One regular expression: one pass over the text.
 */
const VIEWER_KEY_IN_TEXT = new RegExp(
  `"(?:${[...VIEWER_KEYS].map(escapeRegExp).join('|')})"\\s*:|\\\\u00(?:4[1-9a-fA-F]|5[0-9aAfF]|6[1-9a-fA-F]|7[0-9aA]|2[deDE])`,
)

/**
 * True when a JSON text may hold viewer-relative keys and must be scrubbed. A fast check on the
 * text lets clean payloads (the extension already strips these fields) skip the object walk.
 */
export function mayContainViewerFields(jsonText: string): boolean {
  return VIEWER_KEY_IN_TEXT.test(jsonText)
}
