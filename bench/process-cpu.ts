/** CPU time of processes read from /proc: what a benchmark charges to a server and its backends. */
import { readFileSync } from 'node:fs'

/** Clock ticks per second of /proc/PID/stat's times (USER_HZ, 100 on Linux). */
const CLK_TCK = 100

/** CPU seconds of a process from /proc (user + system), or 0 once it is gone. */
export function procCpu(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK
  } catch {
    return 0
  }
}

/** CPU seconds per pid of a process and of the given (PostgreSQL backend) pids. */
export function cpuOf(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, procCpu(pid)]))
}

/** CPU seconds used between two readings of cpuOf: in all, and by pids other than `own`. */
export function cpuUsed(
  before: Map<number, number>,
  after: Map<number, number>,
  own: number | undefined,
): { all: number; others: number } {
  let all = 0
  let others = 0
  for (const [pid, seconds] of after) {
    const used = seconds - (before.get(pid) ?? 0)
    all += used
    if (pid !== own) others += used
  }
  return { all, others }
}
