/** Starts the relay: `npm start` (after the client build) or `npm run serve`. */
import { loadConfig } from './config.ts'
import { getSetting } from './db/database.ts'
import { seedDemoTown } from './demo/seed.ts'
import { createRelay } from './relay.ts'

// A stray rejection inside a library must not take the relay (and every member's sync) down.
process.on('unhandledRejection', (reason) => {
  console.error(`[relay] unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`)
})

const config = loadConfig()
const relay = createRelay(config)

if (!config.demo && getSetting(relay.db, 'demo.seeded')) {
  console.error(`[relay] ${config.dataDir} holds demo data with demo accounts; with RATSTISCH_DEMO=0 use an empty DATA_DIR.`)
  process.exit(1)
}
if (config.demo) {
  const report = await seedDemoTown(relay, {
    anchorDate: config.demoAnchorDate,
    scale: config.demoScale,
    log: (line) => console.log(`[relay] ${line}`),
  })
  if (!report.skipped) console.log(`[relay] demo town seeded in ${report.seconds.toFixed(1)} s`)
} else if (relay.users.count() === 0) {
  console.log('[relay] no accounts yet: create the first administrator with `npm run create-admin -- <username> "<Name>"`')
}

const port = await relay.listen()
console.log(`[relay] Ratstisch on http://localhost:${port} (portal /, app /app/), data in ${config.dataDir}`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    console.log(`[relay] ${signal}: flushing documents and stopping`)
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  })
}
