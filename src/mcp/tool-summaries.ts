/**
 * The short text an agent can quote next to each tool's JSON answer: what was found, with the
 * figures that answer the usual question (who are the top creators, what is the benchmark…).
 */
import { formatUsd } from '../domain/campaign-explanation.js'
import type { OperationAnswer, OperationId, OperationParams } from '../operations/api-operations.js'
import type { CreatorView } from '../queries/creator-view.js'
import type { Pagination } from '../queries/pagination.js'

/** How many items of a list a summary names before "and N more". */
const NAMED = 5

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

/** 1.2M, 8.4K, 950; `?` when TikTok did not say. */
const n = (v: number | null | undefined): string => (v == null ? '?' : compact.format(v))
const pct = (v: number | null | undefined): string => (v == null ? '?' : `${whole.format(v)} %`)
/** A creator metric, or the truth when it has no evidence (metrics.md §2: null, never 0). */
const measured = <T>(v: T | null | undefined, show: (v: T) => string): string =>
  v == null ? 'not enough data' : show(v)
/** Money always with cents: $9,770.50. */
const usd = (v: number): string => formatUsd(v)
const plural = (count: number, one: string, many = `${one}s`) =>
  `${whole.format(count)} ${count === 1 ? one : many}`

function quoted(text: string | null, max = 60): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim()
  if (t === '') return '(no description)'
  return `"${t.length > max ? `${t.slice(0, max - 1)}…` : t}"`
}

/** The first NAMED items, then how many more there are (on this page or in all). */
function listed<T>(items: readonly T[], show: (item: T) => string, total = items.length): string {
  const named = items.slice(0, NAMED).map(show).join('; ')
  const more = total - Math.min(items.length, NAMED)
  return more > 0 ? `${named}; and ${whole.format(more)} more` : named
}

function pageNote(p: Pagination): string {
  return p.total_pages > 1 ? ` (page ${p.page} of ${whole.format(p.total_pages)})` : ''
}

function creatorLine(c: CreatorView): string {
  const m = c.metrics
  const grade = m.creator_score === null || m.creator_score === 'N/A' ? 'ungraded' : m.creator_score
  return `@${c.username} (${n(c.followers)} followers, ER ${measured(m.engagement_rate, pct)}, grade ${grade})`
}

interface VideoLine {
  description: string | null
  plays: number | null
  engagement_rate: number | null
  creator?: { username: string } | null
}

function videoLine(v: VideoLine): string {
  const by = v.creator ? ` by @${v.creator.username}` : ''
  return `${quoted(v.description, 50)}${by} (${n(v.plays)} plays, ER ${pct(v.engagement_rate)})`
}

/** The filters of a creator search, as words: 'fitness', ER ≥ 5 %, 10K–1M followers… */
function creatorFilters(p: OperationParams<'searchTikTokCreators'>): string {
  const parts: string[] = []
  if (p.q !== undefined && p.q.trim() !== '') parts.push(`matching '${p.q.trim()}'`)
  if (p.min_engagement_rate !== undefined) parts.push(`ER ≥ ${pct(p.min_engagement_rate)}`)
  if (p.min_followers !== undefined && p.max_followers !== undefined) {
    parts.push(`${n(p.min_followers)}–${n(p.max_followers)} followers`)
  } else if (p.min_followers !== undefined) parts.push(`≥ ${n(p.min_followers)} followers`)
  else if (p.max_followers !== undefined) parts.push(`≤ ${n(p.max_followers)} followers`)
  if (p.min_grade !== undefined) parts.push(`grade ${p.min_grade} or better`)
  if (p.region !== undefined && p.region.trim() !== '') parts.push(`in ${p.region.toUpperCase()}`)
  if (p.verified === true) parts.push('verified only')
  return parts.length > 0 ? ` ${parts.join(', ')}` : ''
}

function growthNote(label: string, g: { change: number; change_percent: number | null } | null) {
  if (g === null) return ''
  const sign = g.change >= 0 ? '+' : ''
  const percent = g.change_percent === null ? '' : ` (${sign}${pct(g.change_percent)})`
  return `; ${label} ${sign}${n(g.change)}${percent}`
}

/** Unusual follower days and the 30-day projection of metrics.md §9, when there are any. */
function growthSignalsNote(
  flags: ReadonlyArray<{ date: string; direction: string; followers_change: number }>,
  p: { at: string; followers: number; low: number; high: number } | null,
) {
  const days = flags.map(
    (f) => `${f.date} ${f.followers_change >= 0 ? '+' : ''}${n(f.followers_change)}`,
  )
  return (
    (days.length > 0 ? `; unusual follower changes on ${days.join(', ')}` : '') +
    (p === null
      ? ''
      : `; projected ${n(p.followers)} followers by ${p.at} (${n(p.low)}–${n(p.high)})`)
  )
}

/** Where a hashtag's or sound's totals come from (metrics.md §6). */
const COUNTS = { tiktok: "TikTok's figures", tracked: 'tracked by Toklytics' } as const

type Summaries = {
  [K in OperationId]: (answer: OperationAnswer<K>, params: OperationParams<K>) => string
}

export const TOOL_SUMMARIES: Summaries = {
  searchTikTokCreators({ data, pagination }, params) {
    const filters = creatorFilters(params)
    if (pagination.total === 0) return `No tracked creator${filters}; try broader filters.`
    const order = `${params.sort ?? 'followers'} ${params.order ?? 'desc'}`
    return (
      `Found ${plural(pagination.total, 'creator')}${filters}, by ${order}${pageNote(pagination)}: ` +
      listed(data, creatorLine, data.length)
    )
  },

  getTikTokCreatorAnalytics({ data: c }) {
    const m = c.metrics
    const name = c.display_name ? ` (${c.display_name})` : ''
    const tags = c.top_hashtags.slice(0, NAMED).map((t) => `#${t.hashtag}`)
    const sample = m.sample_size ?? 0
    const measures =
      sample === 0
        ? 'not enough data for engagement, views or sponsorship (no recent unpinned video ' +
          `tracked yet), grade N/A, tier ${m.tier ?? '?'}`
        : `engagement rate ${measured(m.engagement_rate, pct)} (views-based, over ` +
          `${plural(sample, 'recent video')}), grade ${m.creator_score ?? 'N/A'} (score ` +
          `${measured(m.score, String)}), tier ${m.tier ?? '?'}, posts/week ` +
          `${measured(m.posts_per_week, String)}, viral ratio ${measured(m.viral_ratio, pct)}, ` +
          `estimated sponsorship ${measured(m.estimated_sponsorship_value, String)}`
    return (
      `@${c.username}${name}: ${n(c.followers)} followers, ${measures}` +
      (m.primary_niche ? `; niche ${m.primary_niche}` : '') +
      (tags.length > 0 ? `; top hashtags ${tags.join(' ')}` : '') +
      growthNote('followers over 7 days', c.follower_growth.last_7_days) +
      growthSignalsNote(c.growth_flags, c.follower_projection) +
      '.'
    )
  },

  getTikTokCreatorVideos({ data, pagination }, params) {
    if (pagination.total === 0) return `@${params.username} has no tracked video matching.`
    return (
      `@${params.username}: ${plural(pagination.total, 'tracked video')}, by ` +
      `${params.sort ?? 'recent'}${pageNote(pagination)}: ${listed(data, videoLine)}`
    )
  },

  getTikTokCreatorTopContent({ data }) {
    const top = data.top_by_views[0]
    const best = data.top_by_engagement[0]
    const s = data.posting_schedule
    const parts = [`@${data.username}: ${plural(data.videos_analyzed, 'video')} analysed`]
    if (top) parts.push(`most viewed ${videoLine(top)}`)
    if (best) parts.push(`best engagement ${videoLine(best)}`)
    if (data.hashtags.length > 0) {
      parts.push(
        `top hashtags ${data.hashtags
          .slice(0, NAMED)
          .map((t) => `#${t.hashtag}`)
          .join(' ')}`,
      )
    }
    if (s.best_weekday) parts.push(`best weekday ${s.best_weekday.weekday}`)
    if (s.best_hour) parts.push(`best hour ${s.best_hour.hour}:00 UTC`)
    return `${parts.join('; ')}.`
  },

  getTikTokCreatorHistory({ data }) {
    const first = data.snapshots[0]
    const last = data.snapshots.at(-1)
    const span = first && last ? ` from ${first.observed_at} to ${last.observed_at}` : ''
    return (
      `@${data.username}: ${plural(data.snapshots.length, 'profile snapshot')}${span}, ` +
      `${plural(data.views.length, 'daily views point')}` +
      growthNote('followers', data.growth.followers) +
      growthNote('tracked views', data.growth.views) +
      '.'
    )
  },

  searchTikTokVideos({ data, pagination }) {
    if (pagination.total === 0) return 'No tracked video matches; try broader filters.'
    return `Found ${plural(pagination.total, 'video')}${pageNote(pagination)}: ${listed(data, videoLine)}`
  },

  getTrendingTikTokVideos({ data }, params) {
    const period = params.period ?? '7d'
    if (data.length === 0) return `No tracked video was posted in the last ${period}.`
    return `Top ${plural(data.length, 'trending video')} of the last ${period}: ${listed(data, videoLine)}`
  },

  getTikTokVideoDetails({ data: v }) {
    const by = v.creator ? ` by @${v.creator.profile.username}` : ''
    const vs =
      v.creator?.views_vs_average == null
        ? ''
        : `, ${whole.format(v.creator.views_vs_average)}× the creator's average views`
    return (
      `Video ${v.video_id}${by} ${quoted(v.description)}: ${n(v.plays)} plays, ${n(v.likes)} likes, ` +
      `${n(v.comments)} comments, ${n(v.shares)} shares, ER ${pct(v.engagement_rate)}` +
      `${vs}${v.is_viral ? ', viral' : ''}; posted ${v.posted_at ?? 'at an unknown time'}.`
    )
  },

  getTikTokVideoHistory({ data }) {
    const first = data.snapshots[0]
    const last = data.snapshots.at(-1)
    if (!first || !last) return `No observation of video ${data.video_id}.`
    if (data.snapshot_count === 1) {
      return `Video ${data.video_id}: 1 observation, at ${first.observed_at}: ${n(first.plays)} plays.`
    }
    return (
      `Video ${data.video_id}: ${plural(data.snapshot_count, 'observation')} from ` +
      `${first.observed_at} to ${last.observed_at}; plays ${n(first.plays)} → ${n(last.plays)}.`
    )
  },

  searchTikTokHashtags({ data, pagination }) {
    if (pagination.total === 0) return 'No tracked hashtag matches.'
    const line = (h: (typeof data)[number]) =>
      `#${h.name} (${n(h.video_count)} videos, ${n(h.view_count)} views)`
    return `Found ${plural(pagination.total, 'hashtag')}${pageNote(pagination)}: ${listed(data, line)}`
  },

  getTrendingTikTokHashtags({ data }) {
    if (data.length === 0) return 'No hashtag was used by a tracked video in the last 7 days.'
    const line = (h: (typeof data)[number]) =>
      `#${h.name} (${plural(h.trend.recent_video_count, 'new video')}, ${n(h.trend.recent_views)} views)`
    return `Trending hashtags of the last 7 days: ${listed(data, line)}`
  },

  getTikTokHashtagDetails({ data: h }) {
    const top = h.top_creators[0]
    return (
      `#${h.name}: ${n(h.video_count)} videos, ${n(h.view_count)} views (${COUNTS[h.counts_source]}); ` +
      `${plural(h.tracked_video_count, 'tracked video')}; ${h.trend.is_trending ? 'trending' : 'not trending'} ` +
      `(${plural(h.trend.recent_video_count, 'video')} in the last ${h.trend.window_days} days)` +
      (top ? `; top creator ${creatorLine(top)}` : '') +
      '.'
    )
  },

  searchTikTokSounds({ data, pagination }) {
    if (pagination.total === 0) return 'No tracked sound matches.'
    const line = (s: (typeof data)[number]) =>
      `"${s.title ?? '?'}" by ${s.author ?? '?'} (${n(s.user_count)} videos)`
    return `Found ${plural(pagination.total, 'sound')}${pageNote(pagination)}: ${listed(data, line)}`
  },

  getTrendingTikTokSounds({ data }) {
    if (data.length === 0) return 'No sound was used by a tracked video in the last 7 days.'
    const line = (s: (typeof data)[number]) =>
      `"${s.title ?? '?'}" by ${s.author ?? '?'} (${plural(s.trend.recent_video_count, 'new video')})`
    return `Trending sounds of the last 7 days: ${listed(data, line)}`
  },

  getTikTokSoundDetails({ data: s }) {
    return (
      `"${s.title ?? '?'}" by ${s.author ?? '?'}: used in ${n(s.user_count)} videos ` +
      `(${COUNTS[s.counts_source]}), ${plural(s.tracked_video_count, 'tracked video')}; ` +
      `${s.trend.is_trending ? 'trending' : 'not trending'}.`
    )
  },

  getToklyticsStats({ data: s }) {
    return (
      `Toklytics tracks ${plural(s.total_creators, 'creator')}, ${plural(s.total_videos, 'video')} ` +
      `(${n(s.total_views)} views), ${plural(s.total_hashtags, 'hashtag')} and ` +
      `${plural(s.total_sounds, 'sound')} (${plural(s.demo.creators, 'demo creator')}); ` +
      `newest observation ${s.newest_observation_at ?? 'none yet'}.`
    )
  },

  compareTikTokCreators({ data }) {
    const leader = (
      label: string,
      l: { value: number; usernames: string[] } | null,
      show: (v: number) => string,
    ) =>
      l === null
        ? null
        : `${label} ${l.usernames.map((u) => `@${u}`).join(', ')} (${show(l.value)})`
    const leads = [
      leader('most followers', data.leaders.followers, n),
      leader('highest engagement rate', data.leaders.engagement_rate, pct),
      leader('best score', data.leaders.score, (v) => whole.format(v)),
    ].filter((l) => l !== null)
    const missing =
      data.not_found.length > 0
        ? ` Not tracked: ${data.not_found.map((u) => `@${u}`).join(', ')}.`
        : ''
    return (
      `Compared ${plural(data.creators.length, 'creator')}: ${data.creators.map(creatorLine).join('; ')}.` +
      (leads.length > 0 ? ` Leaders: ${leads.join('; ')}.` : '') +
      missing
    )
  },

  getTikTokNicheBenchmarks({ data: r }) {
    const er = r.engagement_rate
    const tags = r.trending_hashtags.slice(0, NAMED).map((t) => `#${t.hashtag}`)
    const rates =
      er === null
        ? 'engagement rate not enough data'
        : `median engagement rate ${pct(er.median)} (mean ${pct(er.mean)}, middle half ` +
          `${pct(er.q1)}–${pct(er.q3)})`
    return (
      `Niche '${r.niche}' (${plural(r.creators_analyzed, 'creator')} with ≥ ${n(r.min_followers)} ` +
      `followers): ${rates}, median followers ${n(r.median_followers)}, ` +
      `${measured(r.avg_posts_per_week, (v) => whole.format(v))} posts/week on average. Top creators: ` +
      `${listed(r.top_creators, creatorLine)}` +
      (tags.length > 0 ? `. Trending: ${tags.join(' ')}` : '') +
      '.'
    )
  },

  planTikTokInfluencerCampaign({ data: plan }) {
    const { inputs, totals, roster } = plan
    const head = `Campaign plan for ${usd(inputs.budget)} in '${inputs.niche}' (ER ≥ ${pct(inputs.min_engagement_rate)}${inputs.region ? `, region ${inputs.region}` : ''})`
    const why = plan.explanation.unallocated_reason
    if (totals.creators === 0) return `${head}: no creator in the plan. ${why ?? ''}`.trim()
    const chosen = (['macro', 'mid', 'micro'] as const).flatMap((tier) =>
      roster[tier].creators.map(
        (c) => `@${c.username} (${c.tier}, ${usd(c.cost)}, ER ${pct(c.engagement_rate)})`,
      ),
    )
    return (
      `${head}: ${plural(totals.creators, 'creator')} for ${usd(totals.cost)}, estimated reach ` +
      `${n(totals.reach)}, ${n(totals.engagements)} engagements, CPM ${usd(totals.cpm)}, ROI ` +
      `${whole.format(totals.roi)}; unallocated ${usd(plan.unallocated)}.` +
      `${why === null ? '' : ` ${why}`} Roster: ${listed(chosen, (c) => c)}.`
    )
  },

  getRisingTikTokHashtags({ data }) {
    return risingSummary('hashtag', data, (h) => `#${h.name} (${n(h.velocity.per_day)} videos/day)`)
  },

  getRisingTikTokSounds({ data }) {
    return risingSummary(
      'sound',
      data,
      (s) => `${quoted(s.title, 40)} (${n(s.velocity.per_day)} videos/day)`,
    )
  },

  getRisingTikTokCreators({ data }) {
    return risingSummary(
      'creator',
      data,
      (c) => `@${c.username} (+${n(c.velocity.per_day)} followers/day)`,
    )
  },

  lookupVideos({ data }) {
    return lookupSummary('video', data, (v) => `${v.id}: ${n(v.plays)} plays (${v.observed_at})`)
  },

  lookupCreators({ data }) {
    return lookupSummary(
      'creator',
      data,
      (c) => `@${c.username}: ${n(c.followers)} followers (${c.observed_at ?? 'from videos'})`,
    )
  },

  getTikTokCreatorRankings({ data }) {
    const scope = [data.niche, data.region].filter((x) => x !== null).join(', ')
    const head = `Top creators by ${data.by}${scope === '' ? '' : ` (${scope})`}, changes over ${data.period}`
    if (data.items.length === 0) return `${head}: nobody ranked yet.`
    return `${head}: ${listed(data.items, (c) => `#${c.rank} @${c.username}${moved(c)}`)}.`
  },
}

/** ▲3, ▼1, new, or nothing: a rank's change against the previous period (metrics.md §8). */
function moved(e: { rank_change: number | null; new: boolean }): string {
  if (e.new) return ' (new)'
  if (e.rank_change === null || e.rank_change === 0) return ''
  return e.rank_change > 0 ? ` (up ${e.rank_change})` : ` (down ${-e.rank_change})`
}

/** How many of the looked-up items were found, not tracked or unreadable, and the first found. */
function lookupSummary<T extends { status: string }>(
  kind: string,
  items: readonly T[],
  show: (item: T) => string,
): string {
  const count = (status: string) => items.filter((i) => i.status === status).length
  const found = items.filter((i) => i.status === 'found')
  const head =
    `Looked up ${plural(items.length, 'item')}: ${whole.format(found.length)} ${kind}s found, ` +
    `${whole.format(count('not_tracked'))} not tracked, ${whole.format(count('invalid'))} invalid, ` +
    `${whole.format(count('unresolvable'))} unresolvable (short links: open them first)`
  return found.length === 0 ? `${head}.` : `${head}; ${listed(found, show)}.`
}

function risingSummary<
  T extends { rank: number; score: number; rank_change: number | null; new: boolean },
>(
  kind: string,
  data: { period: string; region: string | null; items: readonly T[] },
  show: (item: T) => string,
): string {
  const where = data.region === null ? '' : ` in ${data.region}`
  if (data.items.length === 0) {
    return `No ${kind} is rising over ${data.period}${where}: nothing grew between two observations a day apart.`
  }
  return (
    `Rising ${kind}s over ${data.period}${where}: ` +
    `${listed(data.items, (e) => `#${e.rank} ${show(e)}, ${pct(e.score)}/day${moved(e)}`)}.`
  )
}
