/** Everything ingestion derives from captures, read in a stable order: to compare two stores. */
import type { Database } from '../../src/db/open.js'

export async function entityDump(database: Database) {
  const { db } = database
  return {
    creators: await db.selectFrom('creators').selectAll().orderBy('id').execute(),
    videos: await db.selectFrom('videos').selectAll().orderBy('id').execute(),
    hashtags: await db.selectFrom('hashtags').selectAll().orderBy('name').execute(),
    sounds: await db.selectFrom('sounds').selectAll().orderBy('id').execute(),
    videoHashtags: await db
      .selectFrom('video_hashtags')
      .selectAll()
      .orderBy('video_id')
      .orderBy('hashtag')
      .execute(),
    creatorHashtags: await db
      .selectFrom('creator_hashtags')
      .selectAll()
      .orderBy('creator_id')
      .orderBy('hashtag')
      .execute(),
    creatorNiches: await db
      .selectFrom('creator_niches')
      .selectAll()
      .orderBy('niche')
      .orderBy('creator_id')
      .execute(),
    creatorSnapshots: await db
      .selectFrom('creator_snapshots')
      .selectAll()
      .orderBy('creator_id')
      .orderBy('observed_at')
      .execute(),
    videoSnapshots: await db
      .selectFrom('video_snapshots')
      .selectAll()
      .orderBy('video_id')
      .orderBy('observed_at')
      .execute(),
    implausible: await db
      .selectFrom('implausible_observations')
      .select(['capture_hash', 'entity', 'entity_id', 'observed_at', 'reason', 'field', 'detail'])
      .orderBy('capture_hash')
      .orderBy('entity')
      .orderBy('entity_id')
      .orderBy('field')
      .execute(),
  }
}
