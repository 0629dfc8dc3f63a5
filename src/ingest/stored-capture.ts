/** Reading a stored raw capture back: decompress and parse, never throwing on a damaged row. */
import { brotliDecompressSync } from 'node:zlib'
import type { ParseResult } from './parsed.js'
import { parseCapture } from './parsers/registry.js'

/**
 * Parses a stored capture (its URL and brotli-compressed body) with the current parsers. A body
 * that no longer decompresses (a damaged row, a foreign write) is a failed capture with its
 * reason, so one bad row never stops a worker or a reprocess.
 */
export function parseStoredCapture(row: { url: string; body: Uint8Array }): ParseResult {
  let text: string
  try {
    text = brotliDecompressSync(row.body).toString('utf8')
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    return { ok: false, kind: null, reason: 'invalid_json', detail: `unreadable body: ${why}` }
  }
  return parseCapture({ url: new URL(row.url), body: text })
}
