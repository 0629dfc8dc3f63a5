import { parseCapture } from '/work/main/src/ingest/parsers/registry.js'
import { readFixture } from '/work/main/test/fixtures.js'
const cases: [string, string, (f: unknown) => unknown][] = [
  ['https://www.tiktok.com/api/post/item_list/?secUid=x', 'post_item_list.sample1.json', (f) => f],
  ['https://www.tiktok.com/api/post/item_list/', 'post_item_list.popular.sample2.json', (f) => f],
  ['https://www.tiktok.com/api/user/detail/?uniqueId=zg.520', 'user_detail.sample1.json', (f) => f],
  ['https://www.tiktok.com/api/recommend/item_list/', 'recommend_item_list.sample1.json', (f) => f],
  ['https://www.tiktok.com/api/search/general/full/', 'search_general_full.sample1.json', (f) => f],
  ['https://www.tiktok.com/@x', 'ssr_user_detail.userInfo.sample1.json', (f) => ({__DEFAULT_SCOPE__: {'webapp.user-detail': {userInfo: f, statusCode: 0}}})],
  ['https://www.tiktok.com/@x/video/1', 'ssr_video_detail.itemStruct_projected.sample1.json', (f) => ({__DEFAULT_SCOPE__: {'webapp.video-detail': {itemInfo: {itemStruct: f}, statusCode: 0}}})],
  ['https://www.tiktok.com/@x/video/1', 'sigi_state.ItemModule_item.sample1.json', (f) => ({ItemModule: {'7171782248281165058': f}})],
  ['https://www.tiktok.com/api/item/detail/', 'legacy2021_item_struct.sample1.json', (f) => ({itemInfo: {itemStruct: f}, statusCode: 0})],
  ['https://www.tiktok.com/api/challenge/detail/', 'legacy2020_challenge_info.sample1.json', (f) => ({challengeInfo: f, statusCode: 0})],
  ['https://api16.tiktokv.com/aweme/v1/challenge/detail/', 'aweme_challenge_detail.sample1.json', (f) => f],
  ['https://api16.tiktokv.com/aweme/v1/music/detail/', 'aweme_music_detail.sample1.json', (f) => f],
  ['https://api16.tiktokv.com/aweme/v1/challenge/aweme/?ch_id=2087230', 'aweme_challenge_aweme_list.sample1.json', (f) => f],
  ['https://www.tiktok.com/api/comment/list/', 'comment_list.sample1.json', (f) => f],
]
for (const [u, name, wrap] of cases) {
  const r = parseCapture({ url: new URL(u), body: wrap(readFixture(name)) })
  if (!r.ok) { console.log(name, r); continue }
  const d = r.data
  console.log(`== ${name} ${r.kind}: creators ${d.creators.length} videos ${d.videos.length} hashtags ${d.hashtags.length} sounds ${d.sounds.length}`)
  if (process.argv.includes('-v')) console.dir(d, { depth: 5, maxArrayLength: 20 })
}
