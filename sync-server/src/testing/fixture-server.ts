/** Runs the test fixture relay as its own process (for crash tests): prints "PORT <n>" when listening. */
import { startFixture } from './relay-fixture.ts'

const dataDir = process.env.DATA_DIR
if (!dataDir) throw new Error('DATA_DIR is required')
const port = Number(process.env.PORT ?? '0')
const fx = await startFixture({ port }, dataDir)
process.stdout.write(`PORT ${fx.port}\n`)
process.on('SIGTERM', () => process.exit(0))
