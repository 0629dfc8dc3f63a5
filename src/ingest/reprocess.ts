/**
 * Rebuilds every entity from the stored raw captures with the current parsers (after a parser
 * fix). Runs in one transaction: readers see the old data or the new, never a half-built store.
 * Idempotent: merging is order-independent, so the same captures always give the same rows.
 */
import { brotliDecompressSync } from 'node:zlib'
import type { Database } from '../db/open.js'
import { recomputeTrackedTotals } from '../db/recompute-totals.js'
import { writeBatch } from '../db/write.js'
import { normalizeBatch, type TimedCapture } from './normalize.js'
import { PARSER_VERSION, parseCapture } from './parsers/registry.js'
import { refreshCreatorMetrics } from './refresh-creator-metrics.js'

const CHUNK = 500

export interface ReprocessSummary {
  captures: number
  parsed: number
  failed: number
}

export async function reprocessAll(
  database: Database,
  onProgress?: (done: number, total: number) => void,
): Promise<ReprocessSummary> {
  const summary: ReprocessSummary = { captures: 0, parsed: 0, failed: 0 }
  await database.db.transaction().execute(async (trx) => {
    await database.dialect.lockIngest(trx)
    const total = Number(
      (
        await trx
          .selectFrom('captures')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    )
    for (const table of [
      'video_hashtags',
      'video_snapshots',
      'creator_snapshots',
      'creator_hashtags',
      'creator_terms',
      'videos',
      'creators',
      'hashtags',
      'sounds',
    ] as const) {
      await trx.deleteFrom(table).execute()
    }
    const touched = new Set<string>()
    let lastId = 0
    for (;;) {
      const rows = await trx
        .selectFrom('captures')
        .select(['id', 'url', 'body', 'observed_at', 'is_demo'])
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(CHUNK)
        .execute()
      if (rows.length === 0) break
      lastId = rows[rows.length - 1]?.id ?? lastId
      const byDemo: Record<'demo' | 'real', TimedCapture[]> = { demo: [], real: [] }
      for (const row of rows) {
        summary.captures++
        const body: unknown = JSON.parse(brotliDecompressSync(row.body).toString('utf8'))
        const result = parseCapture({ url: new URL(row.url), body })
        await trx
          .updateTable('captures')
          .set({
            parser_version: PARSER_VERSION,
            status: result.ok ? 'parsed' : 'failed',
            drop_reason: result.ok ? null : result.reason,
          })
          .where('id', '=', row.id)
          .execute()
        if (!result.ok) {
          summary.failed++
          continue
        }
        summary.parsed++
        byDemo[row.is_demo === 1 ? 'demo' : 'real'].push({
          parsed: result.data,
          observedAt: row.observed_at,
        })
      }
      for (const [key, captures] of Object.entries(byDemo)) {
        if (captures.length === 0) continue
        const written = await writeBatch(trx, normalizeBatch(captures), key === 'demo')
        for (const id of written.touchedCreators) touched.add(id)
      }
      onProgress?.(summary.captures, total)
    }
    // Deltas were applied capture by capture; a full recount is the simplest proof of consistency.
    await recomputeTrackedTotals(trx)
    await refreshCreatorMetrics(trx, touched)
  })
  return summary
}
