/**
 * End-to-end journeys against a real relay with the demo town, using Debian's Chromium.
 * Build the client first (`npm run build`); the relay serves dist/client at /app/.
 * Separate browser contexts are separate devices. Next to the relay runs e2e/mail-sink.ts: a real
 * SMTP server receiving the relay's mails and a local Web Push service (HTTPS with a certificate
 * made for this run, which the relay trusts through NODE_EXTRA_CA_CERTS).
 */
import { defineConfig } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_PUSH_HOSTS } from '../sync-server/src/config.ts'

const PORT = Number(process.env.RATSTISCH_E2E_PORT ?? 8181)
const ORIGIN = `http://127.0.0.1:${PORT}`
// the sink (e2e/mail-sink.ts): what arrived is read over HTTP; SMTP and push next to it
const SINK_HTTP_PORT = PORT + 1
const SINK_SMTP_PORT = PORT + 2
const SINK_PUSH_PORT = PORT + 3
process.env.RATSTISCH_E2E_MAIL_SINK ??= `http://127.0.0.1:${SINK_HTTP_PORT}`
process.env.RATSTISCH_E2E_PUSH_ORIGIN ??= `https://127.0.0.1:${SINK_PUSH_PORT}`
// one fresh data directory per run (the config is evaluated again in workers: reuse the value)
const dataDir = (process.env.RATSTISCH_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'ratstisch-e2e-')))
// the push service's self-signed certificate for 127.0.0.1, one per run
const certDir = (process.env.RATSTISCH_E2E_CERT_DIR ??= selfSignedCertificate())

function selfSignedCertificate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ratstisch-e2e-cert-'))
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    { stdio: 'ignore' },
  )
  return dir
}

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
  webServer: [
    {
      command: 'npx tsx e2e/mail-sink.ts',
      cwd: '..',
      url: `http://127.0.0.1:${SINK_HTTP_PORT}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        MAIL_SINK_HTTP_PORT: String(SINK_HTTP_PORT),
        MAIL_SINK_SMTP_PORT: String(SINK_SMTP_PORT),
        MAIL_SINK_PUSH_PORT: String(SINK_PUSH_PORT),
        MAIL_SINK_CERT_DIR: certDir,
      },
    },
    {
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
        SMTP_URL: `smtp://127.0.0.1:${SINK_SMTP_PORT}`,
        MAIL_FROM: 'Ratstisch Musterstadt <ratstisch@musterstadt.example>',
        // the sink's push service besides the real ones; its certificate is trusted, nothing else is loosened
        PUSH_HOSTS: ['127.0.0.1', ...DEFAULT_PUSH_HOSTS].join(','),
        NODE_EXTRA_CA_CERTS: join(certDir, 'cert.pem'),
        // notices about changes (documents, faction notes) are batched for a second, not a minute
        NOTICE_DELAY_MS: '1000',
      },
    },
  ],
})
