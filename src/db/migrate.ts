/** Runs the schema migrations (Kysely's Migrator over a static list, so it works from src and dist). */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely'
import type { Dialect } from './dialect.js'
import * as initial from './migrations/001-initial.js'
import * as creatorSearch from './migrations/002-creator-search.js'
import * as videoSearch from './migrations/004-video-search.js'
import * as hashtagSoundReads from './migrations/005-hashtag-sound-reads.js'
import * as analyticsReads from './migrations/006-analytics-reads.js'
import * as creatorTerms from './migrations/007-creator-terms.js'
import * as apiKeys from './migrations/008-api-keys.js'
import * as contributors from './migrations/009-contributors.js'
import * as dataVersion from './migrations/010-data-version.js'
import * as creatorHashtagViews from './migrations/011-creator-hashtag-views.js'
import * as creatorNiches from './migrations/012-creator-niches.js'
import * as snapshotPartitions from './migrations/013-snapshot-partitions.js'
import * as ingestQueue from './migrations/014-ingest-queue.js'
import * as videoTextIndex from './migrations/015-video-text-index.js'
import * as nullableMetrics from './migrations/016-nullable-metrics.js'
import * as corroboration from './migrations/017-corroboration.js'
import * as tagHours from './migrations/018-tag-hours.js'
import * as dataChanges from './migrations/019-data-changes.js'
import * as tagTotalHistory from './migrations/020-tag-total-history.js'
import * as webhooks from './migrations/021-webhooks.js'
import * as watchlists from './migrations/022-watchlists.js'
import * as creatorTombstones from './migrations/023-creator-tombstones.js'
import * as sponsoredContent from './migrations/024-sponsored-content.js'
import * as provenance from './migrations/025-provenance.js'
import type { DB } from './schema.js'

function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '001-initial': { up: (db) => initial.up(db, dialect) },
    '002-creator-search': { up: (db) => creatorSearch.up(db) },
    '004-video-search': { up: (db) => videoSearch.up(db) },
    '005-hashtag-sound-reads': { up: (db) => hashtagSoundReads.up(db) },
    '006-analytics-reads': { up: (db) => analyticsReads.up(db) },
    '007-creator-terms': { up: (db) => creatorTerms.up(db, dialect) },
    '008-api-keys': { up: (db) => apiKeys.up(db) },
    '009-contributors': { up: (db) => contributors.up(db, dialect) },
    '010-data-version': { up: (db) => dataVersion.up(db) },
    '011-creator-hashtag-views': { up: (db) => creatorHashtagViews.up(db) },
    '012-creator-niches': { up: (db) => creatorNiches.up(db) },
    '013-snapshot-partitions': { up: (db) => snapshotPartitions.up(db, dialect) },
    '014-ingest-queue': { up: (db) => ingestQueue.up(db) },
    '015-video-text-index': { up: (db) => videoTextIndex.up(db, dialect) },
    '016-nullable-metrics': { up: (db) => nullableMetrics.up(db, dialect) },
    '017-corroboration': { up: (db) => corroboration.up(db) },
    '018-tag-hours': { up: (db) => tagHours.up(db) },
    '019-data-changes': { up: (db) => dataChanges.up(db) },
    '020-tag-total-history': { up: (db) => tagTotalHistory.up(db) },
    '021-webhooks': { up: (db) => webhooks.up(db) },
    '022-watchlists': { up: (db) => watchlists.up(db, dialect) },
    '023-creator-tombstones': { up: (db) => creatorTombstones.up(db) },
    '024-sponsored-content': { up: (db) => sponsoredContent.up(db) },
    '025-provenance': { up: (db) => provenance.up(db) },
  }
}

async function migratorFor(db: Kysely<DB>, dialect: Dialect): Promise<Migrator> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect) }
  // Kysely looks for its bookkeeping tables in every schema it can see; pinning them to the
  // connection's own schema lets several Toklytics databases share one PostgreSQL database.
  const schema = await dialect.currentSchema(db)
  return new Migrator({
    db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
}

/** The migrations this code has that the database has not run yet, in order. */
export async function pendingMigrations(db: Kysely<DB>, dialect: Dialect): Promise<string[]> {
  const migrations = await (await migratorFor(db, dialect)).getMigrations()
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name)
}

/** Throws, naming them, when migrations are pending (servers and workers that do not migrate). */
export async function requireCurrentSchema(db: Kysely<DB>, dialect: Dialect): Promise<void> {
  const pending = await pendingMigrations(db, dialect)
  if (pending.length > 0) {
    throw new Error(
      `the database schema is not up to date (pending: ${pending.join(', ')}); run \`toklytics migrate\` first, or unset TOKLYTICS_AUTO_MIGRATE=off`,
    )
  }
}

/** Brings the database to the schema of migration `name` (upgrade tests start from an old one). */
export async function migrateTo(db: Kysely<DB>, dialect: Dialect, name: string): Promise<void> {
  const { error } = await (await migratorFor(db, dialect)).migrateTo(name)
  if (error) throw new Error(`Migration to ${name} failed: ${String(error)}`, { cause: error })
}

/** Brings the database to the newest schema; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<DB>, dialect: Dialect): Promise<string[]> {
  const migrator = await migratorFor(db, dialect)
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`Migration ${failed} failed: ${String(error)}`, { cause: error })
  }
  return (results ?? []).map((r) => r.migrationName)
}
