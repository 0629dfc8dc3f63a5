/** Applies today's privacy rules to captures stored under older ones (bodies and URLs). */
import { brotliDecompressSync } from 'node:zlib'
import { sanitizeCaptureUrl, scrubViewerFields } from '../contract/capture-privacy.js'
import { storedCaptureChunks } from '../db/capture-rows.js'
import { derivedVersion, recordDerivedVersion } from '../db/derived-state.js'
import type { Database } from '../db/open.js'
import { compressSync } from './prepare-capture.js'

/**
 * The version of the body and URL rules (src/contract/capture-privacy.ts) that stored captures
 * follow. Raise it whenever a rule removes more: the next start cleans every stored capture.
 * 2: session and device values in bodies, any spelling of viewer flags (issue #14).
 */
export const PRIVACY_VERSION = 2

const STATE = 'capture_privacy'
/**
 * Re-scrubs every stored capture (chunks of 200, one transaction each) when they were stored
 * under older rules, then records the version. Only rows whose body or URL changes are written;
 * the content hash stays the one computed at arrival (it names the capture, it is no copy of the
 * data). A body that no longer decompresses is left for reprocess to report. Returns how many
 * captures were rewritten.
 */
export async function rescrubIfStale(database: Database): Promise<number> {
  const version = await derivedVersion(database.db, STATE)
  if (version !== null && version >= PRIVACY_VERSION) return 0
  let rewritten = 0
  for await (const rows of storedCaptureChunks(database.db)) {
    const changes = rows.flatMap((r) => {
      const cleaned = cleanCapture(r)
      return cleaned === null ? [] : [{ id: r.id, ...cleaned }]
    })
    if (changes.length === 0) continue
    await database.db.transaction().execute(async (trx) => {
      for (const c of changes) {
        await trx
          .updateTable('captures')
          .set({ url: c.url, body: c.body })
          .where('id', '=', c.id)
          .execute()
      }
    })
    rewritten += changes.length
  }
  await recordDerivedVersion(database.db, STATE, PRIVACY_VERSION)
  return rewritten
}

/** The capture's URL and body under today's rules, or null when they are unchanged. */
function cleanCapture(row: {
  url: string
  body: Uint8Array
}): { url: string; body: Uint8Array } | null {
  let text: string
  let value: unknown
  try {
    text = brotliDecompressSync(row.body).toString('utf8')
    value = JSON.parse(text)
  } catch {
    return null
  }
  const scrubbed = scrubViewerFields(value)
  const url = sanitizeCaptureUrl(row.url)?.href ?? row.url
  if (scrubbed === value && url === row.url) return null
  return { url, body: scrubbed === value ? row.body : compressSync(JSON.stringify(scrubbed)) }
}
