/**
 * A real relay (sync-server/src/main.ts) as a child process for the browser and HTTP benchmarks:
 * started on a port with its own data directory, awaited until /health answers (seeding the demo
 * town when asked), killed when the benchmark exits; and a signed-in cookie for a demo user.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { ROOT } from './processes.ts'

export interface RelayProcess {
  child: ChildProcess
  origin: string
  /** session cookie ("name=value") of a user signed in with the given password */
  cookieOf(username: string, password: string): Promise<string>
}

export async function startRelay(options: { port: number; dataDir: string; demo: boolean }): Promise<RelayProcess> {
  const origin = `http://127.0.0.1:${options.port}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(options.port), HOST: '127.0.0.1', PUBLIC_URL: origin, DATA_DIR: options.dataDir, RATSTISCH_DEMO: options.demo ? '1' : '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  process.once('exit', () => child.kill('SIGKILL'))
  for (;;) {
    try {
      if ((await fetch(`${origin}/health`)).ok) break
    } catch {
      /* starting (seeding the demo town) */
    }
    if (child.exitCode !== null) throw new Error(`relay exited with ${child.exitCode}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    child,
    origin,
    async cookieOf(username, password) {
      const res = await fetch(`${origin}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ username, password }),
      })
      if (!res.ok) throw new Error(`login ${username}: ${res.status}`)
      return res.headers.get('set-cookie')!.split(';')[0]
    },
  }
}

export async function freePort(): Promise<number> {
  const net = await import('node:net')
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as import('node:net').AddressInfo).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** CPU seconds a process used so far (utime + stime from /proc) */
export function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** waits until the relay has finished its start-up work (publishing, PDF text extraction) */
export async function waitIdle(pid: number, label: string): Promise<void> {
  const started = Date.now()
  let quiet = 0
  for (let before = cpuSeconds(pid); quiet < 4 && Date.now() - started < 300_000; ) {
    await new Promise((r) => setTimeout(r, 500))
    const now = cpuSeconds(pid)
    quiet = now - before < 0.025 ? quiet + 1 : 0
    before = now
  }
  console.log(`${label}: relay idle after ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
