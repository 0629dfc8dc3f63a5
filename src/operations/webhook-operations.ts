/**
 * The webhook operations of the API, for an owner (an API key, or the operator): REST routes and
 * the CLI are adapters over them. An answer of null is "done, nothing to say" (204 on REST).
 * Webhooks are not MCP tools: an endpoint's secret should not pass through a model's context.
 */
import type { Kysely } from 'kysely'
import type { Owner } from '../access/owner.js'
import type { DB } from '../db/schema.js'
import { pagination } from '../queries/pagination.js'
import type { GuardOptions } from '../webhooks/guarded-post.js'
import { sendTestPing } from '../webhooks/send-test.js'
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
  type WebhookChange,
} from '../webhooks/webhook-store.js'
import { type Answer, single } from './operation-answer.js'
import { answering } from './refusal-answer.js'

export interface WebhookOperationDeps {
  /** The primary (writable) database. */
  db: Kysely<DB>
  /** Epoch milliseconds. */
  nowMs: () => number
  /** TOKLYTICS_WEBHOOK_ALLOW_PRIVATE. */
  guard: GuardOptions
}

/** Path, query and body of a call in one object, validated against the contract. */
type Input = Record<string, unknown>

const id = (input: Input) => String(input.id)

/** Only the fields the contract names (the body is validated, query and path are merged in). */
function changeOf(input: Input): WebhookChange {
  const change: WebhookChange = {}
  if (typeof input.url === 'string') change.url = input.url
  if (input.description !== undefined) change.description = input.description as string | null
  if (typeof input.enabled === 'boolean') change.enabled = input.enabled
  return change
}

export function webhookOperations(deps: WebhookOperationDeps) {
  const { db, nowMs, guard } = deps
  return {
    listWebhooks: (owner: Owner) => answering(async () => single(await listWebhooks(db, owner))),
    createWebhook: (owner: Owner, input: Input) =>
      answering(async () => {
        const description = input.description as string | null | undefined
        const made = await createWebhook(
          db,
          owner,
          { url: String(input.url), description },
          nowMs(),
          guard,
        )
        return single({ ...made.webhook, secret: made.secret })
      }),
    getWebhook: (owner: Owner, input: Input) =>
      answering(async () => single(await getWebhook(db, owner, id(input)))),
    updateWebhook: (owner: Owner, input: Input) =>
      answering(async () =>
        single(await updateWebhook(db, owner, id(input), changeOf(input), nowMs(), guard)),
      ),
    deleteWebhook: (owner: Owner, input: Input) =>
      answering(async () => {
        await deleteWebhook(db, owner, id(input))
        return null
      }),
    testWebhook: (owner: Owner, input: Input) =>
      answering(async () => single(await sendTestPing(db, owner, id(input), { ...guard, nowMs }))),
    rotateWebhookSecret: (owner: Owner, input: Input) =>
      answering(async () => {
        const rotated = await rotateWebhookSecret(db, owner, id(input), nowMs())
        return single({ ...rotated.webhook, secret: rotated.secret })
      }),
    listWebhookDeliveries: (owner: Owner, input: Input) =>
      answering(async () => {
        const page = Number(input.page ?? 1)
        const limit = Number(input.limit ?? 20)
        const result = await listDeliveries(db, owner, id(input), {
          limit,
          offset: (page - 1) * limit,
        })
        return { data: result.data, pagination: pagination({ page, limit }, result.total) }
      }),
  } satisfies Record<string, (owner: Owner, input: Input) => Promise<Answer | null>>
}

export type WebhookOperations = ReturnType<typeof webhookOperations>
export type WebhookOperationId = keyof WebhookOperations

/** Operations for an owner: never cached, never anonymous, and not MCP tools. */
export const WEBHOOK_OPERATION_IDS: ReadonlySet<string> = new Set<WebhookOperationId>([
  'listWebhooks',
  'createWebhook',
  'getWebhook',
  'updateWebhook',
  'deleteWebhook',
  'testWebhook',
  'rotateWebhookSecret',
  'listWebhookDeliveries',
])
