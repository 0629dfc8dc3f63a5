/**
 * Loads and stores what corroboration (corroboration.ts) judges by: the anchors of the batch's
 * counters, the pending disputes about them, and the trust of the contributors involved. Runs in
 * the caller's write transaction, next to the entity upserts.
 */
import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'
import { chunks } from '../db/upsert.js'
import {
  type Anchor,
  type CounterRule,
  type PendingDispute,
  trustWeight,
} from '../domain/corroboration.js'
import type { CorroborationContext, Screened } from './plausibility.js'

/** What storage says about one counter of a batch's entities. */
export interface CounterState {
  anchors: Map<string, Anchor>
  pending: Map<string, PendingDispute[]>
  /** Weights of the contributors of these observations and disputes. */
  weightOf: (contributor: string | null) => number
  /** The operator's verdicts, by capture hash and entity id. */
  verdicts: Map<string, 'accept' | 'reject'>
}

const verdictKey = (capture: string, id: string) => `${capture}\n${id}`

/** Loads anchors, pending disputes and trust for the ids of one counter. */
export async function loadCounterState(
  trx: Kysely<DB>,
  rule: CounterRule,
  ids: readonly string[],
  contributors: ReadonlySet<string | null>,
  captures: ReadonlySet<string>,
): Promise<CounterState> {
  const verdicts = new Map<string, 'accept' | 'reject'>()
  for (const part of chunks([...captures])) {
    const rows = await trx
      .selectFrom('dispute_verdicts')
      .select(['capture_hash', 'entity_id', 'verdict'])
      .where('entity', '=', rule.entity)
      .where('field', '=', rule.field)
      .where('capture_hash', 'in', part)
      .execute()
    for (const r of rows) {
      verdicts.set(
        verdictKey(r.capture_hash, r.entity_id),
        r.verdict === 'accept' ? 'accept' : 'reject',
      )
    }
  }
  const anchors = new Map<string, Anchor>()
  const pending = new Map<string, PendingDispute[]>()
  const involved = new Set(contributors)
  for (const part of chunks(ids)) {
    const rows = await trx
      .selectFrom('counter_anchors')
      .select(['entity_id', 'value', 'observed_at', 'contributor'])
      .where('entity', '=', rule.entity)
      .where('field', '=', rule.field)
      .where('entity_id', 'in', part)
      .execute()
    for (const r of rows) {
      anchors.set(r.entity_id, {
        value: Number(r.value),
        at: Number(r.observed_at),
        contributor: r.contributor,
      })
    }
    const disputes = await trx
      .selectFrom('implausible_observations')
      .select(['id', 'entity_id', 'value', 'observed_at', 'contributor'])
      .where('entity', '=', rule.entity)
      .where('field', '=', rule.field)
      .where('entity_id', 'in', part)
      .where('resolution', 'is', null)
      .where('value', 'is not', null)
      .orderBy('id')
      .execute()
    for (const d of disputes) {
      const list = pending.get(d.entity_id) ?? []
      list.push({
        id: Number(d.id),
        value: Number(d.value),
        at: Number(d.observed_at),
        contributor: d.contributor,
      })
      pending.set(d.entity_id, list)
      involved.add(d.contributor)
    }
  }
  const corroborated = new Map<string, number>()
  const named = [...involved].filter((c): c is string => c !== null)
  for (const part of chunks(named)) {
    const rows = await trx
      .selectFrom('contributor_trust')
      .select(['contributor', 'corroborated'])
      .where('contributor', 'in', part)
      .execute()
    for (const r of rows) corroborated.set(r.contributor, Number(r.corroborated))
  }
  return {
    anchors,
    pending,
    weightOf: (c) => trustWeight(c, c === null ? 0 : (corroborated.get(c) ?? 0)),
    verdicts,
  }
}

/** The judging context of one entity. */
export function contextFor(state: CounterState, id: string): CorroborationContext {
  return {
    weightOf: state.weightOf,
    pending: state.pending.get(id) ?? [],
    verdictOf: (capture) =>
      capture === undefined ? undefined : state.verdicts.get(verdictKey(capture, id)),
  }
}

/** What a batch's verdicts change in the corroboration tables, collected across entities. */
export class CorroborationChanges {
  readonly #anchors: Array<{ id: string; anchor: Anchor }> = []
  readonly #trust = new Map<string, number>()
  readonly #confirmed: Array<{ id: number; at: number }> = []

  constructor(private readonly rule: CounterRule) {}

  add<T>(id: string, screened: Screened<T>, resolvedAt: number): void {
    if (screened.anchor !== null) this.#anchors.push({ id, anchor: screened.anchor })
    for (const c of screened.corroborated) {
      if (c !== null) this.#trust.set(c, (this.#trust.get(c) ?? 0) + 1)
    }
    for (const d of screened.confirmed) {
      if (d.id !== null) this.#confirmed.push({ id: d.id, at: resolvedAt })
    }
  }

  async write(trx: Kysely<DB>): Promise<void> {
    const { entity, field } = this.rule
    const anchorRows = this.#anchors.map(({ id, anchor }) => ({
      entity,
      entity_id: id,
      field,
      value: anchor.value,
      observed_at: anchor.at,
      contributor: anchor.contributor,
    }))
    for (const part of chunks(anchorRows)) {
      await trx
        .insertInto('counter_anchors')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['entity', 'entity_id', 'field']).doUpdateSet({
            value: sql.ref('excluded.value'),
            observed_at: sql.ref('excluded.observed_at'),
            contributor: sql.ref('excluded.contributor'),
          }),
        )
        .execute()
    }
    const trustRows = [...this.#trust].map(([contributor, n]) => ({ contributor, corroborated: n }))
    for (const part of chunks(trustRows)) {
      await trx
        .insertInto('contributor_trust')
        .values(part)
        .onConflict((oc) =>
          oc.column('contributor').doUpdateSet({
            corroborated: sql`contributor_trust.corroborated + excluded.corroborated`,
          }),
        )
        .execute()
    }
    for (const c of this.#confirmed) {
      await trx
        .updateTable('implausible_observations')
        .set({ resolution: 'confirmed', resolved_at: c.at })
        .where('id', '=', c.id)
        .execute()
    }
  }
}
