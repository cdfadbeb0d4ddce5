/**
 * Creates an administrator account outside demo mode:
 *   npm run create-admin -- <username> "<Full Name>"
 * The password is read from RATSTISCH_ADMIN_PASSWORD or asked for on the terminal (not echoed).
 */
import { createInterface } from 'node:readline/promises'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../db/database.ts'
import { UserStore } from '../auth/user-store.ts'

async function askPassword(): Promise<string> {
  if (process.env.RATSTISCH_ADMIN_PASSWORD) return process.env.RATSTISCH_ADMIN_PASSWORD
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  const mutable = rl as unknown as { _writeToOutput?: (s: string) => void }
  const question = rl.question('Password (min. 10 characters): ')
  mutable._writeToOutput = () => {}
  const password = await question
  rl.close()
  process.stdout.write('\n')
  return password
}

const [username, name] = process.argv.slice(2)
if (!username || !name) {
  console.error('usage: npm run create-admin -- <username> "<Full Name>"')
  process.exit(2)
}
const config = loadConfig()
const users = new UserStore(openDatabase(config.dataDir))
if (users.byUsername(username)) {
  console.error(`user "${username}" exists already`)
  process.exit(1)
}
try {
  const user = await users.create({ username, name, password: await askPassword(), roles: ['admin'] })
  console.log(`created administrator ${user.username} (${user.id}) in ${config.dataDir}`)
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
