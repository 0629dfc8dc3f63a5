/** The CSV `toklytics lookup` writes: one row per donated link with what this server observed. */
import { type Cell, toCsv } from '../contract/csv-text.js'
import { type DonationEntry, donationIsoDate } from './donation-export.js'

export const DONATION_CSV_HEADER = [
  'list',
  'date',
  'date_iso',
  'link',
  'video_id',
  'status',
  'plays',
  'likes',
  'comments',
  'shares',
  'saves',
  'observed_at',
  'creator',
] as const

/** A looked-up link (the shape of the video lookup's items): values only when found. */
export interface LookedUpVideo {
  status: string
  id: string | null
  plays?: number | null
  likes?: number | null
  comments?: number | null
  shares?: number | null
  saves?: number | null
  observed_at?: string
  username?: string | null
}

/** `answers[i]` answers `entries[i]`; an unknown value is an empty cell, never 0. */
export function donationCsv(
  entries: readonly DonationEntry[],
  answers: readonly LookedUpVideo[],
): string {
  const rows = entries.map((e, i): Cell[] => {
    const a = answers[i]
    return [
      e.list,
      e.date,
      donationIsoDate(e.date),
      e.link,
      a?.id ?? null,
      a?.status ?? null,
      a?.plays,
      a?.likes,
      a?.comments,
      a?.shares,
      a?.saves,
      a?.observed_at,
      a?.username,
    ]
  })
  return toCsv(DONATION_CSV_HEADER, rows)
}
