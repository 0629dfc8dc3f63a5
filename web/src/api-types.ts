/**
 * The API's answers under the names the dashboard uses: each is a schema of the served contract
 * (web/src/generated/contract.ts, generated from src/contract), never a hand-kept copy.
 */
import type { components, operations } from './generated/contract.js'

type Schemas = components['schemas']

type CreatorMetrics = Schemas['CreatorMetrics']
export type Grade = CreatorMetrics['creator_score']
export type Tier = CreatorMetrics['tier']
export type ScoreParts = Schemas['ScoreParts']
export type Creator = Schemas['Creator']
/** A video on a creator's list; on lists that span creators it also names its creator. */
export type Video = Schemas['CreatorVideo'] | Schemas['VideoListItem']
export type Growth = NonNullable<Schemas['GrowthChange']>
export type PostingSchedule = Schemas['PostingSchedule']
/** A counter value contributors reported that is not corroborated (metrics.md §1.1). */
export type DisputedValue = Schemas['DisputedValue']
export type CreatorAnalytics = Schemas['CreatorAnalytics']
export type CreatorTopContent = Schemas['CreatorTopContent']
export type CreatorHistory = Schemas['CreatorHistory']
export type VideoDetails = Schemas['VideoDetails']
export type Hashtag = Schemas['Hashtag']
export type TrendingHashtag = Schemas['TrendingHashtag']
export type HashtagDetails = Schemas['HashtagDetails']
export type Sound = Schemas['Sound']
export type TrendingSound = Schemas['TrendingSound']
export type SoundDetails = Schemas['SoundDetails']
export type PlatformStats = Schemas['PlatformStats']
export type Quartiles = Schemas['AnalyticsDistribution']
export type NicheReport = Schemas['NicheReport']
export type CampaignPlan = Schemas['CampaignPlan']
export type RosterCreator = Schemas['CampaignRosterCreator']
/** Who qualified for the plan, who did not and why budget is left (metrics.md §7.1). */
export type CampaignExplanation = CampaignPlan['explanation']
export type Comparison = Schemas['CreatorComparison']
/** Rising lists and rank tables (metrics.md §8). */
export type RisingHashtagList = Schemas['RisingHashtagList']
export type RisingSoundList = Schemas['RisingSoundList']
export type RisingCreatorList = Schemas['RisingCreatorList']
export type CreatorRankingList = Schemas['CreatorRankingList']
/** Watchlists, their items' numbers, alert rules and alerts (metrics.md §10), and their inputs. */
export type WatchlistSummary = Schemas['WatchlistSummary']
export type Watchlist = Schemas['Watchlist']
export type WatchItem = Schemas['WatchItem']
export type WatchItemKind = WatchItem['kind']
export type WatchChange = NonNullable<WatchItem['change_1d']>
export type AlertRule = Schemas['AlertRule']
export type AlertRuleKind = Schemas['AlertRuleKind']
export type Alert = Schemas['Alert']
export type WatchlistInput = Schemas['WatchlistInput']
export type WatchItemInput = Schemas['WatchItemInput']
export type AlertRuleInput = Schemas['AlertRuleInput']
/** Webhook endpoints of the key and their delivery log (README, "Webhooks"). */
export type Webhook = Schemas['Webhook']
export type WebhookWithSecret = Schemas['WebhookWithSecret']
export type WebhookInput = Schemas['WebhookInput']
export type WebhookTestResult = Schemas['WebhookTestResult']
export type WebhookDelivery = Schemas['WebhookDelivery']
export type WatchlistRename =
  operations['renameWatchlist']['requestBody']['content']['application/json']
