/**
 * Where the reference data (OParl schemas and captures, the SEPA XSD) lives: `../shared` next to
 * the repository, or RATSTISCH_SHARED_DIR. It is never copied into the project; tests that need it
 * skip with a message when it is absent (CI always has it).
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export function sharedDir(): string {
  return resolve(process.env.RATSTISCH_SHARED_DIR ?? join(repoRoot, '..', 'shared'))
}

/** The path of `sub` inside the shared folder, or null (with a note on the console) when it is absent. */
export function sharedPath(sub: string): string | null {
  const path = join(sharedDir(), sub)
  if (existsSync(path)) return path
  console.warn(`[tests] ${path} is absent: tests that need the shared reference data are skipped (set RATSTISCH_SHARED_DIR)`)
  return null
}
