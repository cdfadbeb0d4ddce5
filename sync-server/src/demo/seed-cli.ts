/**
 * Seeds the demo town into a data directory without starting the relay, e.g. for benchmarks:
 *   npm run seed -- --scale 10 --data-dir ./data-scale10 [--anchor 2026-11-01]
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.ts'
import { createRelay } from '../relay.ts'
import { seedDemoTown } from './seed.ts'

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    'data-dir': { type: 'string' },
    anchor: { type: 'string' },
  },
})
const scale = Number(values.scale)
if (!Number.isInteger(scale) || scale < 1 || scale > 100) {
  console.error('--scale takes a whole number from 1 to 100')
  process.exit(2)
}
const config = { ...loadConfig(), ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) }
const relay = createRelay({ ...config, dataDir: loadConfig({ DATA_DIR: config.dataDir }).dataDir })
const report = await seedDemoTown(relay, { scale, anchorDate: values.anchor, log: (l) => console.log(l) })
if (report.skipped) console.log(`${relay.config.dataDir} already holds data: nothing seeded`)
else console.log(JSON.stringify(report))
await relay.close()
