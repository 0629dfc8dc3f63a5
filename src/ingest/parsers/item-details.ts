/** The `details` map of a web item struct: public data points beyond ParsedVideo's columns. */

import { arrayAt, field, numberOf, recordAt, recordsAt, textOf } from '../../contract/json-value.js'
import type { DetailValue } from '../parsed.js'
import { DetailsBuilder } from './details.js'

/** Largest finite number among `values`, or undefined. */
function maxOf(values: readonly unknown[]): number | undefined {
  let max: number | undefined
  for (const value of values) {
    const number = numberOf(value)
    if (number !== null && (max === undefined || number > max)) max = number
  }
  return max
}

/**
 * Reads the public, non-viewer data points of a web item (§3). Media URLs are left out because
 * they expire (§6.13); so are viewer-relative fields (`digged`, `collected`, `relation`,
 * §6.16), tracking blobs and the counters and fields ParsedVideo already has.
 * Keys are stable snake_case; absent or empty values produce no key.
 */
export function webItemDetails(item: unknown): Record<string, DetailValue> {
  const d = new DetailsBuilder()
  const video = recordAt(item, 'video')
  const bitrates = recordsAt(video, 'bitrateInfo')

  // Video technical metadata (§3.5). `ratio` is a quality label such as "540p".
  d.number('video_width', field(video, 'width'))
    .number('video_height', field(video, 'height'))
    .text('video_ratio', field(video, 'ratio'))
    .text('video_definition', field(video, 'definition'))
    .text('video_codec_type', field(video, 'codecType'))
    .number('video_bitrate', field(video, 'bitrate'))
    .number('video_vq_score', field(video, 'VQScore'))
    .number('video_size_bytes', field(video, 'size'))
    .text('video_format', field(video, 'format'))
    .text('video_quality', field(video, 'videoQuality'))
    .text('video_encoded_type', field(video, 'encodedType'))
    .text('video_encode_user_tag', field(video, 'encodeUserTag'))
    // The video URI (`v14044g5…`) is a stable storage key, unlike `video.id` (§6.17) or URLs.
    .text('video_uri', field(video, 'videoID') ?? field(recordAt(video, 'PlayAddrStruct'), 'Uri'))
    .number('video_loudness', field(recordAt(video, 'volumeInfo'), 'Loudness'))
    .number('video_peak', field(recordAt(video, 'volumeInfo'), 'Peak'))
    .number('video_fps', maxOf(bitrates.map((b) => field(b, 'BitrateFPS'))))
    .number('video_max_bitrate', maxOf(bitrates.map((b) => field(b, 'Bitrate'))))
    .number('video_max_width', maxOf(bitrates.map((b) => field(recordAt(b, 'PlayAddr'), 'Width'))))
    .number(
      'video_max_height',
      maxOf(bitrates.map((b) => field(recordAt(b, 'PlayAddr'), 'Height'))),
    )
    .list(
      'video_codecs',
      bitrates.map((b) => field(b, 'CodecType')),
    )
    .list(
      'video_tags',
      recordsAt(video, 'videoTags').map((t) => field(t, 'title')),
    )

  // Subtitles and captions (§3.5): languages only, the subtitle URLs expire.
  const subtitles = recordsAt(video, 'subtitleInfos')
  const cla = recordAt(video, 'claInfo')
  d.list(
    'subtitle_languages',
    subtitles.map((s) => field(s, 'LanguageCodeName')),
  )
    .list(
      'subtitle_sources',
      subtitles.map((s) => field(s, 'Source')),
    )
    .list(
      'caption_languages',
      recordsAt(cla, 'captionInfos').map((c) => field(c, 'languageCode')),
    )
    .text('caption_original_language', field(recordAt(cla, 'originalLanguageInfo'), 'languageCode'))
    .flag('caption_has_original_audio', field(cla, 'hasOriginalAudio'))
    .flag('caption_auto_enabled', field(cla, 'enableAutoCaption'))
    .number('caption_type', field(cla, 'captionsType'))

  // Text, language and TikTok's own classification (§3.1).
  const textExtra = recordsAt(item, 'textExtra')
  const suggest = recordsAt(recordAt(item, 'videoSuggestWordsList'), 'video_suggest_words_struct')
  const aiComment = recordAt(item, 'creatorAIComment')
  d.text('text_language', field(item, 'textLanguage'))
    .flag('text_translatable', field(item, 'textTranslatable'))
    .list('diversification_labels', arrayAt(item, 'diversificationLabels'))
    .number('diversification_id', field(item, 'diversificationId'))
    .number('category_type', field(item, 'CategoryType'))
    .list('suggested_words', arrayAt(item, 'suggestedWords'))
    .list(
      'search_suggest_words',
      suggest.flatMap((s) => recordsAt(s, 'words').map((w) => field(w, 'word'))),
    )
    // @mentions are the textExtra entries that name a user (type 0; type 5 in 2026 search).
    .list(
      'mentioned_usernames',
      textExtra.map((t) => field(t, 'userUniqueId')),
    )
    .text('aigc_description', field(item, 'AIGCDescription'))
    .flag('is_aigc', field(item, 'IsAigc'))
    .number('aigc_label_type', field(item, 'aigcLabelType'))
    .flag('ai_comment_eligible', field(aiComment, 'eligibleVideo'))
    .flag('ai_comment_has_topic', field(aiComment, 'hasAITopic'))
    .number('ai_comment_not_eligible_reason', field(aiComment, 'notEligibleReason'))

  // Interaction permissions and visibility flags (§3.6).
  const duetFromId = textOf(field(recordAt(item, 'duetInfo'), 'duetFromId'))
  const control = recordAt(item, 'item_control')
  d.flag('duet_enabled', field(item, 'duetEnabled'))
    .flag('stitch_enabled', field(item, 'stitchEnabled'))
    .number('duet_display', field(item, 'duetDisplay'))
    .number('stitch_display', field(item, 'stitchDisplay'))
    .flag('share_enabled', field(item, 'shareEnabled'))
    .number('item_comment_status', field(item, 'itemCommentStatus'))
    .flag('is_duet', duetFromId === null ? undefined : duetFromId !== '0')
    .text('duet_from_id', duetFromId === '0' ? undefined : duetFromId)
    .flag('can_repost', field(control, 'can_repost'))
    .flag('can_comment', field(control, 'can_comment'))
    .flag('can_share', field(control, 'can_share'))
    .flag('can_music_redirect', field(control, 'can_music_redirect'))
    .flag('can_creator_redirect', field(control, 'can_creator_redirect'))
    .flag('item_mute', field(item, 'itemMute'))
    .flag('index_enabled', field(item, 'indexEnabled'))
    .flag('private_item', field(item, 'privateItem'))
    .flag('secret', field(item, 'secret'))
    .flag('for_friend', field(item, 'forFriend'))
    .flag('is_reviewing', field(item, 'isReviewing'))
    .number('take_down', field(item, 'takeDown'))
    .flag('show_not_pass', field(item, 'showNotPass'))
    .flag('vl1', field(item, 'vl1'))
    .flag('official_item', field(item, 'officalItem'))
    .flag('original_item', field(item, 'originalItem'))
    .flag('is_activity_item', field(item, 'isActivityItem'))
    .text('playlist_id', field(item, 'playlistId'))
    .list('channel_tags', arrayAt(item, 'channelTags'))
  const scheduleTime = numberOf(field(item, 'scheduleTime'))
  if (scheduleTime !== null && scheduleTime > 0) d.number('schedule_time', scheduleTime)

  // Ads and paid partnerships (§3.6; 4CAT maps adAuthorization to "is_paid_partnership").
  d.flag('is_ad', field(item, 'isAd'))
    .flag('ad_authorization', field(item, 'adAuthorization'))
    .number('ad_label_version', field(item, 'adLabelVersion'))
    .text('ba_info', field(item, 'BAInfo'))
    .number('has_promote_entry', field(item, 'HasPromoteEntry'))

  // Content safety (§3.6): maskType 3 sensitive / 4 photosensitive, warnings.
  d.number('mask_type', field(item, 'maskType'))
    .flag('is_content_classified', field(item, 'isContentClassified'))
    .list(
      'warn_texts',
      recordsAt(item, 'warnInfo').map((w) => field(w, 'text')),
    )

  // On-screen text, effects and attached links (§3.6); anchor URLs/icons are left out.
  const stickers = recordsAt(item, 'stickersOnItem')
  const effects = recordsAt(item, 'effectStickers')
  const anchors = recordsAt(item, 'anchors')
  d.list(
    'sticker_texts',
    stickers.flatMap((s) => arrayAt(s, 'stickerText')),
  )
    .list(
      'sticker_types',
      stickers.map((s) => field(s, 'stickerType')),
    )
    .list(
      'effect_names',
      effects.map((e) => field(e, 'name')),
    )
    .list(
      'effect_ids',
      effects.map((e) => field(e, 'ID')),
    )
    .list(
      'anchor_types',
      anchors.map((a) => field(a, 'type')),
    )
    .list(
      'anchor_keywords',
      anchors.map((a) => field(a, 'keyword')),
    )
    .list(
      'anchor_descriptions',
      anchors.map((a) => field(a, 'description')),
    )

  // Tagged place (§3.6): the poi, not the creator's region.
  const poi = recordAt(item, 'poi')
  d.text('poi_id', field(poi, 'id'))
    .text('poi_name', field(poi, 'name'))
    .text('poi_address', field(poi, 'address'))
    .text('poi_city', field(poi, 'city'))
    .text('poi_province', field(poi, 'province'))
    .text('poi_country', field(poi, 'country'))
    .text('poi_city_code', field(poi, 'cityCode'))
    .text('poi_country_code', field(poi, 'countryCode'))
    .text('poi_category', field(poi, 'category'))
    .text('poi_type_name', field(poi, 'ttTypeNameMedium'))
    .text('poi_type_name_tiny', field(poi, 'ttTypeNameTiny'))
    .text('poi_type_name_super', field(poi, 'ttTypeNameSuper'))
    .text('poi_father_name', field(poi, 'fatherPoiName'))

  // Sound flags not in ParsedSound (§3.4); DSP platform numbers, never the Apple token.
  const music = recordAt(item, 'music')
  d.flag('music_original', field(music, 'original'))
    .flag('music_is_copyrighted', field(music, 'isCopyrighted'))
    .flag('music_private', field(music, 'private'))
    .text('music_album', field(music, 'album'))
    .list(
      'music_dsp_platforms',
      recordsAt(recordAt(music, 'tt2dsp'), 'tt_to_dsp_song_infos').map((s) => field(s, 'platform')),
    )

  // The author's public settings at capture time (§3.3); `relation` is the viewer's, skipped.
  // SIGI items carry `author` as a string with the settings flattened onto the item (§5.2).
  const author = recordAt(item, 'author')
  d.flag('author_verified', field(author, 'verified'))
    .flag('author_private_account', field(author, 'privateAccount') ?? field(item, 'authorPrivate'))
    .flag('author_secret', field(author, 'secret'))
    .flag('author_ftc', field(author, 'ftc'))
    .flag('author_open_favorite', field(author, 'openFavorite'))
    .number('author_comment_setting', field(author, 'commentSetting'))
    .number('author_duet_setting', field(author, 'duetSetting'))
    .number('author_stitch_setting', field(author, 'stitchSetting'))
    .number(
      'author_download_setting',
      field(author, 'downloadSetting') ?? field(item, 'downloadSetting'),
    )
    .flag('author_is_ad_virtual', field(author, 'isADVirtual'))
    .flag('author_is_embed_banned', field(author, 'isEmbedBanned'))
    .flag('author_tt_seller', field(author, 'ttSeller'))

  // Slideshow (§3.5 imagePost): how many images and the title; image URLs expire.
  const imagePost = recordAt(item, 'imagePost')
  if (imagePost !== null) {
    d.number('image_count', arrayAt(imagePost, 'images').length).text(
      'image_post_title',
      field(imagePost, 'title'),
    )
  }
  return d.build()
}
