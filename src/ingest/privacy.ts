/** Keeps the contributor's private data out of storage: URL query whitelist and viewer-field scrub. */
import { keyForm, SESSION_KEYS, SESSION_PARAMS, VIEWER_KEYS } from '../contract/capture-privacy.js'

// The rules themselves are shared with the browser extension, which applies them first.
export { sanitizeCaptureUrl, scrubViewerFields } from '../contract/capture-privacy.js'

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A key's match form spelled out for the text: every later letter may be preceded by `_`/`-`. */
function anySpelling(key: string): string {
  const form = keyForm(key)
  return [...form].map((c, i) => (i === 0 ? escapeRegExp(c) : `[-_]?${escapeRegExp(c)}`)).join('')
}

/**
 * Any private key (viewer or session, any spelling) written as a JSON object key; a session
 * parameter inside a string (after `?`, `&`, its JSON escape `\u0026`, or `;`); or a \u escape
 * of a letter, '_', '-' or '.' (the only way to spell such a key that the first branches would
 * miss; TikTok's own escapes of '<' and '>' do not match). One regular expression: one pass.
 */
const PRIVATE_IN_TEXT = new RegExp(
  [
    `"(?:${[...VIEWER_KEYS, ...SESSION_KEYS].map(anySpelling).join('|')})"\\s*:`,
    `(?:[?&;]|\\\\u0026)\\s*(?:${SESSION_PARAMS.map(escapeRegExp).join('|')})=`,
    '\\\\u00(?:4[1-9a-fA-F]|5[0-9aAfF]|6[1-9a-fA-F]|7[0-9aA]|2[deDE])',
  ].join('|'),
  'i',
)

/**
 * True when a JSON text may hold viewer-relative or session data and must be scrubbed. A fast
 * check on the text lets clean payloads (the extension already strips these) skip the walk.
 */
export function mayContainViewerFields(jsonText: string): boolean {
  return PRIVATE_IN_TEXT.test(jsonText)
}
