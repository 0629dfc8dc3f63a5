/** Starts a worker thread from a module next to the caller, compiled (dist) or TypeScript (tsx). */
import { Worker } from 'node:worker_threads'

/**
 * `name` is the module's file name without extension, resolved against `base` (the caller's
 * import.meta.url). Under tsx (tests, dev) the module is TypeScript; on Node 20 a worker does not
 * get tsx's loader hooks, so it registers them before importing the module.
 */
export function startWorker(base: string, name: string): Worker {
  if (!base.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, base))
  const entry = new URL(`./${name}.ts`, base).href
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(bootstrap, { eval: true })
}
