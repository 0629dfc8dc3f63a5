/** The parts of a page's embedded JSON that are uploaded: content scopes only, never the viewer's. */
import {
  PAGE_SCOPES,
  SIGI_CONTENT_MODULES,
  SIGI_PAGE_MODULES,
} from '../../src/contract/capture-routes.js'

const UNIVERSAL_SCOPES: readonly string[] = Object.values(PAGE_SCOPES)
const SIGI_KEPT: readonly string[] = [...SIGI_CONTENT_MODULES, ...SIGI_PAGE_MODULES]

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * `__UNIVERSAL_DATA_FOR_REHYDRATION__` reduced to the scopes the server parses
 * (`webapp.user-detail`, `webapp.video-detail`, `webapp.updated-items`). Everything else —
 * `webapp.app-context` (the person browsing), experiments, translations — stays in the page.
 * Null when no such scope is there (a shell or captcha page).
 */
export function pickUniversalData(
  value: unknown,
): { __DEFAULT_SCOPE__: Record<string, unknown> } | null {
  if (!isRecord(value) || !isRecord(value.__DEFAULT_SCOPE__)) return null
  const scopes = value.__DEFAULT_SCOPE__
  const kept: Record<string, unknown> = {}
  for (const name of UNIVERSAL_SCOPES) {
    if (scopes[name] !== undefined) kept[name] = scopes[name]
  }
  return Object.keys(kept).length > 0 ? { __DEFAULT_SCOPE__: kept } : null
}

/**
 * Legacy `SIGI_STATE` reduced to `ItemModule`, `UserModule` and the pages' status modules (never
 * `AppContext` or `LoginContextModule`). Null when it holds no content module.
 */
export function pickSigiState(value: unknown): Record<string, unknown> | null {
  if (!isRecord(value)) return null
  if (!SIGI_CONTENT_MODULES.some((name) => isRecord(value[name]))) return null
  const kept: Record<string, unknown> = {}
  for (const name of SIGI_KEPT) {
    if (value[name] !== undefined) kept[name] = value[name]
  }
  return kept
}

/** Either page JSON, reduced; null when it is neither or holds nothing to upload. */
export function pickPageData(value: unknown): Record<string, unknown> | null {
  return isRecord(value) && '__DEFAULT_SCOPE__' in value
    ? pickUniversalData(value)
    : pickSigiState(value)
}
