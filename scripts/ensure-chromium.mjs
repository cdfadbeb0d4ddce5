#!/usr/bin/env node
// The e2e suite runs on Debian's Chromium (/usr/bin/chromium) and makes a certificate for its
// local push service with openssl. Install what is missing when we can (root with apt-get);
// otherwise stop with one line that says what to run.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const hasOpenssl = () => {
  try {
    execSync('openssl version', { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const missing = [...(existsSync(CHROMIUM) ? [] : ['chromium', 'fonts-dejavu-core']), ...(hasOpenssl() ? [] : ['openssl'])]
if (missing.length === 0) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
const hasApt = existsSync('/usr/bin/apt-get')
if (isRoot && hasApt) {
  console.log(`[ensure-chromium] missing ${missing.join(', ')}: installing with apt-get …`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execSync('apt-get update -qq', { stdio: 'inherit', env })
  execSync(`apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`, { stdio: 'inherit', env })
  if (existsSync(CHROMIUM) && hasOpenssl()) process.exit(0)
}
if (!existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM}: run "sudo apt-get install chromium" (Debian) or set CHROMIUM_PATH, then npm test again.`)
} else {
  console.error('openssl not found (the e2e push service needs a certificate): run "sudo apt-get install openssl", then npm test again.')
}
process.exit(1)
