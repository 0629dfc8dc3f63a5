/** Builds a video's `details` map: only values TikTok sent, under stable snake_case keys. */

import { flagOf, numberOf, textOf } from '../../contract/json-value.js'
import type { DetailValue } from '../parsed.js'

/**
 * Collects detail values, skipping what is absent or empty (`""`, `[]`): TikTok uses both for
 * "not set", and leaving the key out keeps "unknown" distinct from a real false/0.
 */
export class DetailsBuilder {
  readonly #out: Record<string, DetailValue> = {}

  /** A non-empty string. */
  text(key: string, value: unknown): this {
    const text = textOf(value)
    if (text !== null) this.#out[key] = text
    return this
  }

  /** A finite number (numeric strings such as `VQScore: "52.64"` become numbers). */
  number(key: string, value: unknown): this {
    const number = numberOf(value)
    if (number !== null) this.#out[key] = number
    return this
  }

  /** A boolean, also from the app format's 0/1 integers. */
  flag(key: string, value: unknown): this {
    const flag = flagOf(value)
    if (flag !== null) this.#out[key] = flag
    return this
  }

  /** A list of strings, de-duplicated in order; numbers are written as strings. */
  list(key: string, values: readonly unknown[]): this {
    const seen = new Set<string>()
    for (const value of values) {
      const text =
        typeof value === 'number' && Number.isFinite(value) ? String(value) : textOf(value)
      if (text !== null) seen.add(text)
    }
    if (seen.size > 0) this.#out[key] = [...seen]
    return this
  }

  build(): Record<string, DetailValue> {
    return this.#out
  }
}
