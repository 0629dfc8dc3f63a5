import { createHash } from 'node:crypto'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { loadConfig } from './src/config.js'
import { dataVersion } from './src/db/data-version.js'
import { POSTGRES } from './src/db/dialect.js'
import { withPreparedSnapshotReads } from './src/db/pg-snapshot-statements.js'
import { createApp } from './src/server/app.js'

const mode = process.env.MODE
const u = new URL('postgres://postgres@127.0.0.1:5432/test')
u.searchParams.set('options', '-c search_path=bench_api_10000')
const pool = new pg.Pool({
  connectionString: u.href,
  max: 10,
  types: {
    getTypeParser: (oid: number, f: any) => (oid === 20 ? Number : pg.types.getTypeParser(oid, f)),
  } as any,
})
const counts = new WeakMap<object, number>()
const all = {
  async connect() {
    const c = await pool.connect()
    return {
      query: (t: any, v: any) => {
        if (typeof t !== 'string') return c.query(t)
        const n = counts.get(c) ?? 0
        if (v.length <= 32 && /^\s*select\b/i.test(t)) {
          const name = 'n' + createHash('sha1').update(t).digest('hex').slice(0, 24)
          if (n < 256 || (c as any).connection.parsedStatements[name]) {
            counts.set(c, n + 1)
            return c.query({ name, text: t, values: [...v] })
          }
        }
        return c.query(t, [...v])
      },
      release: (d: any) => c.release(d),
    }
  },
  end: () => pool.end(),
}
const db = new Kysely<any>({
  dialect: new PostgresDialect({
    pool: mode === 'all' ? (all as any) : withPreparedSnapshotReads(pool),
  }),
})
const database: any = {
  db,
  readDb: db,
  dialect: POSTGRES,
  description: 'x',
  dataVersion: dataVersion(db),
  close: () => db.destroy(),
}
const app = await createApp({
  config: loadConfig({
    LOG_LEVEL: 'warn',
    TOKLYTICS_RATE_LIMIT: 'off',
    TOKLYTICS_RESPONSE_CACHE_MB: '0',
  }),
  database,
})
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' })
