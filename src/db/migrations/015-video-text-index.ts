/** A text index for the description words of `GET /videos/search?q=` (see dialect.ts). */
import type { Kysely } from 'kysely'
import type { Dialect } from '../dialect.js'

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await dialect.indexVideoText(db)
}
