/**
 * Which answers may be a little older than the data. Aggregates — trending lists, hashtag and
 * sound pages, the niche report, campaign plans, platform totals — summarise many entities and change a little with
 * every ingested capture; recomputing them after each write would turn live ingestion into one
 * full scan per request. They are served for up to AGGREGATE_MAX_AGE_SECONDS after they were
 * computed (`meta.data_as_of`, and an `Age` header on a cached answer). Entity reads are never
 * served once a write to what they read has committed; every other read (searches) once any
 * write has.
 */
import type { OperationId } from '../operations/api-operations.js'
import { OWNED_OPERATION_IDS } from '../operations/watchlist-operations.js'
import { WEBHOOK_OPERATION_IDS } from '../operations/webhook-operations.js'
import type { Freshness } from './response-cache.js'

/** The documented bound on an aggregate's age. */
export const AGGREGATE_MAX_AGE_SECONDS = 30

const AGGREGATE_OPERATIONS: ReadonlySet<OperationId> = new Set<OperationId>([
  // A hashtag's or sound's page ranks every video and creator that uses it (#fyp: most of them).
  'getTikTokHashtagDetails',
  'getTikTokSoundDetails',
  'getTrendingTikTokHashtags',
  'getTrendingTikTokSounds',
  'getTrendingTikTokVideos',
  'getTikTokNicheBenchmarks',
  'planTikTokInfluencerCampaign',
  'getToklyticsStats',
  // Rising lists and rank tables rank every entity observed in two periods.
  'getRisingTikTokHashtags',
  'getRisingTikTokSounds',
  'getRisingTikTokCreators',
  'getTikTokCreatorRankings',
])

/**
 * Reads of named entities: dropped when a write changes what they read (the creator, its videos,
 * the video, its creator and sound), kept through writes to anything else.
 */
const ENTITY_OPERATIONS: ReadonlySet<OperationId> = new Set<OperationId>([
  'getTikTokCreatorAnalytics',
  'getTikTokCreatorVideos',
  'getTikTokCreatorTopContent',
  'getTikTokCreatorHistory',
  'getTikTokVideoDetails',
  'getTikTokVideoHistory',
  'compareTikTokCreators',
])

/** How fresh the answers of an operation must be; 'private' ones are never cached. */
export function freshnessOf(operationId: string): Freshness | 'private' {
  // Answers that depend on who asks (a key's own watchlists): a cached answer is shared by
  // every caller of the same URL.
  if (OWNED_OPERATION_IDS.has(operationId)) return 'private'
  if (WEBHOOK_OPERATION_IDS.has(operationId)) return 'private'
  const id = operationId as OperationId
  if (AGGREGATE_OPERATIONS.has(id)) return 'bounded'
  return ENTITY_OPERATIONS.has(id) ? 'entity' : 'current'
}
