/** The one Redis connection of an app (REDIS_URL): shared rate-limit counters and read cache. */
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'

/**
 * Connects (failing start-up with a clear error when Redis cannot be reached) and closes the
 * connection with the app. Later outages are logged; users of the connection fall back.
 */
export async function connectRedis(app: FastifyInstance, url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    // A request waits for Redis at most one reconnection attempt, then goes on without it.
    maxRetriesPerRequest: 1,
  })
  let lastError: Error | undefined
  redis.on('error', (err: Error) => {
    lastError = err
    app.log.warn({ err: err.message }, 'Redis')
  })
  try {
    await redis.connect()
  } catch (err) {
    redis.disconnect()
    // The URL may hold a password: name the variable, not its value.
    const why = (lastError ?? (err as Error)).message
    throw new Error(`Cannot reach the Redis server of REDIS_URL: ${why}`)
  }
  app.addHook('onClose', async () => {
    await redis.quit()
  })
  return redis
}
