/**
 * A real relay (sync-server/src/main.ts) as a child process for the browser and HTTP benchmarks:
 * started on a port with its own data directory, awaited until /health answers (seeding the demo
 * town when asked), killed when the benchmark exits; and a signed-in cookie for a demo user.
 */
import { spawn, type ChildProcess } from 'node:child_process'
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
