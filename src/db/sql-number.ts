/**
 * A number read back from SQL. PostgreSQL's driver returns bigint and numeric results (counts,
 * sums, bigint columns) as strings, to lose no digit; SQLite returns numbers. Every value read
 * here fits a double (counts and sums of counters), so both become a JavaScript number.
 */
export function sqlNumber(value: string | number | bigint): number {
  return Number(value)
}

/** sqlNumber, with SQL NULL (an unknown value) kept as null, never 0. */
export function sqlNumberOrNull(value: string | number | bigint | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value)
}
