/** The `details` map of an app-format aweme (§7), under the same keys as web items where shared. */

import { field, recordAt, recordsAt } from '../../contract/json-value.js'
import type { DetailValue } from '../parsed.js'
import { DetailsBuilder } from './details.js'

/**
 * Reads the public data points of an aweme. Left out: URLs (expire, §6.13), viewer-relative
 * fields (`user_digged`, `collect_stat`, `follow_status`, §6.16) and share texts.
 */
export function awemeDetails(aweme: unknown): Record<string, DetailValue> {
  const d = new DetailsBuilder()
  const video = recordAt(aweme, 'video')
  const control = recordAt(aweme, 'video_control')
  const status = recordAt(aweme, 'status')
  const statistics = recordAt(aweme, 'statistics')
  const risk = recordAt(aweme, 'risk_infos')
  const music = recordAt(aweme, 'music')
  const author = recordAt(aweme, 'author')

  d.number('video_width', field(video, 'width'))
    .number('video_height', field(video, 'height'))
    .text('video_ratio', field(video, 'ratio'))
    .flag('video_is_h265', field(video, 'is_h265'))
    .flag('video_has_watermark', field(video, 'has_watermark'))
    .text('video_uri', field(recordAt(video, 'play_addr'), 'uri'))
    .text('text_language', field(aweme, 'desc_language'))
    .number('aweme_type', field(aweme, 'aweme_type'))
    .list(
      'mentioned_user_ids',
      recordsAt(aweme, 'text_extra')
        .filter((t) => field(t, 'type') === 0)
        .map((t) => field(t, 'user_id')),
    )

  // Permissions: the app states them in video_control and status.
  d.flag('duet_enabled', field(control, 'allow_duet'))
    .flag('stitch_enabled', field(control, 'allow_stitch'))
    .flag('download_enabled', field(control, 'allow_download'))
    .flag('music_enabled', field(control, 'allow_music'))
    .flag('react_enabled', field(control, 'allow_react'))
    .flag('share_enabled', field(status, 'allow_share'))
    .flag('comments_enabled', field(status, 'allow_comment'))
    .number('item_comment_status', field(aweme, 'item_comment_settings'))
    .flag('private_item', field(status, 'is_private'))
    .flag('is_reviewing', field(status, 'in_reviewing'))
    .flag('is_prohibited', field(status, 'is_prohibited'))
    .flag('is_ad', field(aweme, 'is_ads'))
    // Branded content (paid partnership) type, 0 when organic (metrics.md §11).
    .number('branded_content_type', field(recordAt(aweme, 'commerce_info'), 'branded_content_type'))
    .flag('is_vr', field(aweme, 'is_vr'))

  // Counters the web format does not have.
  d.number('download_count', field(statistics, 'download_count'))
    .number('whatsapp_share_count', field(statistics, 'whatsapp_share_count'))
    .number('forward_count', field(statistics, 'forward_count'))

  d.flag('risk_warn', field(risk, 'warn'))
    .text('risk_content', field(risk, 'content'))
    .flag('music_original', field(music, 'is_original'))
    .flag('music_is_original_sound', field(music, 'is_original_sound'))
    .flag('music_is_commerce', field(music, 'is_commerce_music'))
    .flag('music_is_pgc', field(music, 'is_pgc'))
    .text('music_album', field(music, 'album'))
    .text('author_custom_verify', field(author, 'custom_verify'))
    .text('author_enterprise_verify_reason', field(author, 'enterprise_verify_reason'))
    .number('author_verification_type', field(author, 'verification_type'))
    .flag('author_private_account', field(author, 'secret'))
    .number('author_comment_setting', field(author, 'comment_setting'))
    .number('author_duet_setting', field(author, 'duet_setting'))
    .number('author_stitch_setting', field(author, 'stitch_setting'))
    .number('author_download_setting', field(author, 'download_setting'))

  const images = recordAt(aweme, 'image_post_info')
  if (images !== null) d.number('image_count', recordsAt(images, 'images').length)
  return d.build()
}
