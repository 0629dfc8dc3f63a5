/** Stored contributor tokens: create (the token is returned once), list, revoke, verify, activity. */
import type { Kysely } from 'kysely'
import {
  contributorTokenId,
  contributorTokenMatches,
  generateContributorToken,
} from '../access/contributor-token.js'
import type { DB } from '../db/schema.js'

export interface ContributorRecord {
  id: string
  name: string
  createdAt: number
  revokedAt: number | null
  lastSeenAt: number | null
  /** Captures this contributor got stored, ever (a purge does not lower it: it is for quotas). */
  capturesAccepted: number
}

/** A contributor as `contributors list` shows it: with the captures of theirs still stored. */
export interface ContributorListing extends ContributorRecord {
  capturesStored: number
}

type Row = DB['contributors']

function record(row: Omit<Row, 'token_hash'>): ContributorRecord {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastSeenAt: row.last_seen_at,
    capturesAccepted: Number(row.captures_accepted),
  }
}

/** Creates a contributor; the returned `token` is the only time it exists outside its holder. */
export async function createContributor(
  db: Kysely<DB>,
  input: { name: string; now: number },
): Promise<{ token: string; record: ContributorRecord }> {
  const fresh = generateContributorToken()
  const row: Row = {
    id: fresh.id,
    name: input.name,
    token_hash: fresh.hash,
    created_at: input.now,
    revoked_at: null,
    last_seen_at: null,
    captures_accepted: 0,
  }
  await db.insertInto('contributors').values(row).execute()
  return { token: fresh.token, record: record(row) }
}

export async function listContributors(db: Kysely<DB>): Promise<ContributorListing[]> {
  const rows = await db
    .selectFrom('contributors')
    .select([
      'id',
      'name',
      'created_at',
      'revoked_at',
      'last_seen_at',
      'captures_accepted',
      (eb) =>
        eb
          .selectFrom('captures')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('captures.contributor', '=', 'contributors.id')
          .as('captures_stored'),
    ])
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ ...record(r), capturesStored: Number(r.captures_stored ?? 0) }))
}

export async function findContributor(
  db: Kysely<DB>,
  id: string,
): Promise<ContributorRecord | undefined> {
  const row = await db
    .selectFrom('contributors')
    .select(['id', 'name', 'created_at', 'revoked_at', 'last_seen_at', 'captures_accepted'])
    .where('id', '=', id)
    .executeTakeFirst()
  return row && record(row)
}

/** Revokes a contributor by id; false when there is none. Revoking twice keeps the first time. */
export async function revokeContributor(db: Kysely<DB>, id: string, now: number): Promise<boolean> {
  const found = await db
    .selectFrom('contributors')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst()
  if (!found) return false
  await db
    .updateTable('contributors')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute()
  return true
}

export type ContributorCheck =
  | { ok: true; id: string }
  | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' }

/** Looks a presented token up by its id and compares its hash in constant time. */
export async function verifyContributorToken(
  db: Kysely<DB>,
  presented: string,
): Promise<ContributorCheck> {
  const id = contributorTokenId(presented)
  if (id === null) return { ok: false, reason: 'malformed' }
  const row = await db
    .selectFrom('contributors')
    .select(['id', 'token_hash', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row || !contributorTokenMatches(presented, row.token_hash)) {
    return { ok: false, reason: 'unknown' }
  }
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' }
  return { ok: true, id: row.id }
}

/** Whether any contributor token may ingest (decides the "ingestion is disabled" answer). */
export async function hasActiveContributors(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('contributors')
    .select('id')
    .where('revoked_at', 'is', null)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
