/**
 * End-to-end journeys against a real relay with the demo town, using Debian's Chromium.
 * Build the client first (`npm run build`); the relay serves dist/client at /app/.
 * Separate browser contexts are separate devices.
 */
import { defineConfig } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PORT = Number(process.env.RATSTISCH_E2E_PORT ?? 8181)
const ORIGIN = `http://127.0.0.1:${PORT}`
// one fresh data directory per run (the config is evaluated again in workers: reuse the value)
const dataDir = (process.env.RATSTISCH_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'ratstisch-e2e-')))

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // traces and screenshots of failures stay out of the work tree
  outputDir: join(tmpdir(), `ratstisch-e2e-results-${PORT}`),
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 2,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: ORIGIN,
    serviceWorkers: 'allow',
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  // The paper journey adds a paper to the shared demo town; the list journeys count papers, so it
  // runs after them.
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: 'paper-workflow.spec.ts' },
    { name: 'paper-journey', use: { browserName: 'chromium' }, testMatch: 'paper-workflow.spec.ts', dependencies: ['chromium'] },
  ],
  webServer: {
    command: 'npx tsx sync-server/src/main.ts',
    cwd: '..',
    url: `${ORIGIN}/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      PUBLIC_URL: ORIGIN,
      DATA_DIR: dataDir,
      RATSTISCH_DEMO: '1',
    },
  },
})
