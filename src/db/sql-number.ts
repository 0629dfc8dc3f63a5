/**
 * A number read back from SQL. PostgreSQL's driver returns bigint and numeric results (counts,
 * sums, bigint columns) as strings, to lose no digit; SQLite returns numbers. Every value read
 * here fits a double (counts and sums of counters), so both become a JavaScript number.
 */
export function sqlNumber(value: string | number | bigint): number {
  return Number(value)
}
