/**
 * Live meeting latency: the clerk records a vote on an item (the same Automerge change the live
 * view makes: vote counts, derived result, status) and 30 member devices (Node automerge-repo
 * clients over WebSocket, read-only members) follow the meeting. Prints p50/p95 of the time from
 * the vote entry to each member device showing it, and to all 30 having it, for the gated relay
 * and — in the same run, as the baseline — for automerge-repo's stock relay (no access control,
 * no flush-before-ack).
 *
 *   npm run bench:live-latency -- [members=30] [votes=40]
 */
import type { DocHandle } from '@automerge/automerge-repo'
import { DEFAULT_BODY_SETTINGS, quorumFor, voteOutcome, type AttendanceEntry, type MeetingDoc, type RosterEntry, type VoteRecord } from '@ratstisch/domain'
import { gatedFollowers, stockFollowers, type Followers } from './support/meeting-followers.ts'
import { percentile } from './support/processes.ts'

const MEMBERS = Number(process.argv[2] ?? 30)
const VOTES = Number(process.argv[3] ?? 40)
const SEATS = 11

type Setup = Followers

/** A body of 11 seats, all present since the start of the meeting (the clerk's attendance record). */
function seatRoster(): { roster: RosterEntry[]; attendance: AttendanceEntry[] } {
  const since = new Date(Date.now() - 3_600_000).toISOString()
  const roster: RosterEntry[] = []
  const attendance: AttendanceEntry[] = []
  for (let i = 0; i < SEATS; i++) {
    const personId = `person-${i}`
    const name = `Mitglied ${i}`
    roster.push({ personId, name, role: i === 0 ? 'Vorsitz' : 'Mitglied', votingRight: true })
    attendance.push({ personId, name, kind: 'member', votingRight: true, periods: [{ arrived: since }] })
  }
  return { roster, attendance }
}

function openMeeting(handle: DocHandle<MeetingDoc>): void {
  const { roster, attendance } = seatRoster()
  handle.change((d) => {
    d.roster = roster
    d.attendance = attendance
    d.live = { startedAt: new Date().toISOString(), currentItemId: d.agendaItems[1].id }
    d.state = 'running'
  })
}

/** What the live view writes when the clerk saves a counted vote (LiveView.recordVote). */
function recordVote(handle: DocHandle<MeetingDoc>, yes: number, no: number, abstain: number, at: string): void {
  const doc = handle.doc()!
  const quorum = quorumFor({ roster: doc.roster ?? [], attendance: doc.attendance ?? [], recusals: doc.agendaItems[1].recusals ?? [], at, settings: DEFAULT_BODY_SETTINGS })
  const vote: VoteRecord = { mode: 'counts', yes, no, abstain, at }
  const outcome = voteOutcome(vote, DEFAULT_BODY_SETTINGS, quorum)
  handle.change((d) => {
    const item = d.agendaItems[1]
    item.vote = vote
    item.result = outcome.result
    if (!item.status) item.status = 'behandelt'
  })
}

interface Result {
  device: { p50: number; p95: number }
  all: { p50: number; p95: number; max: number }
}

async function measure(setup: Setup, votes: number): Promise<Result> {
  const perDevice: number[] = []
  const untilAll: number[] = []
  for (let n = 0; n < votes; n++) {
    const at = new Date(Date.now() + n).toISOString()
    const yes = 5 + (n % 5)
    const started = performance.now()
    const arrived = setup.followers.map(
      (h) =>
        new Promise<number>((resolve) => {
          const check = () => {
            const item = h.doc()?.agendaItems[1]
            if (item?.vote?.at === at && item.result) {
              h.off('change', check)
              resolve(performance.now() - started)
            }
          }
          h.on('change', check)
        }),
    )
    recordVote(setup.writer, yes, SEATS - yes - 1, 1, at)
    const times = await Promise.all(arrived)
    perDevice.push(...times)
    untilAll.push(Math.max(...times))
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    device: { p50: percentile(perDevice, 50), p95: percentile(perDevice, 95) },
    all: { p50: percentile(untilAll, 50), p95: percentile(untilAll, 95), max: Math.max(...untilAll) },
  }
}

async function run(name: string, create: () => Promise<Setup>): Promise<Result> {
  const setup = await create()
  openMeeting(setup.writer)
  // every member has the roster before the clock starts
  await Promise.all(
    setup.followers.map(
      (h) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (h.doc()?.roster?.length === SEATS) {
              h.off('change', check)
              resolve()
            }
          }
          h.on('change', check)
          check()
        }),
    ),
  )
  await measure(setup, Math.min(10, VOTES)) // warm-up
  const result = await measure(setup, VOTES)
  for (const repo of setup.repos) repo.networkSubsystem.adapters.forEach((a) => a.disconnect())
  setup.stop()
  console.log(
    `${name.padEnd(28)} per device p50 ${result.device.p50.toFixed(1)} ms  p95 ${result.device.p95.toFixed(1)} ms   ` +
      `all ${MEMBERS}: p50 ${result.all.p50.toFixed(1)} ms  p95 ${result.all.p95.toFixed(1)} ms  max ${result.all.max.toFixed(1)} ms`,
  )
  return result
}

console.log(`live meeting: clerk records ${VOTES} votes, ${MEMBERS} member devices follow (time from vote entry to the device showing it)`)
const stock = await run('stock automerge-repo relay', () => stockFollowers(MEMBERS))
const gated = await run('Ratstisch gated relay', () => gatedFollowers(MEMBERS))
console.log(`ratio gated/stock (all)      p50 ${(gated.all.p50 / stock.all.p50).toFixed(2)}×   p95 ${(gated.all.p95 / stock.all.p95).toFixed(2)}×`)
process.exit(0)
