/**
 * What each write changed reaches every reader of the data version: the keys a batch recorded,
 * "all" for bulk writes, for a reader's first reading and for versions whose record is gone.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { creatorKey, handleKey, videoKey } from '../src/db/change-keys.js'
import { type DataChanges, dataVersion } from '../src/db/data-version.js'
import { writeTransaction } from '../src/db/write-transaction.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'
import {
  FIXTURE_CREATOR_ID,
  FIXTURE_VIDEO_ID,
  listUrl,
  userDetailBody,
  userUrl,
} from './support/fixture-captures.js'

const NOW = Date.parse('2026-11-25T12:00:00Z')

for (const target of testDatabases()) {
  describe(`data changes on ${target.name}`, () => {
    after(() => target.cleanup())

    it('tells readers which entities each write changed, and "all" when it cannot', async () => {
      const database = await target.open()
      try {
        // A reader of its own (another process would be one), polling at every stamp.
        const reader = dataVersion(database.db, 0)
        const seen: DataChanges[] = []
        reader.onChanges((c) => seen.push(c))
        await reader.stamp()
        assert.equal(seen.at(-1)?.keys, 'all', 'a first reading knows nothing of what came before')

        await ingestBatch(
          { database, now: () => NOW },
          {
            contributor: 'static',
            captures: [
              {
                url: userUrl(),
                observed_at: '2026-11-20T00:00:00Z',
                body: userDetailBody({ followers: 5000 }),
              },
              {
                url: listUrl(),
                observed_at: '2026-11-20T00:00:00Z',
                body: readFixture('post_item_list.popular.sample2.json'),
              },
            ],
          },
        )
        await reader.stamp()
        const keys = seen.at(-1)?.keys
        assert.ok(keys instanceof Set, 'an ingested batch records its keys')
        for (const k of [
          creatorKey(FIXTURE_CREATOR_ID),
          handleKey('zg.520'),
          videoKey(FIXTURE_VIDEO_ID),
        ])
          assert.ok(keys.has(k), k)

        // An operator's bulk write says nothing narrower than "all".
        await writeTransaction(database, async () => undefined)
        await reader.stamp()
        assert.equal(seen.at(-1)?.keys, 'all')

        // Two writes, one of whose record is gone (pruned, say): the reader cannot tell, so "all".
        await writeTransaction(
          database,
          async () => undefined,
          () => new Set([creatorKey('1')]),
        )
        await writeTransaction(
          database,
          async () => undefined,
          () => new Set([creatorKey('2')]),
        )
        const newest = await database.db
          .selectFrom('data_changes')
          .select((eb) => eb.fn.max('version').as('v'))
          .executeTakeFirstOrThrow()
        await database.db
          .deleteFrom('data_changes')
          .where('version', '=', Number(newest.v))
          .execute()
        await reader.stamp()
        assert.equal(seen.at(-1)?.keys, 'all')

        // A write that changed nothing bumps nothing.
        const before = seen.length
        await writeTransaction(
          database,
          async () => undefined,
          () => false,
        )
        await reader.stamp()
        assert.equal(seen.length, before)
      } finally {
        await database.close()
      }
    })
  })
}
