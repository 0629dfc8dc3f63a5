/** A progress bar for long CLI work (cli-progress), quiet line-based output when not on a TTY. */
import cliProgress from 'cli-progress'

export interface Progress {
  update(done: number): void
  stop(): void
}

export function progressBar(label: string, total: number): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(total, 0)
  return {
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  }
}
