/** Page/limit arithmetic and the spec's `Pagination` object. */

export interface Page {
  page: number
  limit: number
}

export interface Pagination {
  page: number
  limit: number
  total: number
  total_pages: number
  has_more: boolean
}

export const offsetOf = ({ page, limit }: Page): number => (page - 1) * limit

export function pagination({ page, limit }: Page, total: number): Pagination {
  const totalPages = Math.ceil(total / limit)
  return { page, limit, total, total_pages: totalPages, has_more: page < totalPages }
}
