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
 * Numbers are written as they are.
 */
function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/** One field: quoted when it holds a quote, comma or line break, quotes doubled. */
export function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Fixed) return cell.value.toFixed(cell.digits)
  const text = typeof cell === 'string' ? defused(cell) : String(cell)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Header and rows, CRLF line ends (as RFC 4180 and spreadsheets expect). */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`
}
