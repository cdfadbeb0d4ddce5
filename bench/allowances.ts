/**
 * Allowance calculation at town scale: one year (2026) for 1,000 members with 30,000 attendance
 * records, plus claims and absences, under the Musterstadt statute (every rule switched on).
 * Reported:
 *
 * - calculation time (median of runs) for the year, split into input validation, normalization
 *   with the input hash, and the rest;
 * - peak memory: each measurement runs in its own child process; the child's peak RSS
 *   (`process.resourceUsage().maxRSS`) and the heap the result keeps (after a full GC);
 * - the payout for the year (SEPA pain.001.001.09 XML and the booking CSV) as a follow-on figure.
 *
 * Baseline in the same run, on the same generated input in a child of its own: iterating the
 * attendance records and grouping them by member and day (the least any calculation must do).
 *
 *   npm run bench:allowances -- [--members 1000] [--records 30000] [--runs 5]
 */
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import {
  assertCalculationInput,
  bookingCsv,
  buildPayout,
  calculate,
  normalizeInput,
  pain001Xml,
  type AttendanceRecord,
  type CalculationInput,
  type Claim,
  type MembershipRecord,
  type OrganizationRef,
} from '../packages/allowances/src/index.ts'
import { MUSTERSTADT, berlin } from '../packages/allowances/src/testing/scenario.ts'
import { percentile } from './support/processes.ts'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const MEMBERS = arg('members', 1000)
const RECORDS = arg('records', 30000)
const RUNS = arg('runs', 5)

/** Deterministic pseudo-random numbers (the same town every run). */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** A town with a council, 12 committees, 30 local councils and 6 factions; members spread over them. */
function generateYear(): CalculationInput {
  const rnd = random(42)
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)]
  const organizations: OrganizationRef[] = [{ id: 'sr', name: 'Stadtrat', classification: 'Stadtrat' }]
  for (let i = 0; i < 12; i++) organizations.push({ id: `a${i}`, name: `Ausschuss ${i + 1}`, classification: 'Ausschuss' })
  for (let i = 0; i < 30; i++) organizations.push({ id: `or${i}`, name: `Ortschaftsrat ${i + 1}`, classification: 'Ortschaftsrat' })
  for (let i = 0; i < 6; i++) organizations.push({ id: `f${i}`, name: `Fraktion ${i + 1}`, classification: 'Fraktion' })
  const committees = organizations.filter((o) => o.classification === 'Ausschuss')
  const locals = organizations.filter((o) => o.classification === 'Ortschaftsrat')

  const members = Array.from({ length: MEMBERS }, (_, i) => ({ personId: `p${String(i).padStart(4, '0')}`, name: `Mitglied ${i + 1}` }))
  const memberships: MembershipRecord[] = []
  const bodiesOf = new Map<string, OrganizationRef[]>()
  members.forEach((m, i) => {
    const bodies: OrganizationRef[] = []
    const council = i < 40
    const expert = !council && i % 10 === 0
    if (expert) {
      const c = pick(committees)
      memberships.push({ personId: m.personId, organizationId: c.id, role: 'sachkundiger Einwohner', startDate: '2024-07-01', endDate: null })
      bodies.push(c)
    } else if (council) {
      memberships.push({ personId: m.personId, organizationId: 'sr', role: i === 0 ? 'Vorsitz' : i === 1 ? 'stellv. Vorsitz' : 'Mitglied', startDate: '2024-07-01', endDate: null })
      bodies.push(organizations[0])
      const c = committees[i % committees.length]
      memberships.push({ personId: m.personId, organizationId: c.id, role: i < 12 ? 'Vorsitz' : 'Mitglied', startDate: '2024-07-01', endDate: null })
      bodies.push(c)
      memberships.push({ personId: m.personId, organizationId: `f${i % 6}`, role: i < 6 ? 'Fraktionsvorsitz' : 'Mitglied', startDate: '2024-07-01', endDate: null })
      bodies.push(organizations.find((o) => o.id === `f${i % 6}`)!)
    } else {
      const l = locals[i % locals.length]
      // a few join or leave during the year (part months)
      const start = i % 37 === 0 ? '2026-05-15' : '2024-07-01'
      const end = i % 41 === 0 ? '2026-09-10' : null
      memberships.push({ personId: m.personId, organizationId: l.id, role: i % 97 === 0 ? 'Vorsitz' : 'Mitglied', startDate: start, endDate: end })
      bodies.push(l)
    }
    bodiesOf.set(m.personId, bodies)
  })

  const kindOf = (o: OrganizationRef) =>
    o.classification === 'Stadtrat' ? 'council' : o.classification === 'Ausschuss' ? 'committee' : o.classification === 'Fraktion' ? 'faction' : 'localCouncil'
  const attendance: AttendanceRecord[] = []
  const claims: Claim[] = []
  for (let n = 0; n < RECORDS; n++) {
    const m = members[n % MEMBERS]
    const body = pick(bodiesOf.get(m.personId)!)
    const month = 1 + Math.floor(rnd() * 12)
    const day = 1 + Math.floor(rnd() * 28)
    const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    const hour = 14 + Math.floor(rnd() * 6)
    const minutes = 30 + Math.floor(rnd() * 180)
    const end = hour * 60 + minutes
    const endTime = `${String(Math.min(23, Math.floor(end / 60))).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`
    attendance.push({
      personId: m.personId,
      meetingId: `${body.id}-${date}-${hour}`,
      meetingKind: rnd() < 0.02 ? 'conference' : kindOf(body),
      organizationId: body.id,
      date,
      periods: [{ arrived: berlin(date, `${hour}:00`), left: berlin(date, endTime) }],
      ...(rnd() < 0.01 ? { ordered: true } : {}),
      ...(rnd() < 0.001 ? { expelledAt: berlin(date, endTime) } : {}),
    })
    if (rnd() < 0.15) claims.push({ id: `t${n}`, personId: m.personId, kind: 'travel', date, mode: 'car', km: Math.round(rnd() * 400) / 10, inTown: rnd() < 0.3 })
    if (rnd() < 0.05) claims.push({ id: `l${n}`, personId: m.personId, kind: 'lostEarnings', date, basis: 'employee', minutes: Math.floor(rnd() * 300), hourlyRateCents: 1800 + Math.floor(rnd() * 2000) })
  }
  const absences = members.filter((_, i) => i % 53 === 0).map((m, i) => ({ personId: m.personId, from: `2026-0${1 + (i % 6)}-10`, to: i % 2 ? null : '2026-08-31' }))
  return { statute: MUSTERSTADT, period: { from: '2026-01-01', to: '2026-12-31' }, members, organizations, memberships, attendance, claims, absences, assignments: [] }
}

/** The baseline: iterate the attendance records and group them by member and day. */
function groupAttendance(input: CalculationInput): Map<string, Map<string, AttendanceRecord[]>> {
  const byPerson = new Map<string, Map<string, AttendanceRecord[]>>()
  for (const a of input.attendance) {
    let days = byPerson.get(a.personId)
    if (!days) byPerson.set(a.personId, (days = new Map()))
    const list = days.get(a.date)
    if (list) list.push(a)
    else days.set(a.date, [a])
  }
  return byPerson
}

interface ChildResult {
  mode: string
  buildMs: number
  timesMs: number[]
  /** CPU time (user + system) of the same runs: steadier than wall time on a shared machine */
  cpuMs: number[]
  maxRssMiB: number
  retainedHeapMiB: number
  extra: Record<string, number | string>
}

function gc(): void {
  ;(globalThis as { gc?: () => void }).gc?.()
}

function child(mode: 'baseline' | 'calculate'): void {
  const t0 = performance.now()
  const input = generateYear()
  const buildMs = performance.now() - t0
  gc()
  const heapBefore = v8.getHeapStatistics().used_heap_size
  const extra: Record<string, number | string> = {}
  let keep: unknown
  const times: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < RUNS + 1; i++) {
    const start = performance.now()
    const cpuStart = process.cpuUsage()
    keep = mode === 'baseline' ? groupAttendance(input) : calculate(input)
    const ms = performance.now() - start
    const used = process.cpuUsage(cpuStart)
    if (i > 0) cpu.push((used.user + used.system) / 1000)
    if (i === 0) {
      // the first run is also the memory measurement: peak RSS so far, heap the result keeps
      gc()
      extra.retained = v8.getHeapStatistics().used_heap_size - heapBefore
      extra.maxRss = process.resourceUsage().maxRSS
      extra.firstRunMs = Math.round(ms)
    } else times.push(ms)
  }
  if (mode === 'calculate') {
    const run = keep as ReturnType<typeof calculate>
    extra.items = run.members.reduce((s, m) => s + m.items.length, 0)
    extra.members = run.members.length
    extra.totalEuro = (run.totalCents / 100).toFixed(2)
    const phases = { validate: [] as number[], normalize: [] as number[] }
    const cpuMsSince = (start: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(start)
      return (used.user + used.system) / 1000
    }
    for (let i = 0; i < RUNS; i++) {
      let s = process.cpuUsage()
      assertCalculationInput(input)
      phases.validate.push(cpuMsSince(s))
      s = process.cpuUsage()
      normalizeInput(input)
      phases.normalize.push(cpuMsSince(s))
    }
    extra.validateMs = Math.round(percentile(phases.validate, 50))
    extra.normalizeMs = Math.round(percentile(phases.normalize, 50))
    const s = performance.now()
    const payout = buildPayout({
      runs: [run],
      payees: input.members.map((m) => ({ personId: m.personId, name: m.name, iban: 'DE89370400440532013000', town: 'Musterstadt', country: 'DE' })),
      debtor: { name: 'Stadt Musterstadt', iban: 'DE02120300000000202051', town: 'Musterstadt', country: 'DE' },
      executionDate: '2027-01-05',
      createdAt: '2027-01-04T09:00:00',
    })
    const xml = pain001Xml(payout)
    const csv = bookingCsv(payout)
    extra.payoutMs = Math.round(performance.now() - s)
    extra.transfers = payout.numberOfTransactions
    extra.xmlKiB = Math.round(xml.length / 1024)
    extra.csvKiB = Math.round(csv.length / 1024)
  }
  const result: ChildResult = {
    mode,
    buildMs,
    timesMs: times,
    cpuMs: cpu,
    maxRssMiB: Number(extra.maxRss) / 1024,
    retainedHeapMiB: Number(extra.retained) / 2 ** 20,
    extra,
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

function runChild(mode: string): ChildResult {
  const out = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), '--child', mode, '--members', String(MEMBERS), '--records', String(RECORDS), '--runs', String(RUNS)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (out.status !== 0) throw new Error(`child ${mode} failed: ${out.stderr}`)
  return JSON.parse(out.stdout.trim().split('\n').pop()!)
}

const childMode = process.argv.includes('--child') ? process.argv[process.argv.indexOf('--child') + 1] : null
if (childMode === 'baseline' || childMode === 'calculate') {
  child(childMode)
} else {
  console.log(`allowances: one year (2026), ${MEMBERS} members, ${RECORDS} attendance records, Musterstadt statute; ${RUNS} timed runs after one measured run, each side in its own process`)
  const base = runChild('baseline')
  const calc = runChild('calculate')
  const med = (r: ChildResult) => percentile(r.timesMs, 50)
  const cpuMed = (r: ChildResult) => percentile(r.cpuMs, 50)
  const fmt = (n: number) => n.toFixed(1)
  console.log(`input generated in ${fmt(calc.buildMs)} ms (not measured below)`)
  console.log('')
  console.log('| what | median ms | median CPU ms | first run ms | peak RSS MiB | heap kept by the result MiB |')
  console.log('|---|---|---|---|---|---|')
  console.log(`| baseline: iterate + group attendance by member and day | ${fmt(med(base))} | ${fmt(cpuMed(base))} | ${base.extra.firstRunMs} | ${fmt(base.maxRssMiB)} | ${fmt(base.retainedHeapMiB)} |`)
  console.log(`| calculate (validate, normalize + hash, items) | ${fmt(med(calc))} | ${fmt(cpuMed(calc))} | ${calc.extra.firstRunMs} | ${fmt(calc.maxRssMiB)} | ${fmt(calc.retainedHeapMiB)} |`)
  console.log('')
  console.log(
    `calculate / baseline: ${(med(calc) / med(base)).toFixed(0)} × wall time, ${(cpuMed(calc) / cpuMed(base)).toFixed(0)} × CPU time; peak RSS difference ${fmt(calc.maxRssMiB - base.maxRssMiB)} MiB, heap kept ${fmt(calc.retainedHeapMiB - base.retainedHeapMiB)} MiB more`,
  )
  console.log(
    `phases of calculate (median CPU ms): input validation ${calc.extra.validateMs}, normalization + SHA-256 ${calc.extra.normalizeMs}, the rest (assignments, items, explanations) ${fmt(cpuMed(calc) - Number(calc.extra.validateMs) - Number(calc.extra.normalizeMs))}`,
  )
  console.log(`load average during the run: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores (wall times suffer on a shared machine; CPU times much less)`)
  console.log(`result: ${calc.extra.members} members, ${calc.extra.items} line items, total ${calc.extra.totalEuro} €`)
  console.log(`payout of the year: ${calc.extra.transfers} transfers, pain.001 ${calc.extra.xmlKiB} KiB + booking CSV ${calc.extra.csvKiB} KiB in ${calc.extra.payoutMs} ms`)
}
