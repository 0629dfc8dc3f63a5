/** Timestamps are stored as epoch seconds and served as ISO 8601 with `Z` (DESIGN.md rule 6). */

export function isoTime(epochSeconds: number): string
export function isoTime(epochSeconds: number | null): string | null
export function isoTime(epochSeconds: number | null): string | null {
  return epochSeconds === null
    ? null
    : new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z')
}
