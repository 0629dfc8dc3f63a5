/** Each creator's §4 niches, materialized: a niche's members are one index range. Back-filled. */
import { type Kysely, sql } from 'kysely'
import { nichesOfCreator } from '../../domain/niches.js'

const CHUNK = 1000

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('creator_niches')
    .addColumn('niche', 'text', (c) => c.notNull())
    .addColumn('creator_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('creator_niches_pk', ['niche', 'creator_id'])
    .execute()
  await db.schema
    .createIndex('creator_niches_creator_idx')
    .on('creator_niches')
    .column('creator_id')
    .execute()
  // Creators stored before this migration, a chunk of ids at a time.
  let after = ''
  for (;;) {
    const { rows: creators } = await sql<{
      id: string
      nickname: string | null
      bio: string | null
    }>`select id, nickname, bio from creators where id > ${after} order by id limit ${CHUNK}`.execute(
      db,
    )
    const last = creators[creators.length - 1]
    if (last === undefined) break
    after = last.id
    const { rows: uses } = await sql<{ creator_id: string; hashtag: string }>`
      select creator_id, hashtag from creator_hashtags
      where creator_id >= ${creators[0]?.id ?? ''} and creator_id <= ${last.id}`.execute(db)
    const tagsOf = new Map<string, string[]>()
    for (const u of uses) tagsOf.set(u.creator_id, [...(tagsOf.get(u.creator_id) ?? []), u.hashtag])
    const rows = creators.flatMap((c) =>
      nichesOfCreator({ hashtags: tagsOf.get(c.id) ?? [], bio: c.bio, nickname: c.nickname }).map(
        (niche) => ({ niche, creator_id: c.id }),
      ),
    )
    for (let i = 0; i < rows.length; i += 400) {
      await db
        .insertInto('creator_niches' as never)
        .values(rows.slice(i, i + 400) as never)
        .execute()
    }
  }
}
