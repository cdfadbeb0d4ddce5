/** Shared pieces of the benchmark scripts: child processes, percentiles, memory readings. */
import fs from 'node:fs'

export { ROOT, startScript } from '../../sync-server/src/testing/child-process.ts'

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

export function rssMiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return Math.round(kb / 1024)
  } catch {
    return NaN
  }
}
