/**
 * Production mode: no demo town, no demo accounts; the first administrator comes from the CLI,
 * and a data directory with demo data is refused.
 */
import { describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { startScript, ROOT } from '../testing/child-process.ts'

const run = promisify(execFile)

describe('production mode', () => {
  it('starts empty, takes the first admin from the CLI, and that admin can sign in', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-prod-'))
    const env = { ...process.env, DATA_DIR: dataDir, RATSTISCH_DEMO: '0', RATSTISCH_ADMIN_PASSWORD: 'ein-sicheres-passwort' }
    const created = await run(process.execPath, ['--import', 'tsx', 'sync-server/src/cli/create-admin.ts', 'hauptamt', 'Petra Hauptamt'], { cwd: ROOT, env })
    expect(created.stdout).toMatch(/created administrator hauptamt/)
    await expect(run(process.execPath, ['--import', 'tsx', 'sync-server/src/cli/create-admin.ts', 'hauptamt', 'Noch mal'], { cwd: ROOT, env })).rejects.toThrow(/exists already/)

    const { child, port } = await startPrintingPort(dataDir)
    try {
      const origin = `http://127.0.0.1:${port}`
      const login = (username: string, password: string) =>
        fetch(`${origin}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ username, password }),
        })
      expect((await login('member-a', 'ratstisch-demo')).status).toBe(401)
      const res = await login('hauptamt', 'ein-sicheres-passwort')
      expect(res.status).toBe(200)
      expect(((await res.json()) as { user: { roles: string[] } }).user.roles).toEqual(['admin'])
      expect(((await (await fetch(`${origin}/health`)).json()) as { documents: number }).documents).toBe(0)
    } finally {
      child.kill('SIGKILL')
    }
  }, 60_000)

  it('refuses a data directory that holds demo data', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratstisch-prod-demo-'))
    const { Database } = { Database: (await import('better-sqlite3')).default }
    const { migrate } = await import('../db/database.ts')
    const db = new Database(path.join(dataDir, 'ratstisch.sqlite'))
    migrate(db)
    db.prepare("INSERT INTO settings (key, value) VALUES ('demo.seeded', '2026-11-01')").run()
    db.close()
    const result = await run(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, RATSTISCH_DEMO: '0', PORT: '0' },
    }).catch((error: { code: number; stderr: string }) => error)
    expect((result as { code: number }).code).toBe(1)
    expect((result as { stderr: string }).stderr).toMatch(/holds demo data/)
  }, 30_000)
})

/** main.ts prints "Ratstisch on http://localhost:<port>"; wrap it so startScript can read the port. */
async function startPrintingPort(dataDir: string) {
  const wrapper = path.join(dataDir, 'start.mts')
  fs.writeFileSync(
    wrapper,
    `const orig = process.stdout.write.bind(process.stdout)
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  const m = /localhost:(\\d+)/.exec(String(chunk))
  if (m) orig('PORT ' + m[1] + '\\n')
  return orig(chunk as string, ...(rest as []))
}) as typeof process.stdout.write
await import(${JSON.stringify(path.join(ROOT, 'sync-server/src/main.ts'))})
`,
  )
  return startScript(wrapper, { DATA_DIR: dataDir, RATSTISCH_DEMO: '0', PORT: '0', HOST: '127.0.0.1' })
}
