/** Safe readers for untrusted JSON (`unknown`): nothing here throws or trusts a shape. */

/** A JSON object (not an array, not null). */
export type JsonRecord = Readonly<Record<string, unknown>>

/** True for a plain JSON object (arrays and null are not records). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `value[key]` when value is a record and key is its own property, else undefined. */
export function field(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined
}

/** Follows `keys` through nested records; undefined as soon as one step is missing. */
export function at(value: unknown, ...keys: readonly string[]): unknown {
  let current = value
  for (const key of keys) current = field(current, key)
  return current
}

/** The record at `keys`, or null. */
export function recordAt(value: unknown, ...keys: readonly string[]): JsonRecord | null {
  const found = at(value, ...keys)
  return isRecord(found) ? found : null
}

/** The array at `keys`, or [] when absent or not an array (TikTok omits empty arrays, §6.6). */
export function arrayAt(value: unknown, ...keys: readonly string[]): readonly unknown[] {
  const found = at(value, ...keys)
  return Array.isArray(found) ? found : []
}

/** The records of the array at `keys` (non-record elements are ignored). */
export function recordsAt(value: unknown, ...keys: readonly string[]): JsonRecord[] {
  return arrayAt(value, ...keys).filter(isRecord)
}

/** A string as sent (may be empty), or null. */
export function stringOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

/** A trimmed non-empty string, or null (TikTok sends `""` for "not set"). */
export function textOf(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const text = value.trim()
  return text === '' ? null : text
}

/** A boolean, or null. */
export function booleanOf(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null
}

/** A boolean, also from the 0/1 integers of the app (snake_case) format, or null. */
export function flagOf(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value
  if (value === 0 || value === 1) return value === 1
  return null
}

/** A finite number, also from a numeric string (`VQScore: "52.64"`), or null. */
export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value)
  return null
}

/** The first non-null result of `read` over `values`, or null. */
export function firstOf<T>(read: (value: unknown) => T | null, ...values: unknown[]): T | null {
  for (const value of values) {
    const result = read(value)
    if (result !== null) return result
  }
  return null
}
