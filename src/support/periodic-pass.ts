/**
 * A pass that runs every interval beside the server's work (alert evaluation, webhook delivery):
 * one at a time, on a timer that does not keep the process alive, stopped by waiting for the
 * pass in flight.
 */

export interface PeriodicPass<T> {
  /** A pass now (or the one in flight). */
  runOnce(): Promise<T>
  stop(): Promise<void>
}

export function startPeriodicPass<T>(
  pass: () => Promise<T>,
  options: { intervalMs: number; onError?: ((err: unknown) => void) | undefined },
): PeriodicPass<T> {
  let running: Promise<T> | null = null
  let stopped = false
  const runOnce = () => {
    running ??= pass().finally(() => {
      running = null
    })
    return running
  }
  const timer = setInterval(() => {
    if (stopped) return
    runOnce().catch((err: unknown) => options.onError?.(err))
  }, options.intervalMs)
  timer.unref()
  return {
    runOnce,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running?.catch(() => {})
    },
  }
}
