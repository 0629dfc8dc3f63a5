/**
 * Bulk lookup for researchers: a list of video (or creator) references answered item by item, in
 * input order, from what this server has observed — never from TikTok. Shared by the REST routes
 * and the `toklytics lookup` command.
 */
import {
  type CreatorRef,
  parseCreatorRef,
  parseVideoRef,
  type VideoRef,
} from '../domain/tiktok-ref.js'
import { type CreatorLookupValues, lookupCreators } from '../queries/creators/lookup-creators.js'
import type { QueryContext } from '../queries/query-context.js'
import { lookupVideos, type VideoLookupValues } from '../queries/videos/lookup-videos.js'
import { type SingleAnswer, single } from './operation-answer.js'

export type LookupStatus = 'found' | 'not_tracked' | 'invalid' | 'unresolvable'

/** One answered reference: `id` is null when the input names no video; values only when found. */
export type VideoLookupItem = {
  input: string
  status: LookupStatus
  id: string | null
  message?: string
} & Partial<Omit<VideoLookupValues, 'id'>>

/** One answered reference: `username` is null when the input names nobody. */
export type CreatorLookupItem = {
  input: string
  status: LookupStatus
  username: string | null
  message?: string
} & Partial<Omit<CreatorLookupValues, 'username'>>

const NOT_TRACKED = 'Not observed by this server (no capture has included it).'

/** Answers every input, in order, with one query pass over the distinct references. */
export async function lookupVideoItems(
  ctx: QueryContext,
  inputs: readonly string[],
): Promise<VideoLookupItem[]> {
  const refs: VideoRef[] = inputs.map(parseVideoRef)
  const found = await lookupVideos(
    ctx,
    refs.flatMap((r) => (r.ok ? [r.id] : [])),
  )
  return inputs.map((input, i): VideoLookupItem => {
    const ref = refs[i] as VideoRef
    if (!ref.ok) return { input, status: ref.status, id: null, message: ref.message }
    const values = found.get(ref.id)
    if (values === undefined)
      return { input, status: 'not_tracked', id: ref.id, message: NOT_TRACKED }
    return { input, status: 'found', ...values }
  })
}

/** Answers every input, in order, with one query pass over the distinct usernames. */
export async function lookupCreatorItems(
  ctx: QueryContext,
  inputs: readonly string[],
): Promise<CreatorLookupItem[]> {
  const refs: CreatorRef[] = inputs.map(parseCreatorRef)
  const found = await lookupCreators(
    ctx,
    refs.flatMap((r) => (r.ok ? [r.username] : [])),
  )
  return inputs.map((input, i): CreatorLookupItem => {
    const ref = refs[i] as CreatorRef
    if (!ref.ok) return { input, status: ref.status, username: null, message: ref.message }
    const values = found.get(ref.username)
    if (values === undefined) {
      return { input, status: 'not_tracked', username: ref.username, message: NOT_TRACKED }
    }
    return { input, status: 'found', ...values }
  })
}

/** The body both operations take, validated against the contract (`LookupInput`). */
interface LookupInput {
  items: string[]
}

export function lookupOperations(ctx: QueryContext) {
  return {
    lookupVideos: async (input: LookupInput): Promise<SingleAnswer<VideoLookupItem[]>> =>
      single(await lookupVideoItems(ctx, input.items)),
    lookupCreators: async (input: LookupInput): Promise<SingleAnswer<CreatorLookupItem[]>> =>
      single(await lookupCreatorItems(ctx, input.items)),
  }
}

export type LookupOperations = ReturnType<typeof lookupOperations>
export type LookupOperationId = keyof LookupOperations
