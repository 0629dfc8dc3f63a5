/** Previous / next links over a paginated answer; each page is its own URL. */
import type { Pagination } from '../api.js'
import { count } from '../format.js'

export function Pager({
  pagination,
  hrefFor,
}: {
  pagination: Pagination
  hrefFor: (page: number) => string
}) {
  const { page, total, total_pages: pages, limit } = pagination
  if (total === 0) return null
  const first = (page - 1) * limit + 1
  const last = Math.min(page * limit, total)
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? (
        <a href={hrefFor(page - 1)} rel="prev">
          ← Previous
        </a>
      ) : (
        <span class="disabled">← Previous</span>
      )}
      <span class="pager-info">
        {count(first)}–{count(last)} of {count(total)} (page {count(page)} of {count(pages)})
      </span>
      {pagination.has_more ? (
        <a href={hrefFor(page + 1)} rel="next">
          Next →
        </a>
      ) : (
        <span class="disabled">Next →</span>
      )}
    </nav>
  )
}
