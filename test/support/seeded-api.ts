/** An API app over a seeded database: deterministic demo data plus the real fixtures, fixed clock. */
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../../src/config.js'
import type { Database } from '../../src/db/open.js'
import { seedDemo } from '../../src/demo/seed-demo.js'
import { ingestBatch } from '../../src/ingest/pipeline.js'
import { createApp } from '../../src/server/app.js'
import { readFixture } from '../fixtures.js'
import type { TestDatabase } from './databases.js'

/** The clock of every API test: demo videos spread over the 90 days before it. */
export const API_NOW_MS = Date.parse('2026-11-25T12:00:00Z')
export const API_NOW = API_NOW_MS / 1000
export const PUBLIC_BASE_URL = 'http://toklytics.test'
export const SEEDED_DEMO_CREATORS = 40

export interface SeededApi {
  app: FastifyInstance
  database: Database
  close(): Promise<void>
}

/** Real captures on top of the demo set, so that real shapes (pinned, no statsV2…) are served too. */
const REAL_CAPTURES = [
  ['https://www.tiktok.com/api/user/detail/?uniqueId=x', 'user_detail.sample1.json'],
  ['https://www.tiktok.com/api/post/item_list/?secUid=x&cursor=0', 'post_item_list.sample1.json'],
  [
    'https://www.tiktok.com/api/post/item_list/?secUid=x&cursor=1',
    'post_item_list.popular.sample2.json',
  ],
  ['https://www.tiktok.com/api/recommend/item_list/', 'recommend_item_list.sample1.json'],
  [
    'https://www.tiktok.com/api/search/general/full/?keyword=tiktok',
    'search_general_full.sample1.json',
  ],
] as const

/** Opens a fresh database on `target`, seeds it, and builds the app on it. */
export async function seededApi(target: TestDatabase): Promise<SeededApi> {
  const database = await target.open()
  await seedDemo(database, { creators: SEEDED_DEMO_CREATORS, seed: 7, nowMs: API_NOW_MS })
  await ingestBatch(
    { database, now: () => API_NOW_MS },
    {
      contributor: 'test',
      captures: REAL_CAPTURES.map(([url, file], i) => ({
        url,
        observed_at: API_NOW_MS - 3_600_000 * (i + 1),
        body: readFixture(file),
      })),
    },
  )
  // These suites send hundreds of requests from one address; limits have their own tests.
  const config = loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL, TOKLYTICS_RATE_LIMIT: 'off' })
  const app = await createApp({ config, database, now: () => API_NOW_MS })
  return {
    app,
    database,
    close: async () => {
      await app.close()
      await database.close()
    },
  }
}
