/** Size limits of `POST /api/v1/ingest`, each answered with a 413/400 that names it. */

/** Bytes on the wire (compressed when Content-Encoding says so). */
export const MAX_COMPRESSED_BYTES = 16 * 1024 * 1024
/** Bytes of JSON after decompression (a TikTok list page is 50–300 kB). */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024
export const MAX_CAPTURES_PER_BATCH = 500
/** TikTok payloads nest about 12 levels; anything far deeper is hostile. */
export const MAX_JSON_DEPTH = 64
/** Captures dated further ahead than this are clock errors. */
export const MAX_CLOCK_SKEW_MS = 10 * 60 * 1000
/** Nothing on TikTok predates its launch (2016-09-01). */
export const EARLIEST_OBSERVATION_MS = Date.UTC(2016, 8, 1)
