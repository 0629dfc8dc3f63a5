/**
 * Where `toklytics export` writes: standard output, or a file that appears whole (written beside
 * it and renamed at the end, so a failed export never leaves a file that looks complete). Every
 * write waits for 'drain' when the stream's buffer is full, so memory stays bounded however fast
 * rows are read and however slow the reader of stdout is.
 */
import { once } from 'node:events'
import { createWriteStream, statSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import type { Writable } from 'node:stream'

export interface ExportOutput {
  write(text: string): Promise<void>
  /** Flushes and, for a file, puts it in place. */
  finish(): Promise<void>
  /** Removes what was written of a file (after a failure). */
  abandon(): Promise<void>
}

/** Whether `path` names something other than a regular file (/dev/null, a FIFO): written in place. */
function special(path: string): boolean {
  try {
    return !statSync(path).isFile()
  } catch {
    return false
  }
}

export function exportOutput(path: string | undefined): ExportOutput {
  const inPlace = path === undefined || special(path)
  const target = path === undefined ? null : inPlace ? path : `${path}.partial-${process.pid}`
  const stream: Writable = target === null ? process.stdout : createWriteStream(target)
  let failed: Error | null = null
  stream.on('error', (err: Error) => {
    failed = err
  })
  const check = () => {
    if (failed !== null) throw failed
  }
  return {
    async write(text) {
      check()
      if (!stream.write(text)) {
        // 'error' ends the wait too: a closed pipe must not hang the export.
        await new Promise<void>((resolve) => {
          const done = () => {
            stream.off('drain', done)
            stream.off('error', done)
            resolve()
          }
          stream.on('drain', done)
          stream.on('error', done)
        })
        check()
      }
    },
    async finish() {
      check()
      if (target === null) return
      const closed = once(stream, 'close')
      stream.end()
      await closed
      check()
      if (!inPlace && path !== undefined) await rename(target, path)
    },
    async abandon() {
      if (target === null || inPlace) return
      stream.destroy()
      await rm(target, { force: true })
    },
  }
}
