/**
 * The `videos` dataset as Zeeschuimer records (zeeschuimer-item.ts), chunk by chunk in id order:
 * per chunk one query for the videos with their creators and sounds and one for their hashtags.
 */
import type { DatasetWalk } from './dataset-walk.js'
import { VIDEO_CHUNK_ROWS, videoIdChunks } from './entity-rows.js'
import { type ZeeschuimerSource, zeeschuimerRecord } from './zeeschuimer-item.js'

/** The stored facts of `ids` a record is rebuilt from, in id order. */
async function sources(walk: DatasetWalk, ids: readonly string[]): Promise<ZeeschuimerSource[]> {
  const { db } = walk.ctx
  const rows = await db
    .selectFrom('videos')
    .leftJoin('creators', 'creators.id', 'videos.creator_id')
    .leftJoin('sounds', 'sounds.id', 'videos.music_id')
    .selectAll('videos')
    .select([
      'creators.id as c_id',
      'creators.username as c_username',
      'creators.nickname as c_nickname',
      'creators.verified as c_verified',
      'creators.sec_uid as c_sec_uid',
      'creators.followers as c_followers',
      'creators.following as c_following',
      'creators.total_likes as c_total_likes',
      'creators.video_count as c_video_count',
      'sounds.id as s_id',
      'sounds.title as s_title',
      'sounds.author_name as s_author_name',
      'sounds.original as s_original',
      'sounds.duration as s_duration',
      'sounds.album as s_album',
    ])
    .where('videos.id', 'in', ids)
    .orderBy('videos.id')
    .execute()
  const tags = await db
    .selectFrom('video_hashtags')
    .leftJoin('hashtags', 'hashtags.name', 'video_hashtags.hashtag')
    .select(['video_hashtags.video_id', 'video_hashtags.hashtag', 'hashtags.tiktok_id'])
    .where('video_hashtags.video_id', 'in', ids)
    .orderBy('video_hashtags.video_id')
    .orderBy('video_hashtags.position')
    .execute()
  const tagsOf = new Map<string, { name: string; tiktokId: string | null }[]>()
  for (const t of tags) {
    const list = tagsOf.get(t.video_id) ?? []
    list.push({ name: t.hashtag, tiktokId: t.tiktok_id })
    tagsOf.set(t.video_id, list)
  }
  return rows.map((r) => {
    const {
      c_id,
      c_username,
      c_nickname,
      c_verified,
      c_sec_uid,
      c_followers,
      c_following,
      c_total_likes,
      c_video_count,
      s_id,
      s_title,
      s_author_name,
      s_original,
      s_duration,
      s_album,
      ...video
    } = r
    const authorId = c_id ?? video.creator_id
    return {
      video,
      author:
        authorId === null
          ? null
          : {
              id: authorId,
              username: c_username,
              nickname: c_nickname,
              verified: c_verified,
              sec_uid: c_sec_uid,
              followers: c_followers,
              following: c_following,
              total_likes: c_total_likes,
              video_count: c_video_count,
            },
      sound:
        video.music_id === null
          ? null
          : {
              id: s_id ?? video.music_id,
              title: s_title,
              author_name: s_author_name,
              original: s_original,
              duration: s_duration,
              album: s_album,
            },
      hashtags: tagsOf.get(video.id) ?? [],
    }
  })
}

/** Every video (demo ones only with `includeDemo`) as a Zeeschuimer record, numbered from 1. */
export async function* zeeschuimerRows(walk: DatasetWalk): AsyncGenerator<object[]> {
  let n = 0
  for await (const ids of videoIdChunks({
    ...walk,
    chunkRows: walk.chunkRows ?? VIDEO_CHUNK_ROWS,
  })) {
    yield (await sources(walk, ids)).map((s) => zeeschuimerRecord(++n, s))
  }
}
