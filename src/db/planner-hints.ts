/**
 * Expressions that steer a query planner without changing a result: the same value in a form no
 * index serves, so that a condition or an order is evaluated per row of another access path.
 * Written the same on SQLite and PostgreSQL (`+ 0`, `|| ''` are portable SQL); named here so the
 * queries say why, and so that only `db/` writes SQL for the planner's sake.
 */
import { type Expression, type RawBuilder, sql } from 'kysely'

/** A number as itself, through no index (`x + 0`). */
export function numberWithoutIndex(value: Expression<unknown>): RawBuilder<number> {
  return sql<number>`${value} + 0`
}

/** A text as itself, through no index (`x || ''`). */
export function textWithoutIndex(value: Expression<unknown>): RawBuilder<string> {
  return sql<string>`${value} || ''`
}
