import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'

const u = new URL(process.env.U ?? 'postgres://postgres@127.0.0.1:5432/test')
u.searchParams.set('options', '-c search_path=bench_api_10000')
const pool = new pg.Pool({ connectionString: u.href, max: 10 })
const client = await pool.connect()
const {
  rows: [v],
} = await client.query('select id from videos limit 1')
const N = 3000
async function bench(name: string, f: () => Promise<unknown>) {
  for (let i = 0; i < 300; i++) await f()
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  for (let i = 0; i < N; i++) await f()
  const ms = performance.now() - t0
  const c = process.cpuUsage(c0)
  console.log(
    name.padEnd(28),
    ((ms / N) * 1000).toFixed(0),
    'µs wall/query,',
    ((c.user + c.system) / N).toFixed(0),
    'µs node cpu/query',
  )
}
await bench('client.query unnamed', () =>
  client.query('select * from videos where id = $1', [v.id]),
)
await bench('client.query named', () =>
  client.query({ name: 'q1', text: 'select * from videos where id = $1', values: [v.id] }),
)
await bench('client.query no params', () =>
  client.query(`select * from videos where id = '${v.id}'`),
)
client.release()
await bench('pool.query unnamed', () => pool.query('select * from videos where id = $1', [v.id]))
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
await bench('kysely', () => db.selectFrom('videos').selectAll().where('id', '=', v.id).execute())
await bench('kysely select 1 col', () =>
  db.selectFrom('videos').select('id').where('id', '=', v.id).execute(),
)
await db.destroy()
