/** Creator erasure over the API (`DELETE /api/v1/admin/creators/{username}`): admin keys only. */
import type { Owner } from '../access/owner.js'
import { eraseCreator, resolveCreator } from '../admin/erase-creator.js'
import type { Database } from '../db/open.js'
import { ApiError } from './api-error.js'
import { type Answer, single } from './operation-answer.js'

export function erasureOperations(deps: {
  database: Database
  /** Epoch seconds. */
  now: () => number
}): Record<string, (owner: Owner, input: Record<string, unknown>) => Promise<Answer | null>> {
  return {
    eraseCreator: async (owner, input) => {
      if (!owner.admin) throw new ApiError('forbidden', 'erasing a creator needs an admin API key')
      const ref = typeof input.username === 'string' ? input.username.trim() : ''
      if (ref === '' || ref.length > 100) {
        throw new ApiError('invalid_request', 'username must be a handle or a numeric TikTok id')
      }
      const reason = typeof input.reason === 'string' ? input.reason.trim().slice(0, 500) : ''
      const target = await resolveCreator(deps.database.db, ref)
      if (target === null) throw new ApiError('not_found', `no creator ${ref}`)
      return single(await eraseCreator(deps.database, target, reason || null, deps.now()))
    },
  }
}
