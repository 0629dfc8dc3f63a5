/** Generic helpers for multi-row writes on both engines: statement-sized chunks, plain upserts. */
import { type RawBuilder, sql } from 'kysely'

/** Rows per multi-row statement: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const CHUNK = 400

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** `SET col = excluded.col` for every column but the key: a plain upsert of merged values. */
export function fromExcluded<C extends string>(
  columns: readonly C[],
): Record<C, RawBuilder<never>> {
  const set = {} as Record<C, RawBuilder<never>>
  // `never`: the value is the column's own (excluded.col), so it fits whatever the column's type.
  for (const c of columns) set[c] = sql.ref(`excluded.${c}`) as RawBuilder<never>
  return set
}
