/**
 * Vitest global setup: seeds the demo town once per run into two template data directories (plain,
 * and with the leak-test marker), in two child processes side by side. Tests that need a seeded
 * town copy a template (`demoRelay()` in demo-relay.ts) instead of seeding it again: seeding takes
 * 15–20 s, a copy well under a second.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { LEAK_TEST_MARKER } from '../demo/demo-marker.ts'
import type { SeedReport } from '../demo/seed.ts'
import { ROOT } from './child-process.ts'

/** the demo town's reference date in the tests (fixed: results do not depend on the day) */
export const DEMO_TEST_ANCHOR = '2026-11-01'

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplates: { plain: string; marked: string; reports: { plain: SeedReport; marked: SeedReport } }
  }
}

/** Seeds one template in a child process; resolves with the seeder's report (its last line of output). */
function seed(dataDir: string, env: Record<string, string>): Promise<SeedReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/demo/seed-cli.ts', '--data-dir', dataDir, '--anchor', DEMO_TEST_ANCHOR], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => (out += chunk))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`seeding the demo template ${dataDir} failed (exit ${code})`))
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as SeedReport)
      } catch {
        reject(new Error(`seeding the demo template ${dataDir} printed no report`))
      }
    })
  })
}

export default async function setup(project: TestProject): Promise<() => void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-demo-templates-'))
  const plain = path.join(root, 'plain')
  const marked = path.join(root, 'marked')
  const [plainReport, markedReport] = await Promise.all([seed(plain, { RATSTISCH_DEMO_MARKER: '' }), seed(marked, { RATSTISCH_DEMO_MARKER: LEAK_TEST_MARKER })])
  project.provide('demoTemplates', { plain, marked, reports: { plain: plainReport, marked: markedReport } })
  return () => fs.rmSync(root, { recursive: true, force: true })
}
