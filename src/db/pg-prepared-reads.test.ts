/** Which reads PostgreSQL may plan once: the statements the read path really sends. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isKeyLookup } from './pg-prepared-reads.js'

describe('isKeyLookup', () => {
  it('names lookups whose every value is an entity key, a limit or an offset', () => {
    for (const text of [
      'select * from "creators" where "username_lower" = $1 order by "last_updated" desc, "id" limit $2',
      'select "hashtag", "uses" from "creator_hashtags" where "creator_id" = $1 order by "uses" desc, "hashtag" limit $2',
      'select "field", "value" from "implausible_observations" where "entity" = $1 and "entity_id" = $2 and "resolved" is null',
      'select * from "videos" where "id" in ($1, $2, $3)',
      'select "video_id", "hashtag" from "video_hashtags" where "video_id" in ($1,$2) order by "video_id", "position"',
      'select * from "videos" where "videos"."creator_id" = $1 order by "posted_at" desc limit $2 offset $3',
    ]) {
      assert.equal(isKeyLookup(text), true, text)
    }
  })

  it('leaves statements whose plan depends on a value, and writes, to be planned at each call', () => {
    for (const text of [
      // A tag on a third of the videos or on three: the plan should differ.
      'select "video_id" from "video_hashtags" where "hashtag" = $1 limit $2',
      'select * from "videos" where "creator_id" = $1 and "posted_at" >= $2',
      'select * from "videos" where "id" = $1 or "plays" > $2',
      'select count(*) from "creators"',
      'update "creators" set "tier" = $1 where "id" = $2',
      'insert into "videos" ("id") values ($1)',
    ]) {
      assert.equal(isKeyLookup(text), false, text)
    }
  })
})
