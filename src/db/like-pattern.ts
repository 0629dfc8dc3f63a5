/** LIKE patterns that match user text literally on both databases (`\` escapes % and _). */

/** `%text%` with LIKE's wildcards in `text` escaped; use with `ESCAPE '\'`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
