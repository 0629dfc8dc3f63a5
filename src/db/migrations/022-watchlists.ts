/**
 * Watchlists (named lists of creators, videos, hashtags and sounds owned by an API key), their
 * alert rules, the alerts those rules fired (deduplicated by rule, item and event), and how far
 * the alert evaluator has read the data changes.
 */
import type { Kysely } from 'kysely'
import type { Dialect } from '../dialect.js'

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('watchlists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // An API key's id, or "operator" for lists made from the CLI or a local MCP session.
    .addColumn('owner_key_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('watchlists_owner_name_idx')
    .on('watchlists')
    .columns(['owner_key_id', 'name'])
    .unique()
    .execute()
  await db.schema
    .createTable('watchlist_items')
    .addColumn('watchlist_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // What the owner named: a lower-cased username, a video id, a hashtag name, a sound id.
    .addColumn('ref', 'text', (c) => c.notNull())
    // The creator's TikTok id once known: the watch follows the account through renames.
    .addColumn('entity_id', 'text')
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('watchlist_items_pk', ['watchlist_id', 'kind', 'ref'])
    .execute()
  await db.schema
    .createTable('alert_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('watchlist_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('webhook_id', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('alert_rules_watchlist_idx')
    .on('alert_rules')
    .column('watchlist_id')
    .execute()
  await dialect
    .addSerialId(db.schema.createTable('alerts'))
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('watchlist_id', 'text', (c) => c.notNull())
    .addColumn('owner_key_id', 'text', (c) => c.notNull())
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_ref', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // What makes two firings the same event (a video id, a milestone, a day): it fires once.
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('fired_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('alerts_event_idx')
    .on('alerts')
    .columns(['rule_id', 'item_kind', 'item_ref', 'event_key'])
    .unique()
    .execute()
  await db.schema
    .createIndex('alerts_owner_idx')
    .on('alerts')
    .columns(['owner_key_id', 'id'])
    .execute()
  await db.schema
    .createIndex('alerts_watchlist_idx')
    .on('alerts')
    .columns(['watchlist_id', 'id'])
    .execute()
  await db.schema
    .createTable('alert_cursor')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    // The data version (data_version.version) whose changes have been evaluated.
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute()
  await db
    .insertInto('alert_cursor' as never)
    .values({ id: 1, version: -1 } as never)
    .execute()
}
