/**
 * Applies today's privacy rules to captures stored under older ones (bodies and URLs), and
 * removes what older versions derived from accounts that are no longer stored.
 */
import { brotliDecompressSync } from 'node:zlib'
import { sanitizeCaptureUrl, scrubViewerFields } from '../contract/capture-privacy.js'
import { mayMentionExcluded } from '../contract/creator-exclusion.js'
import { storedCaptureChunks } from '../db/capture-rows.js'
import { derivedVersion, recordDerivedVersion } from '../db/derived-state.js'
import type { Database } from '../db/open.js'
import { writeTransaction } from '../db/write-transaction.js'
import { excludeFromValue } from './exclude-stored.js'
import { compressSync } from './prepare-capture.js'
import { rebuildFromCaptures } from './reprocess.js'

/**
 * The version of the body and URL rules (src/contract/capture-privacy.ts) that stored captures
 * follow. Raise it whenever a rule removes more: the next start cleans every stored capture.
 * 2: session and device values in bodies, any spelling of viewer flags (issue #14).
 * 3: private and under-18 accounts and their items (src/contract/creator-exclusion.ts, #17).
 */
export const PRIVACY_VERSION = 3

const NO_IDS: ReadonlySet<string> = new Set()

const STATE = 'capture_privacy'
/**
 * Re-scrubs every stored capture (chunks of 200, one transaction each) when they were stored
 * under older rules, then records the version. Only rows whose body or URL changes are written;
 * the content hash stays the one computed at arrival (it names the capture, it is no copy of the
 * data). A capture only about an excluded account is deleted. When any account was taken out,
 * everything derived is rebuilt from the captures that remain (as creator erasure does), so its
 * creator, videos and their share of totals go too. A body that no longer decompresses is left
 * for reprocess to report. Returns how many captures were rewritten or deleted.
 */
export async function rescrubIfStale(database: Database): Promise<number> {
  const version = await derivedVersion(database.db, STATE)
  if (version !== null && version >= PRIVACY_VERSION) return 0
  let changed = 0
  let excluded = false
  for await (const rows of storedCaptureChunks(database.db)) {
    const changes = rows.flatMap((r) => {
      const cleaned = cleanCapture(r)
      return cleaned === null ? [] : [{ id: r.id, ...cleaned }]
    })
    if (changes.length === 0) continue
    await database.db.transaction().execute(async (trx) => {
      for (const c of changes) {
        if (c.body === null) {
          await trx.deleteFrom('captures').where('id', '=', c.id).execute()
        } else {
          await trx
            .updateTable('captures')
            .set({ url: c.url, body: c.body })
            .where('id', '=', c.id)
            .execute()
        }
      }
    })
    changed += changes.length
    excluded ||= changes.some((c) => c.excluded)
  }
  if (excluded) await writeTransaction(database, (trx) => rebuildFromCaptures(trx))
  await recordDerivedVersion(database.db, STATE, PRIVACY_VERSION)
  return changed
}

/**
 * The capture's URL and body under today's rules (body null: delete it, it was only about an
 * excluded account), or null when they are unchanged.
 */
function cleanCapture(row: {
  url: string
  body: Uint8Array
}): { url: string; body: Uint8Array | null; excluded: boolean } | null {
  let text: string
  let value: unknown
  try {
    text = brotliDecompressSync(row.body).toString('utf8')
    value = JSON.parse(text)
  } catch {
    return null
  }
  const url = sanitizeCaptureUrl(row.url)?.href ?? row.url
  const stripped = mayMentionExcluded(text, NO_IDS)
    ? excludeFromValue(url, value, NO_IDS)
    : ({ outcome: 'kept' } as const)
  if (stripped.outcome === 'deleted') return { url, body: null, excluded: true }
  const excluded = stripped.outcome === 'rewritten'
  const scrubbed = scrubViewerFields(excluded ? stripped.value : value)
  if (scrubbed === value && url === row.url) return null
  return {
    url,
    body: scrubbed === value ? row.body : compressSync(JSON.stringify(scrubbed)),
    excluded,
  }
}
