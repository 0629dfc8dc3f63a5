/**
 * CSV (RFC 4180) text from rows, safe to open in a spreadsheet: shared by the dashboard's
 * downloads and the CLI's `lookup` (pure, no DOM, no I/O).
 */

/** A number written with a fixed count of decimals: money as 9770.50, never 9770.5. */
export class Fixed {
  constructor(
    readonly value: number,
    readonly digits: number,
  ) {}
}

export type Cell = string | number | boolean | Fixed | null | undefined

/**
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
 * leading apostrophe: display names and bios are written by strangers (OWASP "CSV injection").
 * Text that already starts with apostrophes before such a character gets one more, so that
 * `restored` can undo it exactly. Numbers are written as they are.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/

function defused(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** The text a defused field was made from (what a reader of our CSV does to get it back). */
export function restored(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text
}

/**
 * One field: quoted when it holds a quote, comma or line break, quotes doubled. Empty text is
 * `""`, so that it stays apart from an unknown value (an empty field).
 */
export function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  if (cell === '') return '""'
  if (cell instanceof Fixed) return cell.value.toFixed(cell.digits)
  const text = typeof cell === 'string' ? defused(cell) : String(cell)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Header and rows, CRLF line ends (as RFC 4180 and spreadsheets expect). */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`
}
