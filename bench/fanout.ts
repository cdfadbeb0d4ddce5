/**
 * Fan-out: one writer and 50 readers (Node automerge-repo clients over WebSocket) on one meeting
 * document. Prints p50/p95 of the time from a change to all readers having it, for the gated relay
 * and for automerge-repo's stock relay (baseline, no access control, no flush-before-ack) in the
 * same run, and the ratio between them.
 *
 *   npm run bench:fanout -- [readers=50] [changes=40]
 */
import { gatedFollowers, stockFollowers, type Followers } from './support/meeting-followers.ts'
import { percentile } from './support/processes.ts'

const READERS = Number(process.argv[2] ?? 50)
const CHANGES = Number(process.argv[3] ?? 40)

type Setup = Followers

async function measure(setup: Setup): Promise<{ p50: number; p95: number; max: number }> {
  const allReaders: number[] = []
  for (let n = 0; n < CHANGES; n++) {
    const title = `Titel ${n} ${Math.random().toString(36).slice(2)}`
    const started = performance.now()
    const arrived = setup.followers.map(
      (h) =>
        new Promise<number>((resolve) => {
          const check = () => {
            if (h.doc()?.agendaItems[1]?.title === title) {
              h.off('change', check)
              resolve(performance.now() - started)
            }
          }
          h.on('change', check)
        }),
    )
    setup.writer.change((d) => {
      d.agendaItems[1].title = title
    })
    const times = await Promise.all(arrived)
    allReaders.push(Math.max(...times))
    await new Promise((r) => setTimeout(r, 50))
  }
  return { p50: percentile(allReaders, 50), p95: percentile(allReaders, 95), max: Math.max(...allReaders) }
}

async function run(name: string, create: () => Promise<Setup>) {
  const setup = await create()
  await measure(setup) // warm-up; measure again
  const result = await measure(setup)
  for (const repo of setup.repos) repo.networkSubsystem.adapters.forEach((a) => a.disconnect())
  setup.stop()
  console.log(`${name.padEnd(28)} p50 ${result.p50.toFixed(1)} ms   p95 ${result.p95.toFixed(1)} ms   max ${result.max.toFixed(1)} ms`)
  return result
}

console.log(`fan-out: 1 writer, ${READERS} readers, ${CHANGES} changes (time until ALL readers have a change)`)
const stock = await run('stock automerge-repo relay', () => stockFollowers(READERS))
const gated = await run('Ratstisch gated relay', () =>
  gatedFollowers(READERS, process.env.PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE}`] : []),
)
console.log(`ratio gated/stock            p50 ${(gated.p50 / stock.p50).toFixed(2)}×   p95 ${(gated.p95 / stock.p95).toFixed(2)}×`)
process.exit(0)
