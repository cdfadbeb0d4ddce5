/**
 * Imports a town's history from an OParl server (docs/IMPORT.md):
 *
 *   npm run import:oparl -- <system-url> [options]
 *
 * By default the import runs inside the running relay (its admin API, as the admin view does):
 * the relay keeps serving while it imports, and the CLI prints the live progress and the report.
 *   --relay <url>      the relay (default RATSTISCH_RELAY_URL, else http://localhost:$PORT)
 *   --user <name>      an administrator (default RATSTISCH_ADMIN_USER, else "admin"); the password
 *                      comes from RATSTISCH_ADMIN_PASSWORD or is asked for on the terminal
 * For a first migration before the relay ever ran, `--data-dir <dir>` imports straight into a
 * DATA_DIR. Never while a relay runs on that directory: it would not see the new documents.
 *
 * Options: --full (ignore modified_since), --restart (do not resume an unfinished run),
 * --no-files, --concurrency N, --rps N, --timeout <s>, --retries N, --stall <s>, --json.
 * Exit code 0 when the import completed, 1 when it failed, 2 on wrong usage.
 */
import path from 'node:path'
import { createInterface } from 'node:readline/promises'
import { fileURLToPath } from 'node:url'
import { formatReport, type ReportSummaryLine } from '@ratstisch/oparl'
import { loadConfig } from '../config.ts'
import type { ImportOptions, ImportProgress } from '../import/import-service.ts'

interface Cli {
  systemUrl: string
  relay: string | null
  user: string
  dataDir: string | null
  json: boolean
  request: Record<string, unknown>
}

const USAGE = `usage: npm run import:oparl -- <system-url> [--relay <url> --user <name> | --data-dir <dir>]
       [--full] [--restart] [--no-files] [--concurrency N] [--rps N] [--timeout S] [--retries N] [--stall S] [--json]`

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Cli {
  const cli: Cli = { systemUrl: '', relay: null, user: env.RATSTISCH_ADMIN_USER ?? 'admin', dataDir: null, json: false, request: {} }
  const numbers: Record<string, string> = { '--concurrency': 'concurrency', '--rps': 'requestsPerSecond', '--timeout': 'timeoutSeconds', '--retries': 'retries', '--stall': 'stallSeconds' }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${arg} needs a value`)
      return v
    }
    if (arg === '--relay') cli.relay = value()
    else if (arg === '--user') cli.user = value()
    else if (arg === '--data-dir') cli.dataDir = value()
    else if (arg === '--json') cli.json = true
    else if (arg === '--full') cli.request.full = true
    else if (arg === '--restart') cli.request.restart = true
    else if (arg === '--no-files') cli.request.files = false
    else if (numbers[arg]) {
      const n = Number(value())
      if (!Number.isFinite(n)) throw new Error(`${arg} needs a number`)
      cli.request[numbers[arg]] = n
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`)
    else if (!cli.systemUrl) cli.systemUrl = arg
    else throw new Error(`unexpected argument ${arg}`)
  }
  if (!cli.systemUrl) throw new Error('the OParl system URL is missing')
  if (cli.relay && cli.dataDir) throw new Error('use either --relay or --data-dir')
  if (!cli.dataDir) cli.relay ??= env.RATSTISCH_RELAY_URL ?? `http://localhost:${env.PORT ?? '8080'}`
  return cli
}

/** One line of progress for the terminal. */
export function progressLine(p: ImportProgress): string {
  const lists = p.lists.map((l) => `${l.list} ${l.pages}/${l.totalPages ?? '?'}`).join(' · ')
  const step =
    p.phase === 'crawl'
      ? `${p.objects} objects (${p.objectsPerSecond.toFixed(0)}/s)${lists ? ` · ${lists}` : ''}`
      : p.phase === 'files'
        ? `files ${p.files.done}/${p.files.total} (${p.objectsPerSecond.toFixed(0)}/s, ${p.files.missing} missing)`
        : p.phase === 'apply'
          ? `documents ${p.apply.done}/${p.apply.total} (${p.objectsPerSecond.toFixed(0)}/s)`
          : p.status
  const eta = p.etaSeconds !== null && p.status === 'running' ? ` · ETA ${Math.ceil(p.etaSeconds)} s` : ''
  const retries = p.http.retries ? ` · ${p.http.retries} retries` : ''
  return `[${p.phase}] ${step}${eta}${retries}`
}

export function summary(p: ImportProgress): string {
  const lines = [
    `${p.status === 'done' ? 'Import completed' : `Import ${p.status}`}: ${p.systemUrl} (run ${p.runId}${p.resumed ? ', resumed' : ''})`,
    `  ${p.objects} objects read in ${p.elapsedSeconds.toFixed(1)} s (crawl ${p.timings.crawl.toFixed(1)} s, files ${p.timings.files.toFixed(1)} s, writing ${p.timings.apply.toFixed(1)} s)`,
    `  lists: ${p.lists.map((l) => `${l.list} ${l.objects}${l.totalElements !== null ? `/${l.totalElements}` : ''}`).join(', ') || '–'}`,
    `  files: ${p.files.downloaded} downloaded, ${p.files.missing} not downloadable, ${p.files.failed} failed`,
    `  written: ${p.apply.created} created, ${p.apply.updated} updated, ${p.apply.unchanged} unchanged, ${p.apply.deleted} deleted, ${p.apply.failed} failed`,
    `  HTTP: ${p.http.requests} requests, ${p.http.retries} retries`,
  ]
  if (p.error) lines.push(`  error: ${p.error}`)
  if (p.reportFile) lines.push(`  report: ${p.reportFile}`)
  return lines.join('\n')
}

async function askPassword(user: string): Promise<string> {
  if (process.env.RATSTISCH_ADMIN_PASSWORD) return process.env.RATSTISCH_ADMIN_PASSWORD
  if (!process.stdin.isTTY) throw new Error('set RATSTISCH_ADMIN_PASSWORD (no terminal to ask for the password)')
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  const mutable = rl as unknown as { _writeToOutput?: (s: string) => void }
  const question = rl.question(`Password of ${user}: `)
  mutable._writeToOutput = () => {}
  const password = await question
  rl.close()
  process.stdout.write('\n')
  return password
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The import through a running relay's admin API. */
export async function importViaRelay(cli: Cli, print: (line: string) => void, password?: string): Promise<ImportProgress> {
  const origin = new URL(cli.relay!).origin
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username: cli.user, password: password ?? (await askPassword(cli.user)) }),
  })
  if (login.status !== 200) throw new Error(`sign-in as ${cli.user} failed (HTTP ${login.status})`)
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
  const headers = { cookie, origin, 'content-type': 'application/json' }
  const started = await fetch(`${origin}/api/admin/import`, { method: 'POST', headers, body: JSON.stringify({ systemUrl: cli.systemUrl, ...cli.request }) })
  const body = (await started.json()) as { progress?: ImportProgress; error?: string }
  if (started.status !== 202 || !body.progress) throw new Error(`the relay refused the import (HTTP ${started.status}): ${body.error ?? ''}`)
  const runId = body.progress.runId
  const onSignal = () => {
    void fetch(`${origin}/api/admin/import/cancel`, { method: 'POST', headers }).finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  try {
    let last = ''
    for (;;) {
      await sleep(1000)
      const res = await fetch(`${origin}/api/admin/import/runs/${encodeURIComponent(runId)}`, { headers })
      if (res.status !== 200) throw new Error(`progress not readable (HTTP ${res.status})`)
      const { progress } = (await res.json()) as { progress: ImportProgress }
      const line = progressLine(progress)
      if (line !== last) print(line)
      last = line
      if (progress.status !== 'running') return progress
    }
  } finally {
    process.off('SIGINT', onSignal)
  }
}

/** The import straight into a DATA_DIR (no relay running on it). */
export async function importIntoDataDir(cli: Cli, print: (line: string) => void): Promise<ImportProgress> {
  const { createRelay } = await import('../relay.ts')
  const relay = createRelay({ ...loadConfig({ ...process.env, DATA_DIR: cli.dataDir! }), port: 0 })
  const onSignal = () => relay.imports.cancel()
  process.once('SIGINT', onSignal)
  try {
    const options = requestToOptions(cli)
    relay.imports.start(options, null)
    const timer = setInterval(() => {
      const p = relay.imports.current()
      if (p) print(progressLine(p))
    }, 1000)
    const done = (await relay.imports.wait())!
    clearInterval(timer)
    return done
  } finally {
    process.off('SIGINT', onSignal)
    await relay.close()
  }
}

function requestToOptions(cli: Cli): ImportOptions {
  const r = cli.request as Record<string, number | boolean | undefined>
  const options: ImportOptions = { systemUrl: cli.systemUrl }
  if (typeof r.concurrency === 'number') options.concurrency = r.concurrency
  if (typeof r.requestsPerSecond === 'number') options.requestsPerSecond = r.requestsPerSecond
  if (typeof r.timeoutSeconds === 'number') options.timeoutMs = r.timeoutSeconds * 1000
  if (typeof r.retries === 'number') options.retries = r.retries
  if (typeof r.stallSeconds === 'number') options.stallTimeoutMs = r.stallSeconds * 1000
  if (typeof r.full === 'boolean') options.full = r.full
  if (typeof r.restart === 'boolean') options.restart = r.restart
  if (typeof r.files === 'boolean') options.files = r.files
  return options
}

async function main(): Promise<void> {
  let cli: Cli
  try {
    cli = parseArgs(process.argv.slice(2))
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
    process.exit(2)
  }
  const print = (line: string) => (cli.json ? process.stderr : process.stdout).write(`${line}\n`)
  try {
    const done = cli.dataDir ? await importIntoDataDir(cli, print) : await importViaRelay(cli, print)
    if (cli.json) process.stdout.write(`${JSON.stringify(done, null, 1)}\n`)
    else {
      print(summary(done))
      print(formatReport(done.report as ReportSummaryLine[]))
    }
    process.exit(done.status === 'done' ? 0 : 1)
  } catch (error) {
    console.error(`import failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main()
