/** One gzip-compressed `POST /api/v1/ingest` with the contributor token (web APIs only). */

/** The server's answer, as far as the uploader needs it. */
export interface IngestResponse {
  status: number
  /** The JSON body, or null when there was none (or it was not JSON). */
  json: unknown
  /** `Retry-After` of a 429/503, in seconds, when the server sent one. */
  retryAfterSeconds: number | null
}

/** A batch that has not been answered in this long is given up and retried later. */
const REQUEST_TIMEOUT_MS = 60_000

async function gzip(text: string): Promise<ArrayBuffer> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
  return new Response(stream).arrayBuffer()
}

/**
 * Sends an envelope (JSON text). Throws only when no HTTP answer came (offline, refused, DNS,
 * CORS, timeout); every HTTP status is returned for the caller to judge.
 */
export async function postIngest(
  url: string,
  token: string,
  envelopeJson: string,
): Promise<IngestResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
      Authorization: `Bearer ${token}`,
    },
    body: await gzip(envelopeJson),
    credentials: 'omit',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  })
  let json: unknown = null
  try {
    json = await response.json()
  } catch {
    // A proxy's HTML error page: the status alone decides.
  }
  const retryAfter = Number(response.headers.get('retry-after'))
  return {
    status: response.status,
    json,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  }
}
