/** Short-lived in-process caches of reads, one per database (DESIGN.md rule 8: no globals). */
import { LRUCache } from 'lru-cache'
import type { QueryContext } from './query-context.js'

export interface QueryCacheOptions<V> {
  /** How long a computed value is served before the next request recomputes it. */
  ttlSeconds: number
  /** Most entries kept per database (least recently used are dropped first). */
  max: number
  /** With `maxSize`: the weight of a value (e.g. rows held), to bound memory. */
  sizeOf?: (value: V) => number
  maxSize?: number
}

export interface QueryCache<V extends object> {
  readonly ttlSeconds: number
  /**
   * The value of `key` for `ctx`'s database: computed by `compute` when absent, older than the
   * TTL or computed before the last write, else reused. Concurrent requests for a missing key
   * share one computation.
   */
  get(ctx: QueryContext, key: string, compute: () => Promise<V>): Promise<V>
}

/**
 * A TTL cache keyed per database (a WeakMap on the Kysely instance) and then by `key`. The app
 * builds its caches when it registers its routes, so two apps never share one.
 */
export function queryCache<V extends object>(options: QueryCacheOptions<V>): QueryCache<V> {
  const perDatabase = new WeakMap<object, LRUCache<string, V, () => Promise<V>>>()
  const { sizeOf, maxSize } = options
  const create = () =>
    new LRUCache<string, V, () => Promise<V>>({
      max: options.max,
      ttl: options.ttlSeconds * 1000,
      ...(sizeOf !== undefined && maxSize !== undefined
        ? { maxSize, sizeCalculation: (v: V) => Math.max(1, sizeOf(v)) }
        : {}),
      fetchMethod: (_key, _stale, { context }) => context(),
    })
  return {
    ttlSeconds: options.ttlSeconds,
    async get(ctx, key, compute) {
      let cache = perDatabase.get(ctx.db)
      if (cache === undefined) {
        cache = create()
        perDatabase.set(ctx.db, cache)
      }
      // fetch() resolves undefined only when the value cannot be stored (e.g. over maxSize).
      // Keyed on the data version too: a write makes every earlier value unreachable at once.
      const current = `${await ctx.dataVersion.stamp()}|${key}`
      return (await cache.fetch(current, { context: compute })) ?? compute()
    },
  }
}
