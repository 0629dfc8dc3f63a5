/** What an API operation answers before an adapter adds its envelope (`meta`, HTTP or MCP). */
import type { Pagination } from '../queries/pagination.js'

/** One object: the spec's `{data, meta}` body without `meta`. */
export interface SingleAnswer<D> {
  data: D
}

/** A page: the spec's `{data, pagination, meta}` body without `meta`. */
export interface PageAnswer<D> {
  data: D[]
  pagination: Pagination
}

export type Answer = SingleAnswer<unknown> | PageAnswer<unknown>

export const single = <D>(data: D): SingleAnswer<D> => ({ data })

/** Only `data` and `pagination`, in that order, whatever else the query returned. */
export const paged = <D>(page: { data: D[]; pagination: Pagination }): PageAnswer<D> => ({
  data: page.data,
  pagination: page.pagination,
})
