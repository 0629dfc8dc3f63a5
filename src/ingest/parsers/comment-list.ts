/** `/api/comment/list/` and `/api/comment/list/reply/`: recognised, not stored (§4.11). */
import type { ParseResult, ParserInput } from '../parsed.js'
import { drop } from './result.js'

/**
 * Comments are recognised so the extension's uploads are reported accurately, but Toklytics
 * stores no comments (they are other people's text, and no metric uses them).
 */
export function parseCommentList(_input: ParserInput): ParseResult {
  return drop(
    'comment_list',
    'unsupported_kind',
    'comment lists are recognised but comments are not stored',
  )
}
