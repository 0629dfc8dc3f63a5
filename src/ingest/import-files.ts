/**
 * Reads captures from files for `toklytics import`: a HAR saved from the browser's developer
 * tools (with response bodies), an NDJSON file of captures, or a JSON ingest envelope.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'

/** A capture as the ingest envelope carries it. */
export interface FileCapture {
  url: string
  observed_at: string | number
  body: unknown
}

const HarSchema = z.object({
  log: z.object({
    entries: z.array(
      z.object({
        startedDateTime: z.string(),
        request: z.object({ url: z.string() }),
        response: z.object({
          status: z.number().optional(),
          content: z.object({
            mimeType: z.string().optional(),
            text: z.string().optional(),
            encoding: z.string().optional(),
          }),
        }),
      }),
    ),
  }),
})

const EnvelopeFileSchema = z.object({ captures: z.array(z.unknown()) })

/** The JSON a TikTok page embeds: the current rehydration blob, or the legacy SIGI_STATE. */
const EMBEDDED_SCRIPT =
  /<script[^>]*id="(?:__UNIVERSAL_DATA_FOR_REHYDRATION__|SIGI_STATE|sigi-persisted-data)"[^>]*>([\s\S]*?)<\/script>/

function isTikTokHost(url: string): boolean {
  try {
    const host = new URL(url).hostname
    return /(^|\.)tiktok\.com$|(^|\.)tiktokv\.com$/.test(host)
  } catch {
    return false
  }
}

/**
 * HAR entries from TikTok hosts: JSON responses become captures as they are; HTML pages become
 * captures of the JSON they embed. Other entries are not TikTok data and are skipped.
 */
export function capturesFromHar(text: string): FileCapture[] {
  const har = HarSchema.parse(JSON.parse(text))
  const out: FileCapture[] = []
  for (const entry of har.log.entries) {
    const url = entry.request.url
    const content = entry.response.content
    if (!isTikTokHost(url) || content.text === undefined) continue
    const raw =
      content.encoding === 'base64'
        ? Buffer.from(content.text, 'base64').toString('utf8')
        : content.text
    const mime = content.mimeType ?? ''
    let body: unknown
    if (mime.includes('html')) {
      const m = EMBEDDED_SCRIPT.exec(raw)
      if (!m?.[1]) continue
      body = m[1]
    } else if (mime.includes('json') || raw.trimStart().startsWith('{')) {
      body = raw
    } else continue
    out.push({ url, observed_at: entry.startedDateTime, body })
  }
  return out
}

/** One capture per non-empty line; a line that is not JSON is kept so the pipeline reports it. */
export function capturesFromNdjson(text: string): unknown[] {
  const out: unknown[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      out.push(JSON.parse(line))
    } catch {
      out.push({ invalid_line: line.slice(0, 80) })
    }
  }
  return out
}

/** Reads a file by its content: HAR (`log.entries`), envelope (`captures`), or NDJSON. */
export function readCaptureFile(path: string): unknown[] {
  const text = readFileSync(path, 'utf8')
  const trimmed = text.trimStart()
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text)
      if (value !== null && typeof value === 'object' && 'log' in value)
        return capturesFromHar(text)
      const envelope = EnvelopeFileSchema.safeParse(value)
      if (envelope.success) return envelope.data.captures
      return [value]
    } catch (err) {
      if (err instanceof z.ZodError)
        throw new Error(`${path}: not a valid HAR file (${err.issues[0]?.message})`)
      // Not one JSON document: NDJSON.
    }
  }
  return capturesFromNdjson(text)
}
