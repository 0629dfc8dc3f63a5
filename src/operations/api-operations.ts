/**
 * Every read operation of the API as a function of its validated parameters (path, query and,
 * for the bulk lookups, body in one object), keyed by operationId: the REST routes and the MCP
 * tools are adapters over it.
 */
import type { QueryContext } from '../queries/query-context.js'
import { analyticsOperations } from './analytics-operations.js'
import { creatorOperations } from './creator-operations.js'
import { hashtagOperations } from './hashtag-operations.js'
import { lookupOperations } from './lookup-operations.js'
import type { Answer } from './operation-answer.js'
import { rankingOperations } from './ranking-operations.js'
import { soundOperations } from './sound-operations.js'
import { videoOperations } from './video-operations.js'

/** Built once per app (or MCP process): the analytics caches inside belong to it. */
export function apiOperations(ctx: QueryContext) {
  return {
    ...creatorOperations(ctx),
    ...videoOperations(ctx),
    ...hashtagOperations(ctx),
    ...soundOperations(ctx),
    ...analyticsOperations(ctx),
    ...rankingOperations(ctx),
    ...lookupOperations(ctx),
  }
}

export type ApiOperations = ReturnType<typeof apiOperations>
export type OperationId = keyof ApiOperations
export type OperationParams<K extends OperationId> = Parameters<ApiOperations[K]>[0]
export type OperationAnswer<K extends OperationId> = Awaited<ReturnType<ApiOperations[K]>>

/** One operation with its types erased, for adapters whose input was validated against the spec. */
export type UntypedOperation = (params: Record<string, unknown>) => Promise<Answer>

export function untypedOperation(operations: ApiOperations, id: OperationId): UntypedOperation {
  // Each adapter validates the parameters against the same OpenAPI parameter schemas the
  // operation's own types were written from, so the cast only forgets what was checked.
  return operations[id] as unknown as UntypedOperation
}

export const isOperationId = (operations: ApiOperations, id: string): id is OperationId =>
  Object.hasOwn(operations, id)
