/** A metric the API has no evidence for (metrics v2: null, never 0): a dash that says why. */
import type { ComponentChildren } from 'preact'
import { DASH, notEnoughData } from '../format.js'

/** "—" with "not enough data — N sample videos" on hover (the text itself stays just the dash). */
export function Unknown({ sample }: { sample: number }) {
  return (
    <span class="unknown" title={notEnoughData(sample)}>
      {DASH}
    </span>
  )
}

/** `format(value)`, or the explained dash when the API has no value (a real 0 stays 0). */
export function known<T>(
  value: T | null | undefined,
  format: (v: T) => string,
  sample: number,
): ComponentChildren {
  return value === null || value === undefined ? <Unknown sample={sample} /> : format(value)
}
