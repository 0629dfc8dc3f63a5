/** Stored API keys: create (the key is returned once), list, revoke, and verify a presented key. */
import type { Kysely } from 'kysely'
import {
  type ApiKeyTier,
  apiKeyId,
  apiKeyMatches,
  generateApiKey,
  isApiKeyTier,
} from '../access/api-key.js'
import type { DB } from '../db/schema.js'

export interface ApiKeyRecord {
  id: string
  name: string
  tier: ApiKeyTier
  createdAt: number
  lastUsedAt: number | null
  revokedAt: number | null
}

type Row = DB['api_keys']

function record(row: Omit<Row, 'key_hash'>): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    // A tier this version does not know is treated as the lowest one rather than trusted.
    tier: isApiKeyTier(row.tier) ? row.tier : 'free',
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  }
}

/** Creates a key; the returned `key` is the only time the secret exists outside its holder. */
export async function createApiKey(
  db: Kysely<DB>,
  input: { name: string; tier: ApiKeyTier; now: number },
): Promise<{ key: string; record: ApiKeyRecord }> {
  const fresh = generateApiKey()
  const row: Row = {
    id: fresh.id,
    name: input.name,
    tier: input.tier,
    key_hash: fresh.hash,
    created_at: input.now,
    last_used_at: null,
    revoked_at: null,
  }
  await db.insertInto('api_keys').values(row).execute()
  return { key: fresh.key, record: record(row) }
}

export async function listApiKeys(db: Kysely<DB>): Promise<ApiKeyRecord[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'tier', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(record)
}

/** Revokes a key by id; false when there is no such key. Revoking twice keeps the first time. */
export async function revokeApiKey(db: Kysely<DB>, id: string, now: number): Promise<boolean> {
  const found = await db.selectFrom('api_keys').select('id').where('id', '=', id).executeTakeFirst()
  if (!found) return false
  await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute()
  return true
}

export type KeyCheck =
  | { ok: true; key: ApiKeyRecord }
  | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' }

/** Looks a presented key up by its id and compares its hash in constant time. */
export async function verifyApiKey(db: Kysely<DB>, presented: string): Promise<KeyCheck> {
  const id = apiKeyId(presented)
  if (id === null) return { ok: false, reason: 'malformed' }
  const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row || !apiKeyMatches(presented, row.key_hash)) return { ok: false, reason: 'unknown' }
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' }
  return { ok: true, key: record(row) }
}

/**
 * Records when a key was last used, at most once per `everySeconds` per key, so that reading the
 * API does not turn every request into a write. The in-process memory skips the statement; the
 * condition in the statement keeps several server processes from writing more often either.
 */
export function lastUsedRecorder(db: Kysely<DB>, everySeconds = 60) {
  const written = new Map<string, number>()
  return async (id: string, now: number): Promise<void> => {
    const last = written.get(id)
    if (last !== undefined && now - last < everySeconds) return
    written.set(id, now)
    if (written.size > 10_000) written.clear()
    await db
      .updateTable('api_keys')
      .set({ last_used_at: now })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', now - everySeconds)]),
      )
      .execute()
  }
}
