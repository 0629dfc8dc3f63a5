/**
 * Which methods a path answers to, so that another method on a served path is a 405 with `Allow`
 * (RFC 9110 §15.5.6) instead of a 404 that says the path does not exist.
 */
import type { FastifyInstance } from 'fastify'
import FindMyWay, { type HTTPMethod } from 'find-my-way'

/**
 * Records every route the app registers from now on (call it before any route is added) and
 * returns a lookup of the methods a concrete path is served with; empty for an unknown path.
 * Catch-all routes (`*`) say nothing about a path and are left out.
 */
export function routeMethods(app: FastifyInstance): (path: string) => string[] {
  const router = FindMyWay({ ignoreTrailingSlash: true })
  const methods = new Set<HTTPMethod>()
  app.addHook('onRoute', (route) => {
    if (route.url.includes('*')) return
    for (const method of [route.method].flat()) {
      const m = method.toUpperCase() as HTTPMethod
      if (router.find(m, route.url) === null) router.on(m, route.url, () => undefined)
      methods.add(m)
    }
  })
  return (path) => [...methods].filter((m) => router.find(m, path) !== null).sort()
}
