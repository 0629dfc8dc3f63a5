/** Who a CLI command acts for: the operator, or the API key named by `--key-id` (which must exist). */
import { OPERATOR, type Owner } from '../access/owner.js'
import { listApiKeys } from '../admin/api-keys.js'
import type { Database } from '../db/open.js'

export async function ownerOf(database: Database, keyId: string | undefined): Promise<Owner> {
  if (keyId === undefined) return OPERATOR
  const id = keyId.trim()
  const known = (await listApiKeys(database.db)).some((k) => k.id === id)
  if (!known) throw new Error(`no API key with id ${id} (see \`toklytics keys list\`)`)
  return { id, admin: false }
}
