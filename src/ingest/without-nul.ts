/** Removes NUL characters from parsed text: PostgreSQL text cannot hold them (SQLite would). */

/**
 * The value with U+0000 removed from every string, at any depth; the very same object when
 * there is none (the usual case), so clean captures cost one walk and no copy. Parsed captures
 * are small trees of plain objects, arrays and scalars.
 */
export function withoutNul<T>(value: T): T {
  return hasNul(value) ? (strip(value) as T) : value
}

/** A walk without allocation, for the usual answer (no). */
function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (value === null || typeof value !== 'object') return false
  if (Array.isArray(value)) return value.some(hasNul)
  for (const key in value) {
    if (key.includes('\u0000') || hasNul((value as Record<string, unknown>)[key])) return true
  }
  return false
}

function strip(value: unknown): unknown {
  if (typeof value === 'string')
    return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value
  if (Array.isArray(value)) {
    let out: unknown[] | null = null
    value.forEach((item, i) => {
      const s = strip(item)
      if (s !== item) {
        out ??= [...value]
        out[i] = s
      }
    })
    return out ?? value
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
    let changed = false
    const stripped = entries.map(([key, item]): [string, unknown] => {
      const k = strip(key) as string
      const s = strip(item)
      if (k !== key || s !== item) changed = true
      return [k, s]
    })
    // fromEntries defines own properties: a `__proto__` key stays data, never a prototype.
    return changed ? Object.fromEntries(stripped) : value
  }
  return value
}
