/** Creator search reads the same page whether it walks the sort index or reads every match. */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  type CreatorSearch,
  searchCreators,
  searchTotalsCache,
} from '../src/queries/creators/search-creators.js'
import { type QueryContext, readContext } from '../src/queries/query-context.js'
import { testDatabases } from './support/databases.js'
import { API_NOW, PUBLIC_BASE_URL, type SeededApi, seededApi } from './support/seeded-api.js'

const SEARCHES: Omit<CreatorSearch, 'page' | 'limit'>[] = [
  { q: 'fitness' },
  { q: 'beauty', sort: 'likes', order: 'asc' },
  { q: 'a', sort: 'recent' },
  { q: 'gaming', min_followers: 1000, verified: false },
  { q: 'zg', sort: 'videos' },
]

for (const target of testDatabases()) {
  describe(`creator search plans (${target.name})`, () => {
    let api: SeededApi
    let ctx: QueryContext
    before(async () => {
      api = await seededApi(target)
      ctx = readContext(api.database, { now: () => API_NOW, publicBaseUrl: PUBLIC_BASE_URL })
    })
    after(async () => {
      await api.close()
      await target.cleanup()
    })

    for (const search of SEARCHES) {
      it(`walks to the same pages as it reads: ${JSON.stringify(search)}`, async () => {
        for (const [page, limit] of [
          [1, 3],
          [2, 3],
          [1, 20],
          [4, 2],
        ] as const) {
          const p = { ...search, page, limit }
          const read = await searchCreators(ctx, p, searchTotalsCache(), 'read')
          const walked = await searchCreators(ctx, p, searchTotalsCache(), 'walk')
          assert.deepEqual(walked, read, JSON.stringify(p))
        }
      })
    }
  })
}
