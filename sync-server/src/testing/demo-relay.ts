/**
 * A relay on a copy of the seeded demo town (templates made once per test run by
 * demo-templates.setup.ts), for tests that read the town rather than test the seeding.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'
import { loadConfig, type RelayConfig } from '../config.ts'
import { createRelay, type Relay } from '../relay.ts'
import type { SeedReport } from '../demo/seed.ts'

export async function demoRelay(options: { marker?: boolean; config?: Partial<RelayConfig> } = {}): Promise<Relay> {
  const templates = inject('demoTemplates')
  const template = options.marker ? templates.marked : templates.plain
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-demo-copy-'))
  fs.cpSync(template, dataDir, { recursive: true })
  const relay = createRelay({ ...loadConfig({}), port: 0, dataDir, evictIdleMs: 0, ...options.config })
  await relay.publisher.reconcile()
  return relay
}

/** What the seeder reported when it made the template (for tests of the seeding itself). */
export function demoSeedReport(options: { marker?: boolean } = {}): SeedReport {
  const { reports } = inject('demoTemplates')
  return options.marker ? reports.marked : reports.plain
}
