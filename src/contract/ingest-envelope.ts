/** The wire format of `POST /api/v1/ingest`: the envelope and one capture, as zod schemas. */
import { z } from 'zod'
import { MAX_CAPTURES_PER_BATCH } from './ingest-limits.js'

/**
 * The batch envelope. Captures are checked one by one afterwards (`CaptureSchema`), so that one
 * bad capture is dropped with its reason while the rest of the batch lands.
 */
export const EnvelopeSchema = z.object({
  collector: z
    .object({
      name: z.string().min(1).max(100),
      version: z.string().min(1).max(50),
    })
    .optional(),
  captures: z.array(z.unknown()).max(MAX_CAPTURES_PER_BATCH, {
    message: `at most ${MAX_CAPTURES_PER_BATCH} captures per batch`,
  }),
})

export type Envelope = z.infer<typeof EnvelopeSchema>

/** One capture: the TikTok request (or page) URL, when it was observed, and TikTok's JSON. */
export const CaptureSchema = z.object({
  url: z.string().min(1).max(8192),
  /** ISO 8601 string or epoch milliseconds. */
  observed_at: z.union([z.string().min(1).max(64), z.number()]),
  body: z.unknown(),
})

export type CaptureInput = z.infer<typeof CaptureSchema>

/** What the ingest endpoint (and `toklytics import`) reports for a batch. */
export interface IngestSummary {
  received: number
  accepted: number
  duplicates: number
  dropped: Array<{ index: number; reason: string; detail: string }>
  /**
   * Entities of accepted captures that the plausibility rules did not apply (README
   * "Plausibility rules"): `implausible_counter`/`implausible_value` left them out,
   * `implausible_drop` kept the observation aside without making it current.
   */
  flagged: Array<{ index: number; entity: string; id: string; reason: string; detail: string }>
  entities: { creators: number; videos: number; hashtags: number; sounds: number }
}
