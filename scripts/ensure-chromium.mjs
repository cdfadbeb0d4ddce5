#!/usr/bin/env node
// The e2e suite runs on Debian's Chromium (/usr/bin/chromium). Install it when missing and we can
// (root with apt-get); otherwise stop with one line that says what to run.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (existsSync(CHROMIUM)) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const hasApt = existsSync('/usr/bin/apt-get')
if (isRoot && hasApt) {
  console.log(`[ensure-chromium] ${CHROMIUM} missing: installing Debian's chromium with apt-get …`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execSync('apt-get update -qq', { stdio: 'inherit', env })
  execSync('apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core', { stdio: 'inherit', env })
  if (existsSync(CHROMIUM)) process.exit(0)
}
console.error(`Chromium not found at ${CHROMIUM}: run "sudo apt-get install chromium" (Debian) or set CHROMIUM_PATH, then npm test again.`)
process.exit(1)
